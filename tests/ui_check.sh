#!/usr/bin/env bash
# The JupyterLab 4 UI test: every notebook in notebooks/ opened and run through the real JupyterLab UI
# (Run → Run All Cells) in Debian's Chromium, driven by puppeteer-core (npm), in quick mode.
#
#   tests/ui_check.sh [NOTEBOOK.ipynb ...]      (default: every notebook; needs root for chroot)
#
# JupyterLab comes from Debian's newest suite that carries JupyterLab 4 (sid: 4.4), in a chroot built
# with debootstrap under build/jupyterlab-chroot (reused when present; COURSE_UI_CHROOT moves it).
# The course kernel is installed into the chroot by ./install-kernel.sh --prefix /usr/local, run
# inside it. What is checked (tests/ui/ui_check.mjs): no error output; every chart drawn by plotly.js
# with its title, every image and table present, after scrolling each cell into view; windowing (the
# last chart of a notebook drawn when scrolled to first); during a long training the progress bar
# advances, the ■ button stops it and the next cell runs (tests/ui/interrupt.ipynb); an
# nbclient-executed notebook (untrusted) shows each chart or the Korean note. Screenshots go to
# build/ui/screenshots/.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CHROOT="${COURSE_UI_CHROOT:-$ROOT/build/jupyterlab-chroot}"
SUITE=sid
PORT="${COURSE_UI_PORT:-8899}"
TOKEN="ui$RANDOM$RANDOM"
PACKAGES=(jupyterlab jupyter-core jupyter-client openjdk-21-jdk-headless maven libharfbuzz0b libtcmalloc-minimal4t64 fontconfig fonts-nanum dataset-fashion-mnist)
START=$(date +%s)
cd "$ROOT"

[ "$(id -u)" -eq 0 ] || { echo "ui_check: needs root (debootstrap, chroot, mount)" >&2; exit 1; }
command -v debootstrap >/dev/null || { echo "ui_check: debootstrap missing (apt install debootstrap)" >&2; exit 1; }

mounted() { grep -q " $1 " /proc/mounts; }
release() {
  pkill -f "jupyter-lab.*--port=$PORT" 2>/dev/null || true
  sleep 1
  for m in root/.m2 course dev proc; do
    if mounted "$CHROOT/$m"; then umount -l "$CHROOT/$m" || true; fi
  done
}
trap release EXIT

# --- the chroot, built once --------------------------------------------------------------------
# this machine's Debian mirror: deb822 sources (Debian 13, cloud images) or sources.list (Debian 12)
MIRROR="$( { sed -n 's/^URIs: *//p' /etc/apt/sources.list.d/debian.sources 2>/dev/null
  awk '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i ~ /^https?:/) { print $i; exit } }' /etc/apt/sources.list 2>/dev/null
} | head -n 1 || true)"
MIRROR="${MIRROR:-http://deb.debian.org/debian}"
if [ ! -f "$CHROOT/.dlcourse-ready" ]; then
  release
  if grep -q " $CHROOT/" /proc/mounts; then echo "ui_check: $CHROOT still has mounts; not removing it" >&2; exit 1; fi
  echo "== ui: building a Debian $SUITE chroot with JupyterLab 4 in $CHROOT (once)"
  rm -rf "$CHROOT"
  debootstrap --variant=minbase "$SUITE" "$CHROOT" "$MIRROR" > "$ROOT/build/ui-debootstrap.log" 2>&1 \
    || { tail -n 20 "$ROOT/build/ui-debootstrap.log" >&2; exit 1; }
  # sid's Release file is past its Valid-Until date on some mirrors
  echo 'Acquire::Check-Valid-Until "false";' > "$CHROOT/etc/apt/apt.conf.d/99no-valid-until"
fi
cp /etc/resolv.conf "$CHROOT/etc/resolv.conf"
# A machine that reaches the registries through a TLS proxy with its own CA (this one, CI's) gives the
# chroot the same CA: sid's Maven wants plugin versions that bookworm's Maven never cached in ~/.m2.
CA_NEW=""
for crt in /usr/local/share/ca-certificates/*.crt; do
  [ -f "$crt" ] || continue
  mkdir -p "$CHROOT/usr/local/share/ca-certificates"
  cmp -s "$crt" "$CHROOT/usr/local/share/ca-certificates/$(basename "$crt")" && continue
  cp "$crt" "$CHROOT/usr/local/share/ca-certificates/"; CA_NEW=1
done
mkdir -p "$CHROOT/course" "$CHROOT/root/.m2" "$HOME/.m2"
mount -t proc proc "$CHROOT/proc"
mount --bind /dev "$CHROOT/dev"
mount --bind "$ROOT" "$CHROOT/course"
mount --bind "$HOME/.m2" "$CHROOT/root/.m2"
if [ ! -f "$CHROOT/.dlcourse-ready" ]; then
  chroot "$CHROOT" apt-get update -q > "$ROOT/build/ui-apt.log" 2>&1
  chroot "$CHROOT" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${PACKAGES[@]}" \
    >> "$ROOT/build/ui-apt.log" 2>&1 || { tail -n 20 "$ROOT/build/ui-apt.log" >&2; exit 1; }
  touch "$CHROOT/.dlcourse-ready"
fi
if [ -n "$CA_NEW" ] && [ -x "$CHROOT/usr/sbin/update-ca-certificates" ]; then
  chroot "$CHROOT" update-ca-certificates > /dev/null 2>&1 || true
fi
echo "== ui: $(chroot "$CHROOT" jupyter lab --version | sed 's/^/JupyterLab /') in Debian $SUITE, $(chroot "$CHROOT" java -version 2>&1 | head -n 1)"

# --- the course kernel, installed the way a system-wide install is done ------------------------
chroot "$CHROOT" env HOME=/root bash -c "cd /course && ./install-kernel.sh --prefix /usr/local" > "$ROOT/build/ui-kernel.log" 2>&1 \
  || { tail -n 20 "$ROOT/build/ui-kernel.log" >&2; exit 1; }
echo "== ui: kernel installed by install-kernel.sh --prefix /usr/local (in the chroot)"

# --- notebooks, browser driver ----------------------------------------------------------------
UI="$ROOT/build/ui"
rm -rf "$UI/notebooks" "$UI/cache" "$UI/screenshots"
mkdir -p "$UI/notebooks" "$UI/cache" "$UI/screenshots"
if [ $# -gt 0 ]; then NOTEBOOKS=("$@"); else NOTEBOOKS=(notebooks/*.ipynb); fi
NAMES=()
for nb in "${NOTEBOOKS[@]}"; do cp "$nb" "$UI/notebooks/"; NAMES+=("$(basename "$nb")"); done
cp tests/ui/interrupt.ipynb "$UI/notebooks/"
EXTRA=(--interrupt interrupt.ipynb)
# a notebook executed elsewhere (by nbclient in tests/run_notebooks.py) opens untrusted
if [ -f build/notebooks/02_baseline_mlp_vs_cnn.ipynb ]; then
  cp build/notebooks/02_baseline_mlp_vs_cnn.ipynb "$UI/notebooks/untrusted-02.ipynb"
  EXTRA+=(--untrusted untrusted-02.ipynb)
fi
(cd tests/ui && npm ci --no-audit --no-fund --loglevel=error > "$ROOT/build/ui-npm.log" 2>&1) \
  || { tail -n 20 "$ROOT/build/ui-npm.log" >&2; exit 1; }

# --- JupyterLab, served from the chroot on 127.0.0.1 ------------------------------------------
chroot "$CHROOT" env HOME=/root COURSE_MODE=quick COURSE_SYNTHETIC_DATA=1 \
  COURSE_DATA_DIR=/course/build/test-data COURSE_CACHE_DIR=/course/build/ui/cache \
  jupyter lab --no-browser --ip=127.0.0.1 --port="$PORT" --ServerApp.token="$TOKEN" --allow-root \
  --LabApp.expose_app_in_browser=True --ServerApp.root_dir=/course/build/ui/notebooks \
  > "$UI/jupyterlab.log" 2>&1 &
for _ in $(seq 1 60); do
  curl -sf "http://127.0.0.1:$PORT/api/status?token=$TOKEN" >/dev/null && break
  sleep 1
done
curl -sf "http://127.0.0.1:$PORT/api/status?token=$TOKEN" >/dev/null \
  || { tail -n 20 "$UI/jupyterlab.log" >&2; echo "ui_check: JupyterLab did not start" >&2; exit 1; }

STATUS=0
node tests/ui/ui_check.mjs "http://127.0.0.1:$PORT" "$TOKEN" "$UI/screenshots" "${NAMES[@]}" "${EXTRA[@]}" || STATUS=$?
# kernel restarts and messages sent outside any request, from the server's log (kernels log warnings only)
grep -E "without a parent request|[Rr]estart|died|Traceback" "$UI/jupyterlab.log" | sort | uniq -c | sort -rn | head -n 20 \
  | sed 's/^/ui_check: server log: /' || true
echo "ui_check: wall time $(( $(date +%s) - START )) s (chroot, kernel install and browser run); screenshots in build/ui/screenshots/"
exit $STATUS
