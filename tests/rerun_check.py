#!/usr/bin/python3
"""Reruns cells in the orders students use (a cell above, the same cell twice, the setup cell, a data
cell after a model cell) and then runs the rest of the notebook: no cell may fail.

    python3 tests/rerun_check.py

Runs notebooks 02 and 07 in quick mode under the real kernel, in one kernel each, in the orders
below (numbers are the notebooks' cell indices; strings are extra cells a student might type).
Prints one line per notebook and "rerun_check: N passed, M failed".
"""
import os
import sys
import tempfile

import nbformat
from nbclient import NotebookClient

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

ORDERS = {
    # 02: setup, data, models, count, loops, training; then the data cell again and a count of the
    # CNN made before it (its arrays must still be alive), the count cell twice, the setup cell, the
    # training cell again, and the rest of the notebook.
    "02_baseline_mlp_vs_cnn.ipynb": [1, 2, 4, 6, 8, 10, 12, 2, "Parameters.count(cnnCount)", 6, 6, 1, 2, 12, 14, 15],
    # 07: up to the training settings; the model preview again (it used to close the loaders'
    # manager), the manual step and the training; the data cells again, training on (it continues),
    # then the rest.
    "07_mnist_mlp.ipynb": [1, 3, 5, 7, 9, 11, 13, 15, 3, 17, 19, 11, 13, 19, "hist.size()", 21, 23, 25, 27, 28,
                           30, 31, 33, 35, 36, 37, 39],
}


def run(name, order):
    path = os.path.join(ROOT, "notebooks", name)
    source = nbformat.read(path, as_version=4)
    cells = []
    for step in order:
        code = step if isinstance(step, str) else source.cells[step].source
        if not isinstance(step, str) and source.cells[step].cell_type != "code":
            raise ValueError("%s: cell %d is not code" % (name, step))
        cells.append(nbformat.v4.new_code_cell(code))
    nb = nbformat.v4.new_notebook(cells=cells, metadata=source.metadata)
    client = NotebookClient(nb, kernel_name="dlcourse-java", timeout=900, startup_timeout=240, allow_errors=True,
                            resources={"metadata": {"path": os.path.dirname(path)}})
    client.execute()
    failures = []
    for step, cell in zip(order, nb.cells):
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                failures.append("cell %s: %s" % (step, " ".join(out.get("traceback", []))[:400]))
    extra = {str(s): "".join(o.get("text", "") + str(o.get("data", {}).get("text/plain") or o.get("data", {}).get("text/html") or "")
                             for o in c.get("outputs", []))
             for s, c in zip(order, nb.cells) if isinstance(s, str)}
    return failures, extra


def main():
    os.environ["COURSE_MODE"] = "quick"
    os.environ["COURSE_CHECKPOINT_DIR"] = tempfile.mkdtemp(prefix="rerun-check-")
    passed = failed = 0
    for name, order in ORDERS.items():
        failures, extra = run(name, order)
        if name.startswith("02") and extra.get("Parameters.count(cnnCount)", "").strip() != "94538":
            failures.append("cnnCount after the data cell's rerun: %r" % extra.get("Parameters.count(cnnCount)"))
        if name.startswith("07") and extra.get("hist.size()", "").strip() not in ("4", "6"):
            failures.append("the second training should continue the history: hist.size() = %r" % extra.get("hist.size()"))
        if failures:
            failed += 1
            print("rerun_check: FAIL: %s:\n  %s" % (name, "\n  ".join(failures)))
        else:
            passed += 1
            print("rerun_check: ok: %s (%d cells in the order %s)" % (name, len(order), order))
    print("rerun_check: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
