#!/usr/bin/python3
"""Runs a notebook's training cell several times in one kernel and reports the kernel's resident
memory after each run, to show that rerunning a cell does not grow memory without bound.

    python3 tests/memory_check.py [notebooks/02_baseline_mlp_vs_cnn.ipynb] [--runs 5] [--max-growth-mb 300]

The training cell is the first cell that calls Checkpoints.restore; its checkpoints are deleted before
each run so that every run really trains. Runs in quick mode. Exits 1 if the memory after the last
run exceeds the memory after the second run by more than --max-growth-mb.
"""
import argparse
import os
import sys
import tempfile

import nbformat
from nbclient import NotebookClient

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

RSS_CELL = """
long rssKb = Files.readAllLines(Path.of("/proc/self/status")).stream()
    .filter(l -> l.startsWith("VmRSS:")).mapToLong(l -> Long.parseLong(l.replaceAll("\\\\D+", ""))).findFirst().orElse(-1);
System.out.println("RSS_MB=" + rssKb / 1024);
"""

FORGET_CELL = """
for (Path p : Files.list(Checkpoints.dir()).toList()) { Files.delete(p); }   // every run trains anew
"""


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("notebook", nargs="?", default=os.path.join(ROOT, "notebooks", "02_baseline_mlp_vs_cnn.ipynb"))
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--max-growth-mb", type=int, default=300)
    args = parser.parse_args()

    source = nbformat.read(args.notebook, as_version=4)
    code = [c for c in source.cells if c.cell_type == "code"]
    train_at = next(i for i, c in enumerate(code) if "Checkpoints.restore" in c.source)
    cells = [nbformat.v4.new_code_cell("import java.nio.file.*;")]
    cells += [nbformat.v4.new_code_cell(c.source) for c in code[:train_at]]
    for _ in range(args.runs):
        cells += [nbformat.v4.new_code_cell(FORGET_CELL), nbformat.v4.new_code_cell(code[train_at].source),
                  nbformat.v4.new_code_cell(RSS_CELL)]
    nb = nbformat.v4.new_notebook(cells=cells, metadata=source.metadata)

    os.environ["COURSE_MODE"] = "quick"
    os.environ["COURSE_CHECKPOINT_DIR"] = tempfile.mkdtemp(prefix="memory-check-")
    client = NotebookClient(nb, kernel_name="dlcourse-java", timeout=600, startup_timeout=180,
                            resources={"metadata": {"path": os.path.dirname(os.path.abspath(args.notebook))}})
    with open(os.devnull, "wb") as quiet:
        client.execute(stdout=quiet, stderr=quiet)

    rss = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            text = output.get("text", "")
            if output.get("output_type") == "stream" and text.startswith("RSS_MB="):
                rss.append(int(text.split("=")[1]))
    name = os.path.relpath(args.notebook, ROOT)
    print("memory_check: %s, training cell run %d times in one kernel" % (name, args.runs))
    for run, mb in enumerate(rss, 1):
        print("memory_check: after run %d: kernel RSS %d MB" % (run, mb))
    if len(rss) != args.runs:
        print("memory_check: FAIL: expected %d measurements, got %d" % (args.runs, len(rss)))
        return 1
    growth = rss[-1] - rss[1]
    verdict = "ok" if growth <= args.max_growth_mb else "FAIL"
    print("memory_check: %s: growth from run 2 to run %d: %+d MB (limit %d MB)" % (verdict, args.runs, growth, args.max_growth_mb))
    return 0 if verdict == "ok" else 1


if __name__ == "__main__":
    sys.exit(main())
