#!/usr/bin/python3
"""Drives the real course kernel (jupyter_client) the way students do, and checks that it survives:

- the stop button (an interrupt request) during Thread.sleep, a busy Java loop and a training run:
  the cell ends within a few seconds with one Korean line ("중지: ..."), the progress bar says
  "중지됨", nothing keeps running, every later cell runs and shows its output, and the interrupted
  model can be evaluated, its history so far charted, and trained further;
- a quiet server terminal: the kernel logs nothing below WARN at start or per cell;
- a cell run before the cell that defines its variable: the compile error starts with a Korean line.

    python3 tests/kernel_check.py        (needs the kernel installed and MNIST in COURSE_DATA_DIR)

Prints one line per check and "kernel_check: N passed, M failed"; exits 1 if any failed.
"""
import os
import queue
import re
import sys
import tempfile
import time

from jupyter_client.manager import KernelManager

ANSI = re.compile(r"\x1b\[[0-9;]*m")
results = []


def check(name, ok, detail=""):
    results.append(ok)
    print("kernel_check: %s: %s%s" % ("ok" if ok else "FAIL", name, "" if ok else " -- " + detail), flush=True)


class Kernel:
    def __init__(self, log_path):
        self.log = open(log_path, "w")
        self.km = KernelManager(kernel_name="dlcourse-java")
        self.km.start_kernel(stdout=self.log, stderr=self.log)
        self.kc = self.km.client()
        self.kc.start_channels()
        self.kc.wait_for_ready(timeout=240)

    def run(self, code, interrupt_when=None, timeout=300, during=None):
        """Runs a cell; interrupt_when(outputs, seconds) says when to press stop. Returns a dict with
        outputs (kind, text), the reply status, seconds from the interrupt to the end, and stray
        messages (output of other cells that arrived meanwhile). during() runs once, 0.8 s in."""
        msg_id = self.kc.execute(code)
        start = time.time()
        outs, stray = [], []
        pressed = None
        while True:
            if during and time.time() - start > 0.8:
                during()
                during = None
            if interrupt_when and pressed is None and interrupt_when(outs, time.time() - start):
                self.km.interrupt_kernel()
                pressed = time.time()
            try:
                msg = self.kc.get_iopub_msg(timeout=0.1)
            except queue.Empty:
                msg = None
            if msg is not None:
                kind = msg["msg_type"]
                if msg["parent_header"].get("msg_id") != msg_id:
                    if kind not in ("status", "execute_input"):
                        stray.append(kind)
                elif kind == "stream":
                    outs.append(("stream", msg["content"]["text"]))
                elif kind == "error":
                    outs.append(("error", ANSI.sub("", "\n".join(msg["content"]["traceback"]))))
                elif kind in ("execute_result", "display_data", "update_display_data"):
                    data = msg["content"]["data"]
                    outs.append((kind, data.get("text/html") or data.get("text/plain") or ""))
                elif kind == "status" and msg["content"]["execution_state"] == "idle":
                    break
            if time.time() - start > timeout:
                outs.append(("timeout", "no idle after %d s" % timeout))
                break
        status = "no reply"
        try:
            reply = self.kc.get_shell_msg(timeout=30)
            while reply["parent_header"].get("msg_id") != msg_id:  # e.g. a late kernel_info_reply
                reply = self.kc.get_shell_msg(timeout=30)
            status = reply["content"]["status"]
        except queue.Empty:
            pass
        return {
            "outs": outs,
            "status": status,
            "after_stop": None if pressed is None else time.time() - pressed,
            "stray": stray,
        }

    def quiet(self, seconds):
        """Messages of any cell that arrive while no cell runs (work left running in the background)."""
        stray, end = [], time.time() + seconds
        while time.time() < end:
            try:
                msg = self.kc.get_iopub_msg(timeout=0.2)
                if msg["msg_type"] not in ("status",):
                    stray.append((msg["msg_type"], str(msg["content"])[:120]))
            except queue.Empty:
                pass
        return stray

    def close(self):
        self.kc.stop_channels()
        self.km.shutdown_kernel(now=True)
        self.log.close()


def text(result, kinds=("stream", "execute_result")):
    return "".join(t for k, t in result["outs"] if k in kinds)


def errors(result):
    return [t for k, t in result["outs"] if k == "error"]


def stopped_line(result):
    errs = errors(result)
    return errs[0].strip() if len(errs) == 1 else "%d error outputs: %r" % (len(errs), errs)


def expect_stop(name, result, limit_s, must_contain=()):
    line = stopped_line(result)
    check(name + ": the cell ends after the stop", result["after_stop"] is not None and result["after_stop"] < limit_s,
          "took %s s" % result["after_stop"])
    check(name + ": one Korean line, no stack trace", line.startswith("중지: ") and "\n" not in line and " at " not in line,
          repr(line))
    for word in must_contain:
        check(name + ": the line says %r" % word, word in line, repr(line))
    check(name + ": the reply says error (Run All stops here)", result["status"] == "error", result["status"])


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    os.environ.setdefault("COURSE_DATA_DIR", os.path.join(root, "build", "test-data"))
    os.environ["COURSE_MODE"] = "quick"
    log_path = os.path.join(tempfile.mkdtemp(prefix="kernel-check-"), "kernel.log")
    k = Kernel(log_path)
    try:
        r = k.run("1 + 1")
        check("a first cell answers", text(r).strip() == "2", repr(r["outs"]))

        # 0. a cell run before the cell that defines its variable
        r = k.run("System.out.println(trainLoaderNotYetDefined.count());")
        first = errors(r)[0].strip().splitlines()[0] if errors(r) else ""
        check("a missing name: the error starts with one Korean line naming it",
              first.startswith("`trainLoaderNotYetDefined`을(를) 찾을 수 없습니다: 위쪽 셀에서 만드는 것이라면"), repr(first))

        # 0b. a browser connecting while a cell runs: Jupyter's server "nudges" the kernel with
        # kernel_info_request on the shell AND the control channel (every 0.5 s until answered)
        infos = []

        def nudge():
            for _ in range(3):
                request = k.kc.session.msg("kernel_info_request")
                k.kc.control_channel.send(request)
                try:
                    reply = k.kc.get_control_msg(timeout=5)
                    infos.append((reply["msg_type"], reply["parent_header"].get("msg_id") == request["header"]["msg_id"]))
                except queue.Empty:
                    infos.append(("no reply", False))
        r = k.run('System.out.println("before");\nThread.sleep(2_500);\nSystem.out.println("after");', timeout=30, during=nudge)
        check("a browser connecting during a cell: kernel_info answered on the control channel",
              infos == [("kernel_info_reply", True)] * 3, repr(infos))
        check("a browser connecting during a cell: the cell ends as usual, all its output its own",
              r["status"] == "ok" and text(r) == "before\nafter\n" and r["stray"] == [], repr(r)[:400])

        # 1. a plain sleep
        r = k.run("Thread.sleep(20_000);\nSystem.out.println(\"not reached\");", lambda o, s: s > 1.5)
        expect_stop("Thread.sleep", r, 3)
        check("Thread.sleep: the rest of the cell did not run", "not reached" not in text(r), text(r))
        r = k.run('System.out.println("after the sleep");')
        check("Thread.sleep: the next cell shows its output", text(r) == "after the sleep\n", repr(r["outs"]))

        # 2. a busy loop that never checks for interruption
        r = k.run("long spins = 0;\nwhile (true) { spins++; }", lambda o, s: s > 1.5)
        expect_stop("busy loop", r, 4)
        r = k.run('System.out.println("after the loop: " + (spins > 0));')
        check("busy loop: the next cell shows its output", text(r) == "after the loop: true\n", repr(r["outs"]))
        check("busy loop: nothing runs on in the background", k.quiet(1.5) == [], "")

        # 3. a training run, stopped in its second epoch
        setup = k.run("Course.setup();\n"
                      "ImageDataset train = Mnist.train().head(6400), test = Mnist.test().head(1000);\n"
                      "Normalization stats = train.statistics(1000);\n"
                      "Batches trainLoader = train.batches(NDManager.newBaseManager(), 16).shuffle(42).normalize(stats);\n"
                      "Batches testLoader = test.batches(NDManager.newBaseManager(), 500).normalize(stats);\n"
                      "Model model = Cells.keep(\"model\", Model.newInstance(\"MLP\"));\n"
                      "model.setBlock(MnistModels.mlp(100));\n"
                      "Trainer trainer = Cells.keep(\"trainer\", model.newTrainer(new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())\n"
                      "    .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(1e-3f)).build())));\n"
                      "trainer.initialize(new Shape(1, 1, 28, 28));\n"
                      "System.out.println(\"ready\");")
        check("training: the setup cell runs", setup["status"] == "ok" and "ready" in text(setup), repr(setup["outs"])[:600])

        def after_two_epochs(outs, seconds):
            return any(k == "stream" and "[Ep 2/" in t for k, t in outs) or seconds > 120

        r = k.run('History h = Training.fit(trainer, trainLoader, testLoader, 500, FitOptions.named("MLP"));\n'
                  'System.out.println("not reached");', after_two_epochs)
        finished = len(re.findall(r"\[Ep \d+/500\]", text(r)))
        expect_stop("training", r, 3, ("MLP 학습을 에폭 %d/500, 배치 " % (finished + 1), "Training.lastHistory()"))
        bars = [t for kind, t in r["outs"] if kind in ("display_data", "update_display_data") and "dlcourse-progress" in t]
        check("training: the progress bar ends stopped", bars and "중지됨" in bars[-1], bars[-1][-300:] if bars else "no bar")
        check("training: nothing runs on in the background", k.quiet(2) == [], "")

        r = k.run('System.out.println(String.format("test accuracy %.3f", Training.evaluate(trainer, testLoader).accuracy()));')
        m = re.search(r"test accuracy ([0-9.]+)", text(r))
        check("training: the stopped model evaluates (it learned: > 0.5)", m is not None and float(m.group(1)) > 0.5,
              repr(r["outs"]))
        r = k.run("History partial = Training.lastHistory();\npartial.size()")
        check("training: the history so far holds the %d finished epochs" % finished, text(r).strip() == str(finished),
              repr(r["outs"]))
        r = k.run("partial.accuracyChart()")
        check("training: the history so far charts", r["status"] == "ok" and any("plotly" in t.lower() for _, t in r["outs"]),
              repr(r["outs"])[:300])
        r = k.run('History more = Training.fit(trainer, trainLoader, testLoader, 1, FitOptions.named("MLP"));\n'
                  'System.out.println("epochs now " + more.size() + ", last " + more.last().orElseThrow().epoch());')
        check("training: training on continues, and says so",
              "이어서" in text(r) and "epochs now %d, last %d" % (finished + 1, finished + 1) in text(r), text(r)[-400:])

        # 3b. the heap cap reached (lib/kernel/jvm-options, -Xmx): one Korean line, the kernel goes on
        for name, cell in (("too large an array", "float[][] tooLarge = new float[400_000][3072];   // 4.9 GB"),
                           ("a list filled until the heap is full",
                            "{ List<float[]> images = new ArrayList<>(); while (true) { images.add(new float[1 << 22]); } }")):
            r = k.run(cell)
            line = errors(r)[0].strip() if len(errors(r)) == 1 else repr(errors(r))
            check("out of memory, %s: one Korean line with the cap and how to raise it" % name,
                  line.startswith("메모리 부족") and "Java 힙 한도" in line and "--max-heap" in line and "\n" not in line
                  and " at " not in line, line[:400])
            r = k.run('System.out.println("after: " + (1 + 1));')
            check("out of memory, %s: the next cell runs" % name, text(r) == "after: 2\n", repr(r["outs"])[:300])
        r = k.run("KernelMemory.now().heapMaxMiB()")
        check("out of memory: the heap cap is the kernelspec's (2 GB, less one survivor space)",
              text(r).strip().isdigit() and 1900 <= int(text(r).strip()) <= 2048, text(r))

        # 3c. the C allocator (lib/kernel/allocator.sh): tcmalloc, installed by test.sh, preloaded by the
        # kernelspec; a closed tensor's memory is kept for reuse, and NativeHeap.trim gives it back
        r = k.run("NDManager probe = NDManager.newBaseManager();\n"
                  "NDArray big = probe.ones(new Shape(64, 1 << 18));   // 64 MiB\n"
                  "long with = kr.dlcourse.nn.NativeHeap.usage().inUse() >> 20;\n"
                  "big.close();\n"
                  "long closed = kr.dlcourse.nn.NativeHeap.usage().inUse() >> 20;\n"
                  "kr.dlcourse.nn.NativeHeap.trim();\n"
                  "long kept = kr.dlcourse.nn.NativeHeap.usage().freeKept() >> 20;\n"
                  "System.out.println(kr.dlcourse.nn.NativeHeap.allocator() + \" \" + (with - closed) + \" \" + kept);")
        parts = text(r).split()
        check("allocator: the kernel runs with tcmalloc", parts[:1] == ["tcmalloc"], repr(r["outs"])[:300])
        check("allocator: a 64 MiB tensor shows in the C heap and leaves it when closed",
              len(parts) == 3 and int(parts[1]) >= 60, text(r))
        check("allocator: after a trim, less than 40 MiB is kept free", len(parts) == 3 and int(parts[2]) < 40, text(r))
        # a tensor far larger than the machine: the allocator refuses it (jemalloc did not: it reserved
        # the address space and the filling killed the kernel), and the cell says so in one Korean line
        with open("/proc/sys/vm/overcommit_memory") as f:
            overcommit = f.read().strip()
        if overcommit in ("0", "2"):
            r = k.run("NDArray huge = probe.zeros(new Shape(1L << 20, 1L << 20));   // 4 TB")
            line = errors(r)[0].strip() if len(errors(r)) == 1 else repr(errors(r))
            check("allocator: a 4 TB tensor fails with one Korean line", line.startswith("메모리 부족") and "\n" not in line
                  and " at " not in line, line[:400])
            r = k.run('probe.close();\nSystem.out.println("after: " + (1 + 1));')
            check("allocator: after the 4 TB tensor the kernel goes on", text(r) == "after: 2\n", repr(r["outs"])[:300])
        else:
            print("kernel_check: skipped the 4 TB tensor: vm.overcommit_memory is %s (always), it would be handed out" % overcommit)
            k.run("probe.close();")

        # 4. the terminal: nothing below WARN at start or for any of these cells
        k.close()
        with open(log_path) as f:
            lines = [l.rstrip() for l in f if l.strip()]
        loud = [l for l in lines if not re.search(r"WARN|SEVERE|ERROR", l)]
        check("quiet terminal: no log line below WARN", loud == [], "\n  ".join(loud[:10]))
    finally:
        try:
            k.close()
        except Exception:
            pass
    failed = results.count(False)
    print("kernel_check: %d passed, %d failed" % (len(results) - failed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
