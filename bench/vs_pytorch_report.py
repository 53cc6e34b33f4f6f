#!/usr/bin/python3
"""Summarizes the RESULT lines of bench/vs-pytorch.sh (read from the log files given, or stdin):
medians per side, Java's speed-up over PyTorch, achieved GFLOP/s against the matmul peak, peak memory,
the profile if one was taken, and one machine-readable line per case."""
import fileinput
import re
import statistics
from collections import defaultdict

BATCH = 128
LINE = re.compile(r"^RESULT side=(\w+) case=(\w+) value=([-0-9.naN]+) unit=(\S+)")


def conv(cin, cout, size):
    return 2 * cin * cout * 9 * size * size  # 3x3 convolution, padding 1: multiply-adds x 2


# Forward FLOPs per 32x32 image, convolutions and the linear layer (BN, ReLU, pooling are < 1 %).
FORWARD_FLOPS = {
    "cnn_v1": conv(3, 32, 32) + conv(32, 64, 16) + conv(64, 128, 8) + 2 * 128 * 10,
    "cnn_v2": conv(3, 32, 32) + conv(32, 32, 32) + conv(32, 64, 16) + conv(64, 64, 16) + conv(64, 128, 8) + 2 * 128 * 10,
}
# case -> (model, passes): a training step is about 3 forward passes (forward, input and weight gradients)
COMPUTE_CASES = {
    "train_step_cnn_v1": ("cnn_v1", 3),
    "train_step_cnn_v2": ("cnn_v2", 3),
    "conv_only_cnn_v2": ("cnn_v2", 3),
    "epoch_rate": ("cnn_v2", 3),
    "eval_cnn_v2": ("cnn_v2", 1),
}
CASES = [  # (case, title, higher is better)
    ("train_step_cnn_v1", "1. training step, CNN_V1, batch 128, Adam (in-memory tensors)", True),
    ("train_step_cnn_v2", "1. training step, CNN_V2, batch 128, SGD momentum (in-memory tensors)", True),
    ("conv_only_cnn_v2", "   CNN_V2's five convolutions alone, forward and backward (a step's ceiling)", True),
    ("epoch_cnn_v2_augmented", "2. one augmented training epoch of lesson 000 section 5 (CNN_V2)", False),
    ("eval_cnn_v2", "3. evaluation over the test set (CNN_V2)", True),
    ("notebook_first_cell", "4. kernel start to the first executed cell", False),
    ("notebook_first_tensor_cell", "4. the first tensor cell (engine load)", False),
]
TARGETS = {"train_step_cnn_v1": 1.0, "train_step_cnn_v2": 1.0, "epoch_cnn_v2_augmented": 2.0}


def main():
    values = defaultdict(list)
    units = {}
    for line in fileinput.input():
        m = LINE.match(line.strip())
        if m:
            side, case, value, unit = m.groups()
            values[(side, case)].append(float(value))
            units[case] = unit

    def med(side, case):
        v = values.get((side, case))
        return statistics.median(v) if v else float("nan")

    rounds = max(len(v) for v in values.values()) if values else 0
    if any(case in PROJECT_CASES for (_, case) in values):
        print_project(med, values, rounds)
        return
    print("\n== vs PyTorch: medians of %d alternating round(s); ratio = Java's speed-up (>1: Java faster)" % rounds)
    print("   threads: java %g, pytorch %g; generated epoch of %g images"
          % (med("java", "threads"), med("pytorch", "threads"), med("java", "epoch_images")))
    print("%-72s %12s %12s %8s  %s" % ("case", "java", "pytorch", "ratio", "unit"))
    ratios = {}
    for case, title, higher in CASES:
        j, p = med("java", case), med("pytorch", case)
        ratios[case] = (j / p if higher else p / j) if j and p else float("nan")
        print("%-72s %12.2f %12.2f %7.2fx  %s" % (title, j, p, ratios[case], units.get(case, "?")))
        for side in ("java", "pytorch"):
            runs = values.get((side, case), [])
            if len(runs) > 1:
                print("%-72s %s" % ("     %s runs" % side, " ".join("%.2f" % r for r in runs)))

    peak = max(med("java", "matmul_peak"), med("pytorch", "matmul_peak"))
    print("\n== compute against the machine: best float32 matmul (1024, 2048) java %.1f, pytorch %.1f GFLOP/s"
          % (med("java", "matmul_peak"), med("pytorch", "matmul_peak")))
    for case, (model, passes) in COMPUTE_CASES.items():
        flops = FORWARD_FLOPS[model] * passes
        row = []
        for side in ("java", "pytorch"):
            gflops = med(side, case) * flops / 1e9
            row.append("%s %6.1f GFLOP/s (%3.0f %% of matmul)" % (side, gflops, 100 * gflops / peak))
        print("%-24s %5.0f MFLOP/image   %s" % (case, flops / 1e6, "   ".join(row)))

    print_memory(values)
    print_before_after(values, med, units)

    profile = sorted({case for (_, case) in values
                      if case.startswith("profile_") and not case.startswith("profile_step_without_")})
    if profile:
        print("\n== profile of an augmented epoch (seconds, median)")
        for case in profile:
            print("%-40s java %8s   pytorch %8s" % (case[len("profile_"):],
                  *("%.2f" % med(s, case) if (s, case) in values else "-" for s in ("java", "pytorch"))))

    print_step_budget(med)
    print_bound(med)

    print("\n== targets")
    for case, target in TARGETS.items():
        verdict = "met" if ratios[case] >= target else "MISSED"
        print("%-28s ratio %.2f, target >= %.1f: %s" % (case, ratios[case], target, verdict))
    for case in ("peak_rss", "idle_rss"):
        j, p = (max(values.get((side, case), [float("nan")])) for side in ("java", "pytorch"))
        ratios[case] = j / p
        verdict = "met" if ratios[case] <= 1.0 else "MISSED"
        print("%-28s java / pytorch %.2f, target <= 1.0: %s" % (case, ratios[case], verdict))
    print()
    for case, _, _ in CASES:
        print("case=%s java=%.4g pytorch=%.4g unit=%s ratio=%.3f"
              % (case, med("java", case), med("pytorch", case), units.get(case, "?"), ratios[case]))
    for case in ("peak_rss", "idle_rss"):
        print("case=%s java=%.4g pytorch=%.4g unit=MiB java/pytorch=%.3f (largest of the rounds)"
              % (case, max(values.get(("java", case), [float("nan")])),
                 max(values.get(("pytorch", case), [float("nan")])), ratios[case]))


PROJECT_CASES = {  # bench/vs-pytorch.sh --project
    "project_epoch_cifar10cnn": "lesson 39 CIFAR10CNN (3,249,994 parameters)",
    "project_epoch_resnet18": "lesson 39 ResNet-18 of ResBlocks (11,173,962 parameters)",
}


def print_project(med, values, rounds):
    """Seconds per 50,000-image training epoch of lesson 39's models, extrapolated from timed batches."""
    print("\n== lesson 39 models vs PyTorch: seconds per 50,000-image epoch (extrapolated from batches of %d),"
          " medians of %d round(s); ratio = Java's speed-up (>1: Java faster)" % (BATCH, rounds))
    print("   threads: java %g, pytorch %g" % (med("java", "threads"), med("pytorch", "threads")))
    print("%-60s %10s %10s %8s" % ("model", "java s", "pytorch s", "ratio"))
    for case, title in PROJECT_CASES.items():
        j, p = med("java", case), med("pytorch", case)
        print("%-60s %10.0f %10.0f %7.2fx" % (title, j, p, p / j))
    print()
    for case in PROJECT_CASES:
        j, p = med("java", case), med("pytorch", case)
        print("case=%s java=%.4g pytorch=%.4g unit=s/epoch ratio=%.3f" % (case, j, p, p / j))


def ms_per_batch(rate):
    return 1000.0 * BATCH / rate


def print_step_budget(med):
    """Where a Java CNN_V2 step goes: its convolutions alone, and what leaving out each other kind of
    layer saves (--profile)."""
    step, convs = med("java", "train_step_cnn_v2"), med("java", "conv_only_cnn_v2")
    layers = {"dropout": "Dropout", "batchnorm": "BatchNorm", "relu": "ReLU"}
    without = {name: med("java", "profile_step_without_" + kind) for kind, name in layers.items()}
    if any(v != v for v in [step, convs, *without.values()]):  # NaN: not measured
        return
    total = ms_per_batch(step)
    print("\n== where a Java CNN_V2 training step goes (ms per batch of %d, medians; --profile)" % BATCH)
    print("%-40s %7.1f" % ("the whole step", total))
    print("%-40s %7.1f  (%2.0f %%)" % ("its five convolutions alone", ms_per_batch(convs), 100 * ms_per_batch(convs) / total))
    for name, rate in without.items():
        saved = total - ms_per_batch(rate)
        print("%-40s %7.1f  (%2.0f %%)" % ("leaving out the %s layers saves" % name, saved, 100 * saved / total))
    print("(the layers share memory traffic and the runs are noisy: the parts overlap and need not add up)")


JAVA_PARTS = [  # (case, what it is), sampled at the Java process's highest resident memory / in the idle kernel
    ("java_heap_used", "Java heap, used"),
    ("java_heap_committed", "Java heap, committed (reserved from the system)"),
    ("metaspace_and_code", "class metadata and compiled code (committed)"),
    ("c_heap_in_use", "C heap in use: tensors, the engine, the JVM's own"),
    ("c_heap_free_kept", "C heap free but kept by the allocator"),
]


def print_memory(values):
    """Peak resident memory of the bench's work and the idle footprint of a kernel, each side; the
    ratio (Java / PyTorch, <= 1: Java lighter); where Java's memory goes."""
    def largest(side, case):
        v = values.get((side, case))
        return max(v) if v else float("nan")

    print("\n== memory (largest of the rounds, MiB); ratio = java / pytorch (<= 1: Java takes no more)")
    for case, title in (("peak_rss", "peak resident memory of the bench's work (cases 1-3)"),
                        ("idle_rss", "kernel after the setup cell and one small training cell")):
        j, p = largest("java", case), largest("pytorch", case)
        print("%-72s %8.0f %8.0f %7.2fx" % (title, j, p, j / p if p else float("nan")))
        for side in ("java", "pytorch"):
            runs = values.get((side, case), [])
            if len(runs) > 1:
                print("%-72s %s" % ("     %s runs" % side, " ".join("%.0f" % r for r in runs)))
    for prefix, title in (("mem_", "Java near its peak (sampled every 500 ms; resident %.0f MiB)"),
                          ("idle_", "Java kernel, idle")):
        if ("java", prefix + "c_heap_in_use") not in values:
            continue
        at = statistics.median(values.get(("java", "mem_at_peak_rss"), [float("nan")]))
        print("   " + (title % at if "%" in title else title) + ", medians:")
        for case, what in JAVA_PARTS:
            v = values.get(("java", prefix + case))
            if v:
                print("     %-66s %8.0f" % (what, statistics.median(v)))
        if prefix == "mem_" and ("java", "mem_java_heap_max") in values:
            print("     %-66s %8.0f" % ("(Java heap cap)", statistics.median(values[("java", "mem_java_heap_max")])))
    print("   The rest of the resident memory is the libraries' code and data (libtorch's above all),")
    print("   thread stacks and the JVM's bookkeeping; committed memory counts only once touched.")


def print_before_after(values, med, units):
    """With --before: the kernel's JVM settings against the JVM's defaults, same rounds."""
    if not any(side == "java_before" for (side, _) in values):
        return
    print("\n== the kernel's JVM settings (java) against the JVM's defaults (java_before), medians;"
          " change > 0: faster (or less memory) with the kernel's settings")
    for case, title, higher in CASES[:5] + [("peak_rss", "peak resident memory", False)]:
        b, a = med("java_before", case), med("java", case)
        change = (a / b - 1 if higher else b / a - 1) * 100 if a and b else float("nan")
        print("%-72s %10.2f %10.2f %+6.1f %%  %s" % (title, b, a, change, units.get(case, "?")))
        for side in ("java_before", "java"):
            runs = values.get((side, case), [])
            if len(runs) > 1:
                print("%-72s %s" % ("     %s runs" % side, " ".join("%.2f" % r for r in runs)))


def print_bound(med):
    """How fast a float32 epoch could be at most, given how fast the convolutions alone run."""
    convs, lesson_epoch, step = med("java", "conv_only_cnn_v2"), med("pytorch", "epoch_rate"), med("java", "train_step_cnn_v2")
    if convs != convs or lesson_epoch != lesson_epoch:  # NaN: not measured
        return
    print("\n== what bounds case 2 in float32")
    print("Twice the lesson's epoch rate (%.0f images/s) is %.0f images/s: %.1f ms per batch of %d, data included."
          % (lesson_epoch, 2 * lesson_epoch, ms_per_batch(2 * lesson_epoch), BATCH))
    print("CNN_V2's convolutions alone (forward and backward, nothing else) take %.1f ms per batch in Java"
          % ms_per_batch(convs))
    print("(%.0f images/s); the whole step takes %.1f ms. Even with everything but the convolutions free,"
          % (convs, ms_per_batch(step)))
    print("a float32 epoch with these convolution kernels could be at most %.2fx faster than the lesson's."
          % (convs / lesson_epoch))


if __name__ == "__main__":
    main()
