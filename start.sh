#!/usr/bin/env bash
# Sets everything up and opens the course / 과정을 설치하고 엽니다.
#
#   ./start.sh                 install what is missing (asks before sudo), install the kernel, open Jupyter
#   ./start.sh --yes           answer yes to the install question (also when CI=true)
#   ./start.sh --no-browser    start Jupyter without opening a browser (servers, tests)
#   ./start.sh --port N        Jupyter's port (default: Jupyter's own, 8888)
#   ./start.sh --setup-only    install everything, but do not start Jupyter
#   ./start.sh -- ARGS...      pass ARGS on to Jupyter
#
# Prerequisites: on Debian/Ubuntu the OS packages (a JDK 17+, Maven, Jupyter, a Hangul font, and
# tcmalloc with them: the kernel's C allocator, ~400 MB less memory training on CIFAR-10), through
# apt; where apt is missing and conda/mamba is present, the conda environment in environment.yml.
# Then ./install-kernel.sh (only when the kernel is missing or this checkout changed), then JupyterLab
# when it is installed, else the Notebook, in notebooks/. A second run installs nothing.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SCRIPT_NAME=./start.sh
# shellcheck source=tools/prereqs.sh
. "$ROOT/tools/prereqs.sh"
# shellcheck source=lib/kernel/allocator.sh
. "$ROOT/lib/kernel/allocator.sh"

YES=""; [ "${CI:-}" = true ] && YES=1
NO_BROWSER=""; PORT=""; SETUP_ONLY=""; JUPYTER_ARGS=()
while [ $# -gt 0 ]; do
  case "$1" in
    -y|--yes) YES=1 ;;
    --no-browser) NO_BROWSER=1 ;;
    --port) [ $# -ge 2 ] || die "--port needs a number"; PORT="$2"; shift ;;
    --port=*) PORT="${1#--port=}" ;;
    --setup-only) SETUP_ONLY=1 ;;
    -h|--help) sed -n '2,15p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    --) shift; JUPYTER_ARGS=("$@"); break ;;
    *) die "unknown option '$1' (see ./start.sh --help)" ;;
  esac
  shift
done
cd "$ROOT"

# --- 1. prerequisites ------------------------------------------------------------------------------
KERNEL_FLAGS=()
missing() { # what is missing, as apt package specs
  local m=()
  find_jdk || m+=("openjdk-17-jdk-headless|openjdk-21-jdk-headless|default-jdk-headless" libharfbuzz0b)
  command -v mvn >/dev/null 2>&1 || m+=(maven)
  have_jupyter || m+=(jupyter-client jupyter-core)
  have_lab || have_notebook || m+=("jupyterlab|jupyter-notebook")
  have_korean_font || m+=(fontconfig fonts-nanum)
  echo "${m[*]}"
}
NEED="$(missing)"
if [ -n "$NEED" ]; then
  if is_debian_like; then
    # tcmalloc comes along when apt runs anyway; alone, it is only suggested (below)
    [ -n "$(tcmalloc_library)" ] || NEED="$NEED libtcmalloc-minimal4t64|libtcmalloc-minimal4"
    # shellcheck disable=SC2086
    apt_install $NEED
  elif conda_tool >/dev/null; then
    conda_setup
    KERNEL_FLAGS=(--prefix "$CONDA_PREFIX")
  else
    say "Missing / 없음: a JDK 17+ (java, javac), Maven (mvn), Jupyter (JupyterLab or Notebook)."
    say "This script installs them with apt (Debian/Ubuntu) or conda. Elsewhere, install Miniforge"
    say "(conda) and run ./start.sh again, or install them yourself (macOS: brew install openjdk@17 maven jupyterlab)."
    exit 1
  fi
fi
if [ -n "${CONDA_PREFIX:-}" ] && [ "$(command -v jupyter)" = "$CONDA_PREFIX/bin/jupyter" ]; then
  KERNEL_FLAGS=(--prefix "$CONDA_PREFIX")
fi
find_jdk || die "no JDK 17+ found after installing / 설치 후에도 JDK 17 이상이 없습니다 (JAVA_HOME?)"
command -v mvn >/dev/null 2>&1 || die "Maven (mvn) is still missing / Maven이 없습니다"
have_jupyter || die "Jupyter (jupyter kernelspec) is still missing / Jupyter가 없습니다"
if is_debian_like && [ -z "$(tcmalloc_library)" ]; then
  say "Tip: with tcmalloc a kernel training on CIFAR-10 takes ~400 MB less memory / tcmalloc을 설치하면 CIFAR-10 학습 중 메모리가 ~400 MB 줄어듭니다:"
  say "  sudo apt install libtcmalloc-minimal4 && ./install-kernel.sh   (Debian 13 / Ubuntu 24.04: libtcmalloc-minimal4t64)"
fi
have_korean_font || say "Note: no Hangul font found (fc-list :lang=ko): Korean text in images may show as boxes. / 한글 글꼴이 없어 그림 속 한글이 네모로 보일 수 있습니다."

# --- 2. the kernel ---------------------------------------------------------------------------------
if ./install-kernel.sh "${KERNEL_FLAGS[@]}" --check; then
  say "Kernel 'Java (DL course)' is installed and up to date. / 커널이 이미 설치되어 있습니다."
else
  say "Installing the kernel 'Java (DL course)' (the first build downloads ~200 MB with Maven) / 커널 설치 중..."
  ./install-kernel.sh "${KERNEL_FLAGS[@]}"
fi
[ -n "$SETUP_ONLY" ] && { say "Set up. Start the course with ./start.sh / 준비 완료: ./start.sh 로 시작하세요."; exit 0; }

# --- 3. Jupyter ------------------------------------------------------------------------------------
ARGS=()
[ -n "$NO_BROWSER" ] && ARGS+=(--no-browser)
[ -n "$PORT" ] && ARGS+=(--port="$PORT")
[ "$(id -u)" -eq 0 ] && ARGS+=(--allow-root)
cd "$ROOT/notebooks"
if have_lab; then
  say "Starting JupyterLab in notebooks/ (stop: Ctrl+C twice) / JupyterLab을 시작합니다 (종료: Ctrl+C 두 번)"
  exec jupyter lab "${ARGS[@]}" "${JUPYTER_ARGS[@]}"
fi
have_notebook || die "no Jupyter front end (JupyterLab or Notebook) found / Jupyter 화면(JupyterLab, Notebook)이 없습니다"
say "Starting Jupyter Notebook $(jupyter notebook --version 2>/dev/null) in notebooks/ (stop: Ctrl+C twice) / Jupyter Notebook을 시작합니다"
say "JupyterLab is not packaged for this release. To use it instead / JupyterLab을 쓰려면:"
say "  (Debian/Ubuntu: apt install python3-venv)  python3 -m venv ~/.venvs/jupyterlab && ~/.venvs/jupyterlab/bin/pip install 'jupyterlab>=4'"
say "  PATH=~/.venvs/jupyterlab/bin:\$PATH ./start.sh      (or conda: environment.yml)"
exec jupyter notebook "${ARGS[@]}" "${JUPYTER_ARGS[@]}"
