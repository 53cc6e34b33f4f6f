#!/usr/bin/env bash
# The two commands on a bare Debian 12, for real (not a CI stage: about an hour on 2 cores).
#
#   sudo tests/bare_debian_check.sh [--start-only] [--keep]
#
# Builds a bare Debian 12 (bookworm) chroot with `debootstrap --variant=minbase` (nothing else
# installed), puts a git clone of this checkout's HEAD in /root/dl-course inside it, and there, as a
# student would (root, no CI variable):
#   1. ./start.sh --no-browser </dev/null   must stop and print the apt command (no terminal, no --yes)
#   2. ./start.sh --yes --no-browser --port P   must install everything, then serve Jupyter:
#      /api/status answers, `jupyter kernelspec list` shows dlcourse-java; then it is stopped
#   3. ./start.sh --setup-only   again: must install nothing (fast)
#   4. ./test.sh --yes           the whole suite (its last stage builds its own sid chroot inside)
# Wall times and results go to build/bare-debian/report.txt. The chroot is kept in
# $COURSE_BARE_CHROOT (default /var/tmp/dlcourse-bare-debian) with --keep, else removed once unmounted.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CHROOT="${COURSE_BARE_CHROOT:-/var/tmp/dlcourse-bare-debian}"
PORT="${COURSE_BARE_PORT:-8943}"
UI_PORT="${COURSE_BARE_UI_PORT:-8957}"
OUT="$ROOT/build/bare-debian"
START_ONLY=""; KEEP=""
for a in "$@"; do
  case "$a" in
    --start-only) START_ONLY=1 ;;
    --keep) KEEP=1 ;;
    -h|--help) sed -n '2,16p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bare_debian_check: unknown option $a" >&2; exit 1 ;;
  esac
done
[ "$(id -u)" -eq 0 ] || { echo "bare_debian_check: needs root (debootstrap, chroot, mount)" >&2; exit 1; }
command -v debootstrap >/dev/null || { echo "bare_debian_check: apt install debootstrap" >&2; exit 1; }
mkdir -p "$OUT"
REPORT="$OUT/report.txt"
: > "$REPORT"
note() { printf '%s\n' "$*" | tee -a "$REPORT"; }

mounts_under() { awk -v d="$CHROOT" '$2 == d || index($2, d "/") == 1 { print $2 }' /proc/mounts | sort -r; }
JUPYTER_PGID=""
CA_ENV=()
cleanup() {
  if [ -n "$JUPYTER_PGID" ]; then kill -TERM -- "-$JUPYTER_PGID" 2>/dev/null || true; sleep 2; fi
  local m
  for m in $(mounts_under); do umount -l "$m" 2>/dev/null || true; done
  if [ -z "$KEEP" ] && [ -d "$CHROOT" ]; then
    if [ -n "$(mounts_under)" ]; then echo "bare_debian_check: $CHROOT still has mounts; not removing it" >&2
    else rm -rf --one-file-system "$CHROOT"; fi
  fi
}
trap cleanup EXIT
in_chroot() { # a login-like environment: nothing from this shell but the terminal type
  chroot "$CHROOT" /usr/bin/env -i HOME=/root USER=root LOGNAME=root LANG=C.UTF-8 TERM=dumb \
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin "${CA_ENV[@]}" "$@"
}

# --- a bare Debian 12 ------------------------------------------------------------------------------
if [ -n "$(mounts_under)" ]; then echo "bare_debian_check: $CHROOT has mounts; unmount them first" >&2; exit 1; fi
rm -rf --one-file-system "$CHROOT"
# this machine's Debian mirror: deb822 sources (Debian 13, cloud images) or sources.list (Debian 12)
MIRROR="$( { sed -n 's/^URIs: *//p' /etc/apt/sources.list.d/debian.sources 2>/dev/null
  awk '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i ~ /^https?:/) { print $i; exit } }' /etc/apt/sources.list 2>/dev/null
} | head -n 1 || true)"
MIRROR="${MIRROR:-http://deb.debian.org/debian}"
T0=$(date +%s)
debootstrap --variant=minbase bookworm "$CHROOT" "$MIRROR" > "$OUT/debootstrap.log" 2>&1 \
  || { tail -n 20 "$OUT/debootstrap.log" >&2; exit 1; }
note "debootstrap --variant=minbase bookworm: $(( $(date +%s) - T0 )) s; $(chroot "$CHROOT" dpkg-query -W | wc -l) packages; java: $(chroot "$CHROOT" sh -c 'command -v java || echo none'); jupyter: $(chroot "$CHROOT" sh -c 'command -v jupyter || echo none'); git: $(chroot "$CHROOT" sh -c 'command -v git || echo none')"
git clone -q --no-hardlinks "$ROOT" "$CHROOT/root/dl-course"
note "checkout: $(git -C "$CHROOT/root/dl-course" log -1 --format='%h %s' | cut -c1-100)"
cp /etc/resolv.conf "$CHROOT/etc/resolv.conf"
# Where this machine reaches the registries through a TLS proxy with its own CA (a sandbox, a company
# network), the chroot gets the same CA and client settings; a student's machine has its own.
CA_ENV=()
if ls /usr/local/share/ca-certificates/*.crt >/dev/null 2>&1; then
  mkdir -p "$CHROOT/usr/local/share/ca-certificates"
  cp /usr/local/share/ca-certificates/*.crt "$CHROOT/usr/local/share/ca-certificates/"
  note "local CAs copied in (this machine's network): $(cd /usr/local/share/ca-certificates && echo *.crt)"
fi
[ -f /etc/npmrc ] && cp /etc/npmrc "$CHROOT/etc/npmrc"
for v in NODE_EXTRA_CA_CERTS SSL_CERT_FILE SSL_CERT_DIR CURL_CA_BUNDLE REQUESTS_CA_BUNDLE; do
  [ -n "${!v:-}" ] && CA_ENV+=("$v=${!v}")
done
mount -t proc proc "$CHROOT/proc"
mount -t sysfs sysfs "$CHROOT/sys"
mount --rbind /dev "$CHROOT/dev"
mount --make-rslave "$CHROOT/dev"

# --- 1. no terminal, no --yes: print the command and stop ------------------------------------------
set +e
in_chroot bash -c 'cd /root/dl-course && ./start.sh --no-browser' < /dev/null > "$OUT/start-noyes.log" 2>&1
RC=$?
set -e
if [ $RC -ne 0 ] && grep -q 'apt-get install -y --no-install-recommends' "$OUT/start-noyes.log" \
   && [ -z "$(chroot "$CHROOT" sh -c 'command -v java')" ]; then
  note "1. ./start.sh without a terminal or --yes: stopped (exit $RC), installed nothing, printed: $(grep 'apt-get install' "$OUT/start-noyes.log" | sed 's/^ *//')"
else
  note "1. FAILED: ./start.sh without --yes (exit $RC):"; tail -n 10 "$OUT/start-noyes.log" | tee -a "$REPORT"; exit 1
fi

# --- 2. ./start.sh --yes --no-browser: set up and serve --------------------------------------------
TOKEN="bare$RANDOM$RANDOM"
T0=$(date +%s)
setsid chroot "$CHROOT" /usr/bin/env -i HOME=/root USER=root LOGNAME=root LANG=C.UTF-8 TERM=dumb \
  PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin "${CA_ENV[@]}" JUPYTER_TOKEN="$TOKEN" \
  bash -c "cd /root/dl-course && exec ./start.sh --yes --no-browser --port $PORT" < /dev/null > "$OUT/start.log" 2>&1 &
JUPYTER_PGID=$!
UP=""
for _ in $(seq 1 3600); do
  if curl -sf "http://127.0.0.1:$PORT/api/status?token=$TOKEN" > "$OUT/api-status.json" 2>/dev/null; then UP=1; break; fi
  kill -0 "$JUPYTER_PGID" 2>/dev/null || break
  sleep 1
done
T_START=$(( $(date +%s) - T0 ))
if [ -z "$UP" ]; then
  note "2. FAILED: ./start.sh --yes did not serve Jupyter (after $T_START s):"; tail -n 30 "$OUT/start.log" | tee -a "$REPORT"; exit 1
fi
FRONT="$(grep -o -m1 -E 'Jupyter Notebook [0-9.]+ is running|JupyterLab (application|extension)[^\n]*|Starting (JupyterLab|Jupyter Notebook[ 0-9.]*)' "$OUT/start.log" | head -n 1)"
LAB_HTTP="$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/lab?token=$TOKEN" || true)"
SPECS="$(in_chroot jupyter kernelspec list 2>&1)"
echo "$SPECS" > "$OUT/kernelspec-list.txt"
note "2. ./start.sh --yes --no-browser --port $PORT: Jupyter answered /api/status after $T_START s (wall, from a bare system: apt, Maven build, kernel install, server start)"
note "   front end: ${FRONT:-unknown} (GET /lab: HTTP $LAB_HTTP); api/status: $(cat "$OUT/api-status.json")"
note "   apt installed: $(grep -o -m1 'apt-get install -y --no-install-recommends.*' "$OUT/start.log" || echo '?')"
note "   jupyter kernelspec list: $(echo "$SPECS" | grep dlcourse-java | sed 's/^ *//')"
note "   java: $(in_chroot java -version 2>&1 | head -n 1); $(in_chroot jupyter notebook --version 2>/dev/null | sed 's/^/notebook /') $(in_chroot sh -c 'jupyter lab --version 2>/dev/null' | sed 's/^/lab /')"
echo "$SPECS" | grep -q dlcourse-java || { note "2. FAILED: the kernel is not in jupyter kernelspec list"; exit 1; }
kill -TERM -- "-$JUPYTER_PGID"
for _ in $(seq 1 30); do kill -0 "$JUPYTER_PGID" 2>/dev/null || break; sleep 1; done
kill -0 "$JUPYTER_PGID" 2>/dev/null && { kill -KILL -- "-$JUPYTER_PGID" || true; }
JUPYTER_PGID=""
note "   stopped (SIGTERM to its process group)"

# --- 3. again: nothing to install ------------------------------------------------------------------
T0=$(date +%s)
in_chroot bash -c 'cd /root/dl-course && ./start.sh --setup-only' < /dev/null > "$OUT/start-again.log" 2>&1 \
  || { note "3. FAILED: ./start.sh --setup-only again:"; tail -n 10 "$OUT/start-again.log" | tee -a "$REPORT"; exit 1; }
T_AGAIN=$(( $(date +%s) - T0 ))
if grep -q -e 'apt-get' -e 'Installing the kernel' "$OUT/start-again.log"; then
  note "3. FAILED: the second ./start.sh installed something:"; cat "$OUT/start-again.log" | tee -a "$REPORT"; exit 1
fi
note "3. ./start.sh --setup-only again: $T_AGAIN s, installed nothing: $(tr '\n' ' ' < "$OUT/start-again.log" | cut -c1-200)"
[ -n "$START_ONLY" ] && { note "(--start-only: ./test.sh not run)"; exit 0; }

# --- 4. ./test.sh --yes: the whole suite -----------------------------------------------------------
T0=$(date +%s)
set +e
in_chroot env COURSE_UI_PORT="$UI_PORT" bash -c 'cd /root/dl-course && ./test.sh --yes' < /dev/null > "$OUT/test.log" 2>&1
RC=$?
set -e
T_TEST=$(( $(date +%s) - T0 ))
note "4. ./test.sh --yes: exit $RC after $T_TEST s (wall); stages:"
grep -E '^(== |run-all: |ui_check: wall)' "$OUT/test.log" | sed 's/^/   /' | tee -a "$REPORT"
[ $RC -eq 0 ] || { note "4. FAILED: last lines:"; tail -n 30 "$OUT/test.log" | tee -a "$REPORT"; exit 1; }
note "ALL PASSED: ./start.sh --yes ${T_START} s to a serving Jupyter; ./test.sh --yes ${T_TEST} s"
