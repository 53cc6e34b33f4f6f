#!/usr/bin/env bash
# Builds the course's helper jar and installs the "Java (DL course)" Jupyter kernel.
#
#   ./install-kernel.sh                  install for the current user
#   ./install-kernel.sh --prefix DIR     install into a Jupyter prefix (a conda env: "$CONDA_PREFIX")
#   ./install-kernel.sh --offline        build from Maven's local cache only (no network)
#   ./install-kernel.sh --check          exit 0 if the installed kernel was built from this checkout
#   ./install-kernel.sh --max-heap 4g    let the kernel's Java heap grow to 4 GB (default 2g; kept on
#                                        later installs until --max-heap default)
#   ./install-kernel.sh --allocator glibc  run the kernel with glibc's allocator instead of tcmalloc
#                                        (kept on later installs until --allocator tcmalloc)
#
# Safe to run again: it rebuilds and replaces the kernel. Needs no root.
set -euo pipefail

KERNEL_NAME="dlcourse-java"
DISPLAY_NAME="Java (DL course)"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PREFIX=""
MVN_FLAGS=(-B -q)
CHECK_ONLY=""
MAX_HEAP=""
ALLOCATOR=""
STAMP_FILE=dlcourse-source.sha256

usage() {
  sed -n '2,13p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

fail() {
  printf 'install-kernel.sh: %s\n' "$1" >&2
  exit 1
}

while [ $# -gt 0 ]; do
  case "$1" in
    --user) PREFIX="" ;;
    --prefix)
      [ $# -ge 2 ] || fail "--prefix needs a directory, e.g. --prefix \"\$CONDA_PREFIX\""
      PREFIX="$2"; shift ;;
    --prefix=*) PREFIX="${1#--prefix=}" ;;
    --offline) MVN_FLAGS+=(-o) ;;
    --check) CHECK_ONLY=1 ;;
    --name) [ $# -ge 2 ] || fail "--name needs a kernel name"; KERNEL_NAME="$2"; shift ;;
    --max-heap)
      [ $# -ge 2 ] && [[ "$2" =~ ^([1-9][0-9]*[mMgG]|default)$ ]] \
        || fail "--max-heap needs a size such as 4g or 3000m (or 'default')"
      MAX_HEAP="$2"; shift ;;
    --allocator)
      [ $# -ge 2 ] && [[ "$2" =~ ^(tcmalloc|glibc)$ ]] || fail "--allocator needs tcmalloc or glibc"
      ALLOCATOR="$2"; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; fail "unknown option '$1'" ;;
  esac
  shift
done

# What the kernel is built from: the helper's sources and this script. The installed kernel keeps this
# hash (and the Java it runs) in $STAMP_FILE, so ./start.sh rebuilds only when something changed.
source_hash() {
  (cd "$ROOT" && { find lib -path lib/target -prune -o -type f -print | LC_ALL=C sort; echo install-kernel.sh; } \
    | while IFS= read -r f; do printf '%s\n' "$f"; cat "$f"; done | sha256sum | cut -d' ' -f1)
}
kernel_dir() { # where the kernelspec goes (or is)
  if [ -n "$PREFIX" ]; then echo "$PREFIX/share/jupyter/kernels/$KERNEL_NAME"
  else echo "$(jupyter --data-dir)/kernels/$KERNEL_NAME"; fi
}

if [ -n "$CHECK_ONLY" ]; then
  command -v jupyter >/dev/null 2>&1 || exit 1
  if [ -n "$PREFIX" ]; then PREFIX="$(cd "$PREFIX" 2>/dev/null && pwd)" || exit 1; fi
  STAMP="$(kernel_dir)/$STAMP_FILE"
  [ -f "$STAMP" ] || exit 1
  read -r HASH STAMP_JAVA < "$STAMP" || exit 1
  [ "$HASH" = "$(source_hash)" ] && [ -x "$STAMP_JAVA" ] && exit 0
  exit 1
fi

# --- prerequisites -----------------------------------------------------------
HOW_TO_GET="./start.sh installs what is missing (asking first). By hand, with conda:  conda env create -f environment.yml && conda activate java-dl-course
or from your OS packages, e.g. Debian/Ubuntu:  sudo apt install openjdk-17-jdk maven jupyter-client jupyter-notebook"

if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
  JAVA="$JAVA_HOME/bin/java"
elif command -v java >/dev/null 2>&1; then
  JAVA="$(command -v java)"
else
  fail "Java 17 or newer is needed, and no 'java' was found.
$HOW_TO_GET"
fi
JAVA_VERSION="$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p')"
JAVA_MAJOR="${JAVA_VERSION#1.}"; JAVA_MAJOR="${JAVA_MAJOR%%.*}"
if ! [ "${JAVA_MAJOR:-0}" -ge 17 ] 2>/dev/null; then
  fail "Java 17 or newer is needed; $JAVA is Java ${JAVA_VERSION:-of unknown version}.
Point JAVA_HOME at a JDK 17+ or put one first on PATH. $HOW_TO_GET"
fi
command -v mvn >/dev/null 2>&1 || fail "Maven ('mvn') is needed to build the helper jar, and it was not found.
$HOW_TO_GET"
if ! command -v jupyter >/dev/null 2>&1 || ! jupyter kernelspec --version >/dev/null 2>&1; then
  fail "Jupyter ('jupyter kernelspec') is needed to install the kernel, and it was not found.
$HOW_TO_GET"
fi

# --- build -------------------------------------------------------------------
echo "Building the helper jar and collecting the kernel's classpath (Maven; the first run downloads ~200 MB)..."
STAGE="$(mktemp -d)"
trap 'rm -rf "$STAGE"' EXIT
if ! mvn "${MVN_FLAGS[@]}" -f "$ROOT/lib/pom.xml" package -DskipTests > "$STAGE/maven.log" 2>&1; then
  grep -v '^\s*$' "$STAGE/maven.log" | sed 's/\x1b\[[0-9;]*m//g' | tail -n 30 >&2
  fail "the Maven build failed (see above). If you are offline, Maven's cache (~/.m2) must already
hold the course's dependencies: run this script once with network, then --offline works."
fi
BUILD="$ROOT/lib/target"
HELPER_JAR="$(ls "$BUILD"/dlcourse-*.jar | grep -v -e sources -e javadoc -e kernel-patch | head -n 1)"
PATCH_JAR="$(ls "$BUILD"/dlcourse-*-kernel-patch.jar | head -n 1)"

# --- kernelspec --------------------------------------------------------------
if [ -n "$PREFIX" ]; then
  mkdir -p "$PREFIX" || fail "cannot create the prefix directory $PREFIX"
  PREFIX="$(cd "$PREFIX" && pwd)"
  INSTALL_FLAGS=(--prefix "$PREFIX")
else
  INSTALL_FLAGS=(--user)
fi
KERNEL_DIR="$(kernel_dir)"

# The JVM's settings (lib/kernel/jvm-options); a heap cap given with --max-heap before is kept.
if [ -z "$MAX_HEAP" ] && [ -f "$KERNEL_DIR/max-heap" ]; then MAX_HEAP="$(cat "$KERNEL_DIR/max-heap")"; fi
JVM_OPTIONS=()
while IFS= read -r option; do
  if [[ "$option" == -Xmx* ]] && [ -n "$MAX_HEAP" ] && [ "$MAX_HEAP" != default ]; then option="-Xmx$MAX_HEAP"; fi
  JVM_OPTIONS+=("$option")
done < <(sed -e 's/#.*//' -e 's/[[:space:]]*$//' -e '/^$/d' "$ROOT/lib/kernel/jvm-options")

# The C allocator (lib/kernel/allocator.sh): tcmalloc where installed; --allocator glibc is kept.
if [ -z "$ALLOCATOR" ] && [ -f "$KERNEL_DIR/allocator" ]; then ALLOCATOR="$(cat "$KERNEL_DIR/allocator")"; fi
# shellcheck source=lib/kernel/allocator.sh
source "$ROOT/lib/kernel/allocator.sh"
mapfile -t MALLOC_ENV < <(kernel_malloc_env "${ALLOCATOR:-tcmalloc}")
ALLOCATOR_NOTE="glibc's malloc"
if [[ "${MALLOC_ENV[0]}" == LD_PRELOAD=* ]]; then ALLOCATOR_NOTE="tcmalloc (${MALLOC_ENV[0]#LD_PRELOAD=})"
elif [ "${ALLOCATOR:-tcmalloc}" = tcmalloc ]; then
  ALLOCATOR_NOTE="glibc's malloc: tcmalloc is not installed (sudo apt install libtcmalloc-minimal4, or libtcmalloc-minimal4t64 on Debian 13 / Ubuntu 24.04, then run this again: training on CIFAR-10 takes ~400 MB less)"
fi

mkdir -p "$STAGE/lib"
if [ -n "$MAX_HEAP" ] && [ "$MAX_HEAP" != default ]; then echo "$MAX_HEAP" > "$STAGE/max-heap"; fi
if [ "$ALLOCATOR" = glibc ]; then echo glibc > "$STAGE/allocator"; fi
cp "$BUILD/kernel/rapaio-jupyter-kernel.jar" "$STAGE/"
cp "$PATCH_JAR" "$STAGE/rapaio-kernel-patch.jar"
cp "$BUILD"/kernel/lib/*.jar "$HELPER_JAR" "$STAGE/lib/"
cp "$ROOT/lib/kernel/init.jshell" "$STAGE/"
cp "$ROOT/lib/kernel/logo-64x64.png" "$STAGE/" 2>/dev/null || true
printf '%s %s\n' "$(source_hash)" "$JAVA" > "$STAGE/$STAMP_FILE"

# The kernel runs from its jar with rapaio-kernel-patch.jar first on the class path: it replaces some
# classes of rapaio-jupyter-kernel 3.0.1 (a start-up race, a broken stop button) and quiets its log
# (lib/kernel/patch/README.md).
json_string() { # a JSON string literal for $1
  local s="${1//\\/\\\\}"; s="${s//\"/\\\"}"; printf '"%s"' "$s"
}
cat > "$STAGE/kernel.json" <<JSON
{
  "argv": [
    $(json_string "$JAVA"),
$(for option in "${JVM_OPTIONS[@]}"; do printf '    %s,\n' "$(json_string "$option")"; done)
    "-Djava.awt.headless=true",
    "-Dfile.encoding=UTF-8",
    "-Dsun.stdout.encoding=UTF-8",
    "-Dsun.stderr.encoding=UTF-8",
    "-Dai.djl.offline=true",
    "-Dai.djl.pytorch.num_interop_threads=1",
    "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
    "-Dorg.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils=error",
    "-cp",
    $(json_string "$KERNEL_DIR/rapaio-kernel-patch.jar:$KERNEL_DIR/rapaio-jupyter-kernel.jar"),
    "org.rapaio.jupyter.kernel.CourseMain",
    "{connection_file}"
  ],
  "display_name": $(json_string "$DISPLAY_NAME"),
  "language": "java",
  "interrupt_mode": "message",
  "env": {
    "RJK_CLASSPATH": $(json_string "$KERNEL_DIR/lib/*.jar"),
    "RJK_INIT_SCRIPT": $(json_string "$KERNEL_DIR/init.jshell"),
    "RJK_COMPILER_OPTIONS": "",
    "RJK_TIMEOUT_MILLIS": "-1",
$(for i in "${!MALLOC_ENV[@]}"; do
  entry="${MALLOC_ENV[$i]}"; comma=","; [ "$i" -eq $((${#MALLOC_ENV[@]} - 1)) ] && comma=""
  printf '    %s: %s%s\n' "$(json_string "${entry%%=*}")" "$(json_string "${entry#*=}")" "$comma"
done)
  }
}
JSON

echo "Installing the kernelspec..."
if ! jupyter kernelspec install "${INSTALL_FLAGS[@]}" --replace --name "$KERNEL_NAME" "$STAGE" \
    > "$STAGE/kernelspec.log" 2>&1; then
  cat "$STAGE/kernelspec.log" >&2
  fail "jupyter kernelspec install failed (see above): is $(dirname "$KERNEL_DIR") writable?"
fi
[ -f "$KERNEL_DIR/kernel.json" ] || fail "the kernel was installed, but not in $KERNEL_DIR as expected"

ON_PATH=""
if [ -n "$PREFIX" ] && ! jupyter --paths 2>/dev/null | grep -qxF "    $PREFIX/share/jupyter"; then
  ON_PATH="
Note: $PREFIX/share/jupyter is not on Jupyter's data path here. Start Jupyter from that
environment, or tell it where to look:  export JUPYTER_PATH=$PREFIX/share/jupyter
"
fi

cat <<DONE

Installed the Jupyter kernel '$KERNEL_NAME' ("$DISPLAY_NAME") in
  $KERNEL_DIR
Java: $JAVA (Java $JAVA_VERSION), heap up to $(printf '%s\n' "${JVM_OPTIONS[@]}" | sed -n 's/^-Xmx//p' | tail -n 1) (--max-heap changes it)
C allocator: $ALLOCATOR_NOTE

Next: open the course with ./start.sh and pick the kernel "$DISPLAY_NAME" (the notebooks already
name it), or start Jupyter yourself:  cd "$ROOT/notebooks" && jupyter lab   (or: jupyter notebook)
$ON_PATH
DONE
