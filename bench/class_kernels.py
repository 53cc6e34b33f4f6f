#!/usr/bin/python3
"""A class on one server: N course kernels at once, each running notebook 02 up to and including its
training cell in quick mode, as N students would. Reports the wall time, the peak and final memory of
all kernels together, and the memory per kernel (per student), so an instructor can size a server.

    /usr/bin/python3 bench/class_kernels.py [--kernels 8] [--notebook notebooks/02_...ipynb]
                                            [--kernel dlcourse-java] [--threads N]

Needs ./install-kernel.sh (the kernel), python3-nbformat and python3-jupyter-client. The data is what a
notebook would use here: real CIFAR-10 where it is cached, otherwise set COURSE_SYNTHETIC_DATA=1.

Memory is reported three ways: RSS (resident pages, each kernel's count includes the pages it shares
with the others: the JDK's and the engine's code), PSS (shared pages divided among the kernels that
share them: the sum is what the kernels really take together) and the machine's MemAvailable drop.
--threads sets each kernel's engine threads (COURSE_THREADS); by default each kernel uses all cores.
"""
import argparse
import os
import shutil
import sys
import tempfile
import threading
import time

import nbformat
from jupyter_client.manager import KernelManager

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def status_kb(pid, field):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def pss_kb(pid):
    try:
        with open("/proc/%d/smaps_rollup" % pid) as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def mem_available_kb():
    return status_like("/proc/meminfo", "MemAvailable")


def status_like(path, field):
    with open(path) as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def cells_to_run(path):
    """Notebook cells up to and including the first that trains through Checkpoints."""
    code = [c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"]
    train_at = next(i for i, c in enumerate(code) if "Checkpoints." in c)
    return code[:train_at + 1]


class Student(threading.Thread):
    def __init__(self, number, kernel, cells, env):
        super().__init__(daemon=True)
        self.number, self.cells, self.error = number, cells, None
        self.manager = KernelManager(kernel_name=kernel)
        self.env = env
        self.pid = None
        self.done_at = None

    def start_kernel(self):
        self.manager.start_kernel(env=self.env, cwd=os.path.join(ROOT, "notebooks"))
        self.pid = self.manager.provisioner.process.pid

    def run(self):
        client = self.manager.client()
        client.start_channels()
        try:
            client.wait_for_ready(timeout=600)
            for source in self.cells:
                reply = client.execute_interactive(source, timeout=1800, output_hook=lambda msg: None)
                if reply["content"]["status"] != "ok":
                    self.error = "%s: %s" % (reply["content"].get("ename"), reply["content"].get("evalue"))
                    return
            self.done_at = time.perf_counter()
        except Exception as e:  # a timeout or a dead kernel: reported, the others go on
            self.error = repr(e)
        finally:
            client.stop_channels()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--kernels", type=int, default=8)
    parser.add_argument("--notebook", default=os.path.join(ROOT, "notebooks", "02_baseline_mlp_vs_cnn.ipynb"))
    parser.add_argument("--kernel", default="dlcourse-java")
    parser.add_argument("--threads", type=int, default=0)
    args = parser.parse_args()

    cells = cells_to_run(args.notebook)
    checkpoints = tempfile.mkdtemp(prefix="class-kernels-")
    available_before = mem_available_kb()
    students = []
    for n in range(args.kernels):
        env = dict(os.environ, COURSE_MODE="quick", COURSE_CHECKPOINT_DIR=os.path.join(checkpoints, str(n)))
        if args.threads:
            env["COURSE_THREADS"] = str(args.threads)
        students.append(Student(n + 1, args.kernel, cells, env))

    print("class_kernels: %d kernels (%s), %s up to its training cell (%d cells), quick mode, %d cores"
          % (args.kernels, args.kernel, os.path.basename(args.notebook), len(cells), os.cpu_count()), flush=True)
    start = time.perf_counter()
    for s in students:
        s.start_kernel()
    for s in students:
        s.start()
    peak_rss = peak_pss = peak_drop = 0
    while any(s.is_alive() for s in students):
        live = [s.pid for s in students if os.path.exists("/proc/%d" % s.pid)]
        peak_rss = max(peak_rss, sum(status_kb(p, "VmRSS") for p in live))
        peak_pss = max(peak_pss, sum(pss_kb(p) for p in live))
        peak_drop = max(peak_drop, available_before - mem_available_kb())
        time.sleep(0.5)
    wall = time.perf_counter() - start

    failed = [s for s in students if s.error]
    rows = []
    for s in students:
        rows.append((s.number, status_kb(s.pid, "VmHWM"), status_kb(s.pid, "VmRSS"), pss_kb(s.pid),
                     (s.done_at - start) if s.done_at else float("nan")))
    drop_after = available_before - mem_available_kb()
    for s in students:
        s.manager.shutdown_kernel(now=True)
    shutil.rmtree(checkpoints, ignore_errors=True)

    mib = lambda kb: kb / 1024.0
    print("class_kernels: kernel  peak RSS  RSS after  PSS after  finished after")
    for number, hwm, rss, pss, done in rows:
        print("class_kernels: %6d  %5.0f MiB  %5.0f MiB  %5.0f MiB  %6.0f s" % (number, mib(hwm), mib(rss), mib(pss), done))
    n = args.kernels
    print("class_kernels: wall time %.0f s for %d kernels (%.0f s per kernel if run one after another on this machine)"
          % (wall, n, wall / n))
    print("class_kernels: all kernels together at the peak: RSS %.0f MiB, PSS %.0f MiB, MemAvailable drop %.0f MiB"
          % (mib(peak_rss), mib(peak_pss), mib(peak_drop)))
    print("class_kernels: after the training cell: PSS %.0f MiB in all, MemAvailable drop %.0f MiB"
          % (mib(sum(r[3] for r in rows)), mib(drop_after)))
    print("class_kernels: per student (PSS peak / n): %.0f MiB; RSS of one kernel at its peak: %.0f MiB (largest)"
          % (mib(peak_pss) / n, mib(max(r[1] for r in rows))))
    print("RESULT side=%s case=class_per_kernel_pss value=%.1f unit=MiB" % (args.kernel, mib(peak_pss) / n))
    for s in failed:
        print("class_kernels: FAIL: kernel %d: %s" % (s.number, s.error))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
