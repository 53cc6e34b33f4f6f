#!/usr/bin/python3
"""Runs a notebook's training cell many times in one kernel and reports the kernel's resident memory
after each run: rerunning a cell must not grow memory without bound.

    python3 tests/memory_check.py [NOTEBOOK ...] [--runs 20] [--max-growth-mb 150]

Default notebooks: 02, 05 and 08. The training cell is the first cell that trains through Checkpoints (fit or trainOrLoad);
its checkpoints are deleted before each run so that every run really trains. Runs in quick mode.
The measuring cell forces no garbage collection. A notebook fails if, after any run from the fourth
on, the resident memory exceeds its level after the third run by more than --max-growth-mb.
Prints per run: resident memory, Java heap used/committed, and Java direct buffers.
"""
import argparse
import os
import sys
import tempfile

import nbformat
from nbclient import NotebookClient

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT = ["02_baseline_mlp_vs_cnn.ipynb", "05_improvements.ipynb", "08_fashion_mnist_cnn.ipynb"]

MEASURE_CELL = """
long rssKb = Files.readAllLines(Path.of("/proc/self/status")).stream()
    .filter(l -> l.startsWith("VmRSS:")).mapToLong(l -> Long.parseLong(l.replaceAll("\\\\D+", ""))).findFirst().orElse(-1);
java.lang.management.MemoryUsage heapNow = java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
long directBytes = java.lang.management.ManagementFactory.getPlatformMXBeans(java.lang.management.BufferPoolMXBean.class)
    .stream().filter(p -> p.getName().equals("direct")).mapToLong(p -> p.getMemoryUsed()).sum();
System.out.println("MEM " + rssKb / 1024 + " " + heapNow.getUsed() / (1 << 20) + " " + heapNow.getCommitted() / (1 << 20) + " " + directBytes / (1 << 20));
"""

FORGET_CELL = """
for (Path p : Files.list(Checkpoints.dir()).toList()) { Files.delete(p); }   // every run trains anew
"""


def measure(path, runs, limit):
    source = nbformat.read(path, as_version=4)
    code = [c for c in source.cells if c.cell_type == "code"]
    train_at = next(i for i, c in enumerate(code) if "Checkpoints." in c.source)
    cells = [nbformat.v4.new_code_cell("import java.nio.file.*;")]
    cells += [nbformat.v4.new_code_cell(c.source) for c in code[:train_at]]
    for _ in range(runs):
        cells += [nbformat.v4.new_code_cell(FORGET_CELL), nbformat.v4.new_code_cell(code[train_at].source),
                  nbformat.v4.new_code_cell(MEASURE_CELL)]
    nb = nbformat.v4.new_notebook(cells=cells, metadata=source.metadata)
    os.environ["COURSE_CHECKPOINT_DIR"] = tempfile.mkdtemp(prefix="memory-check-")
    client = NotebookClient(nb, kernel_name="dlcourse-java", timeout=900, startup_timeout=240,
                            resources={"metadata": {"path": os.path.dirname(os.path.abspath(path))}})
    with open(os.devnull, "wb") as quiet:
        client.execute(stdout=quiet, stderr=quiet)
    rows = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            text = output.get("text", "")
            if output.get("output_type") == "stream" and text.startswith("MEM "):
                rows.append([int(v) for v in text.split()[1:5]])
    name = os.path.relpath(path, ROOT)
    print("memory_check: %s, training cell run %d times in one kernel" % (name, runs))
    for run, (rss, used, committed, direct) in enumerate(rows, 1):
        print("memory_check:   run %2d: RSS %5d MB (Java heap used %4d / committed %4d MB, direct buffers %3d MB)"
              % (run, rss, used, committed, direct))
    if len(rows) != runs:
        print("memory_check: FAIL: %s: expected %d measurements, got %d" % (name, runs, len(rows)))
        return False
    base = rows[2][0]
    worst = max(r[0] for r in rows[3:]) - base if runs > 3 else 0
    ok = worst <= limit
    print("memory_check: %s: %s: highest RSS after run 3 is %+d MB from run 3's %d MB (limit %d MB); runs: %s"
          % ("ok" if ok else "FAIL", name, worst, base, limit, " ".join(str(r[0]) for r in rows)))
    return ok


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("notebooks", nargs="*")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--max-growth-mb", type=int, default=150)
    args = parser.parse_args()
    os.environ["COURSE_MODE"] = "quick"
    paths = args.notebooks or [os.path.join(ROOT, "notebooks", n) for n in DEFAULT]
    results = [measure(p, args.runs, args.max_growth_mb) for p in paths]
    print("memory_check: %d passed, %d failed" % (results.count(True), results.count(False)))
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
