#!/usr/bin/python3
"""Executes the course notebooks top to bottom under the course kernel, as a student would.

    python3 tests/run_notebooks.py                 # every notebook in notebooks/, quick mode
    python3 tests/run_notebooks.py notebooks/00_*.ipynb --mode full --timeout 3600

A notebook fails when a cell raises an error, prints a Java exception to stderr, misses an output
its cell is tagged to expect, or runs past the time limit. Tags a code cell can carry:

    expect-output   any output at all
    expect-image    an image (image/png)
    expect-table    an HTML table
    expect-chart    a Plotly chart
    expect-progress a live progress bar
    exercise        a cell a student completes; its metadata dlcourse.solution holds the answer
    check           an exercise check: as handed out it must report "not done yet" (⏳);
                    with --solutions it must pass (✔) and report nothing wrong (✗, ⏳)

Executed copies (with outputs) are written to build/notebooks/ for inspection and HTML export,
beside each notebook's kernel log (NAME.ipynb.kernel.log).
Prints one line per notebook with its wall time; exits 1 if any notebook failed.
"""
import argparse
import glob
import os
import re
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KERNEL = "dlcourse-java"


def html_of(output):
    return output.get("data", {}).get("text/html", "")


EXPECTATIONS = {
    "expect-output": ("output", lambda o: True),
    "expect-image": ("image", lambda o: "image/png" in o.get("data", {})),
    "expect-table": ("HTML table", lambda o: "<table" in html_of(o)),
    "expect-chart": ("Plotly chart", lambda o: "Plotly.newPlot" in html_of(o)),
    "expect-progress": ("progress bar", lambda o: "<progress" in html_of(o)),
}


DISPLAY_ID = re.compile(r"^'?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}'?$")


def problems_in(nb):
    """Errors and missing expected outputs, one line each, after execution."""
    problems = []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        where = "cell %d (%s)" % (index, cell.source.strip().splitlines()[0][:60] if cell.source.strip() else "empty")
        for output in cell.get("outputs", []):
            if output.output_type == "error":
                problems.append("%s raised %s: %s" % (where, output.ename, output.evalue.strip()[:300]))
            elif output.output_type == "stream" and output.name == "stderr" and "Exception" in output.text:
                problems.append("%s printed an exception: %s" % (where, output.text.strip()[:300]))
            elif output.output_type == "execute_result" and any(
                    DISPLAY_ID.match(re.sub(r"<[^>]+>", "", "".join(v)).strip())
                    for k, v in output.get("data", {}).items() if k in ("text/plain", "text/html")):
                # display(...) returns its display id: as a cell's last expression it shows as noise
                problems.append("%s shows a display id as its result (end the cell with the value, not display(...))" % where)
        for tag in cell.metadata.get("tags", []):
            if tag in EXPECTATIONS:
                what, found = EXPECTATIONS[tag]
                if not any(found(o) for o in cell.get("outputs", []) if o.output_type != "error"):
                    problems.append("%s shows no %s (tagged %s)" % (where, what, tag))
    return problems


def check_verdicts(nb, solutions):
    """Exercise checks: not done as handed out, passed with the solutions."""
    problems = []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code" or "check" not in cell.metadata.get("tags", []):
            continue
        text = "".join(o.get("text", "") for o in cell.get("outputs", []) if o.output_type == "stream")
        if solutions and ("✔" not in text or "✗" in text or "⏳" in text):
            problems.append("cell %d: the check did not pass with the solution: %s" % (index, text.strip()[:300]))
        if not solutions and "⏳" not in text:
            problems.append("cell %d: as handed out, the check should say 'not done yet' (⏳): %s" % (index, text.strip()[:300]))
    return problems


def with_solutions(nb):
    for cell in nb.cells:
        if "exercise" in cell.metadata.get("tags", []):
            cell.source = cell.metadata["dlcourse"]["solution"]
    return nb


def run(path, mode, timeout, out_dir, solutions=False):
    nb = nbformat.read(path, as_version=4)
    if solutions:
        nb = with_solutions(nb)
    os.environ["COURSE_MODE"] = mode  # the kernel inherits this process's environment
    client = NotebookClient(
        nb,
        kernel_name=KERNEL,
        # each cell may use what is left of the notebook's budget
        timeout_func=lambda cell: max(1, int(deadline - time.monotonic())),
        startup_timeout=180,  # a cold kernel start can take over a minute
        allow_errors=True,
        resources={"metadata": {"path": os.path.dirname(os.path.abspath(path))}},
    )
    os.makedirs(out_dir, exist_ok=True)
    out_name = os.path.basename(path).replace(".ipynb", "-solutions.ipynb" if solutions else ".ipynb")
    log_path = os.path.join(out_dir, out_name + ".kernel.log")
    start = time.monotonic()
    deadline = start + timeout
    problems = []
    try:
        with open(log_path, "wb") as log:  # the kernel's own console output, for debugging
            client.execute(stdout=log, stderr=log)
    except (CellTimeoutError, TimeoutError):
        problems.append("ran past the time limit of %d s per notebook" % timeout)
    except DeadKernelError as e:
        problems.append("the kernel died: %s" % e)
    except CellExecutionError as e:
        problems.append(str(e)[:300])
    except RuntimeError as e:  # jupyter_client: the kernel died or did not answer while starting
        problems.append("the kernel did not start: %s (see %s)" % (e, log_path))
    elapsed = time.monotonic() - start
    problems += problems_in(nb) + check_verdicts(nb, solutions)
    nbformat.write(nb, os.path.join(out_dir, out_name))
    return elapsed, problems


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("notebooks", nargs="*", help="default: notebooks/*.ipynb")
    parser.add_argument("--mode", default="quick", choices=["quick", "full"], help="COURSE_MODE (default quick)")
    parser.add_argument("--timeout", type=int, default=300, help="seconds per notebook (default 300)")
    parser.add_argument("--out", default=os.path.join(ROOT, "build", "notebooks"), help="where executed copies go")
    parser.add_argument("--solutions", action="store_true",
                        help="put the instructor's solutions into the exercise cells; the checks must pass")
    args = parser.parse_args()

    paths = args.notebooks or sorted(glob.glob(os.path.join(ROOT, "notebooks", "*.ipynb")))
    if not paths:
        print("no notebooks found", file=sys.stderr)
        return 1
    failed = 0
    for path in paths:
        elapsed, problems = run(path, args.mode, args.timeout, args.out, args.solutions)
        status = "FAIL" if problems else "ok"
        label = os.path.relpath(path, ROOT) + (" (with solutions)" if args.solutions else "")
        print("%-4s %6.1f s  %s" % (status, elapsed, label), flush=True)
        for problem in problems:
            print("       - " + problem, flush=True)
        failed += bool(problems)
    print("notebooks: %d passed, %d failed" % (len(paths) - failed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
