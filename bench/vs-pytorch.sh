#!/usr/bin/env bash
# The course pack against lesson 000's own PyTorch code, on this machine, in one run. Alternates a
# Java process (bench/LessonBench.java through the helper jar) and a PyTorch process
# (bench/lesson_pytorch.py, Debian python3-torch) for each round, then a notebook start on each
# kernel, and prints medians, Java's speed-up, GFLOP/s against a matmul peak, peak memory, and how
# fast CNN_V2's convolutions alone run (what bounds the epoch's speed-up).
#
#   bench/vs-pytorch.sh [--rounds 3] [--threads N] [--per-class 5000] [--test-per-class 1000]
#                       [--steps 20] [--profile] [--no-notebook] [--same-allocator] [--allocator glibc]
#                       [--before] [--before-tunables STRING] [--before-checkout DIR]
#   bench/vs-pytorch.sh --project [--rounds 1] [--threads N] [--cnn-batches 20] [--resnet-batches 5]
#
# --project times lesson 39's models instead (bench/ProjectBench.java against bench/project_pytorch.py):
# CIFAR10CNN and the ResNet-18 trained with the lesson's SGD loop on fixed in-memory batches of 128,
# 2 warm-up batches, then the given number timed; seconds per 50,000-image epoch, extrapolated.
#
# --before adds a third side to every round, "java_before": the same Java bench with the JVM's own
# defaults instead of lib/kernel/jvm-options (and --before-tunables as GLIBC_TUNABLES, default the
# kernel's), so settings are compared in alternating rounds of one run. --before-checkout DIR runs
# another checkout's bench and helper jar there instead (built: ./install-kernel.sh in DIR), with the
# JVM's defaults and its own lib/kernel/glibc-tunables: the course as it was, against the course now.
# The Java side runs with the kernel's C allocator (lib/kernel/allocator.sh: tcmalloc where installed,
# else glibc with lib/kernel/glibc-tunables); --allocator glibc runs it with glibc's. --same-allocator
# gives the PyTorch side the same allocator setting, to see how much of the difference is the allocator.
# Needs ./install-kernel.sh first, and: apt install python3-torch python3-torchvision python3-ipykernel
# The data is a generated archive in CIFAR-10's format and size (--per-class training images per
# class, 50,000 in all, of which the lesson's 80 % split trains one epoch; --test-per-class), or real
# CIFAR-10 if you copy cifar-10-binary.tar.gz to
# build/bench-vs-pytorch/real-cifar-10-binary.tar.gz. Logs and the report go to build/bench-vs-pytorch/.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
TUNABLES="$(tr -d '[:space:]' < lib/kernel/glibc-tunables)"  # glibc's setting in the kernel
# shellcheck source=lib/kernel/allocator.sh
source lib/kernel/allocator.sh
ALLOCATOR=tcmalloc; SAME_ALLOCATOR=""
ROUNDS=3; THREADS="$(nproc)"; PER_CLASS=5000; TEST_PER_CLASS=1000; STEPS=20; PROFILE=""; NOTEBOOK=1; PT_ENV=()
PROJECT=""; CNN_BATCHES=20; RESNET_BATCHES=5; BEFORE=""; BEFORE_TUNABLES=""; BEFORE_DIR=""
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) ROUNDS="$2"; shift ;;
    --threads) THREADS="$2"; shift ;;
    --per-class) PER_CLASS="$2"; shift ;;
    --test-per-class) TEST_PER_CLASS="$2"; shift ;;
    --steps) STEPS="$2"; shift ;;
    --profile) PROFILE="--profile" ;;
    --no-notebook) NOTEBOOK="" ;;
    --same-allocator) SAME_ALLOCATOR=1 ;;
    --allocator) ALLOCATOR="$2"; shift ;;
    --project) PROJECT=1 ;;
    --before) BEFORE=1 ;;
    --before-tunables) BEFORE=1; BEFORE_TUNABLES="$2"; shift ;;
    --before-checkout) BEFORE=1; BEFORE_DIR="$(cd "$2" && pwd)"; shift ;;
    --cnn-batches) CNN_BATCHES="$2"; shift ;;
    --resnet-batches) RESNET_BATCHES="$2"; shift ;;
    -h|--help) sed -n '2,29p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "vs-pytorch.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
  shift
done

JAR="$(ls lib/target/dlcourse-*.jar 2>/dev/null | grep -v kernel-patch | head -n 1 || true)"
[ -n "$JAR" ] && [ -d lib/target/kernel/lib ] || { echo "vs-pytorch.sh: build the helper jar first: ./install-kernel.sh" >&2; exit 1; }
/usr/bin/python3 -c "import torch, torchvision" 2>/dev/null \
  || { echo "vs-pytorch.sh: the PyTorch side needs: sudo apt install python3-torch python3-torchvision python3-ipykernel" >&2; exit 1; }
CP="$ROOT/lib/target/kernel/lib/*:$ROOT/$JAR"
mapfile -t MALLOC_ENV < <(kernel_malloc_env "$ALLOCATOR") # the kernel's C allocator
[ -n "$SAME_ALLOCATOR" ] && PT_ENV=("${MALLOC_ENV[@]}")
# the Java side runs as the course kernel runs it (install-kernel.sh): its JVM options and allocator
mapfile -t JVM_OPTIONS < <(sed -e 's/#.*//' -e 's/[[:space:]]*$//' -e '/^$/d' lib/kernel/jvm-options)
JAVA=(env "${MALLOC_ENV[@]}" java "${JVM_OPTIONS[@]}" -Dai.djl.pytorch.num_interop_threads=1 -Dorg.slf4j.simpleLogger.defaultLogLevel=error -Dai.djl.pytorch.num_threads="$THREADS" -cp "$CP")
BEFORE_BENCH=bench/LessonBench.java
if [ -n "$BEFORE_DIR" ]; then
  BEFORE_JAR="$(ls "$BEFORE_DIR"/lib/target/dlcourse-*.jar 2>/dev/null | grep -v kernel-patch | head -n 1 || true)"
  [ -n "$BEFORE_JAR" ] || { echo "vs-pytorch.sh: build $BEFORE_DIR first (./install-kernel.sh there)" >&2; exit 1; }
  CP_BEFORE="$BEFORE_DIR/lib/target/kernel/lib/*:$BEFORE_JAR"; BEFORE_BENCH="$BEFORE_DIR/bench/LessonBench.java"
  BEFORE_TUNABLES="${BEFORE_TUNABLES:-$(tr -d '[:space:]' < "$BEFORE_DIR/lib/kernel/glibc-tunables")}"
else
  CP_BEFORE="$CP"
fi
JAVA_BEFORE=(env GLIBC_TUNABLES="${BEFORE_TUNABLES:-$TUNABLES}" java -Dbench.side=java_before -Dai.djl.pytorch.num_interop_threads=1 -Dorg.slf4j.simpleLogger.defaultLogLevel=error -Dai.djl.pytorch.num_threads="$THREADS" -cp "$CP_BEFORE")

OUT="$ROOT/build/bench-vs-pytorch"
mkdir -p "$OUT"
if [ -n "$PROJECT" ]; then
  LOG="$OUT/project.log"
  : > "$LOG"
  echo "lesson 39 models; threads: $THREADS; rounds: $ROUNDS; timed batches of 128: CIFAR10CNN $CNN_BATCHES, ResNet-18 $RESNET_BATCHES; load: $(cut -d' ' -f1-3 /proc/loadavg)"
  for round in $(seq 1 "$ROUNDS"); do
    if [ $((round % 2)) -eq 1 ]; then order="java pytorch"; else order="pytorch java"; fi
    for side in $order; do
      echo "-- round $round/$ROUNDS: $side"
      if [ "$side" = java ]; then
        "${JAVA[@]}" bench/ProjectBench.java "$CNN_BATCHES" "$RESNET_BATCHES" | tee -a "$LOG"
      else
        env "${PT_ENV[@]}" /usr/bin/python3 bench/project_pytorch.py "$CNN_BATCHES" "$RESNET_BATCHES" "$THREADS" | tee -a "$LOG"
      fi
    done
  done
  /usr/bin/python3 bench/vs_pytorch_report.py "$LOG" | tee "$OUT/project-report.txt"
  exit 0
fi
ARCHIVE="$OUT/real-cifar-10-binary.tar.gz"
if [ ! -f "$ARCHIVE" ]; then
  ARCHIVE="$OUT/generated-${PER_CLASS}x${TEST_PER_CLASS}.tar.gz"
  [ -f "$ARCHIVE" ] || "${JAVA[@]}" bench/LessonBench.java prepare "$ARCHIVE" "$PER_CLASS" "$TEST_PER_CLASS"
fi
LOG="$OUT/results.log"
: > "$LOG"
echo "data: $ARCHIVE; threads: $THREADS; rounds: $ROUNDS; steps per throughput run: $STEPS"
echo "java's C allocator: $(if [[ "${MALLOC_ENV[0]}" == LD_PRELOAD=* ]]; then echo "tcmalloc (${MALLOC_ENV[0]#LD_PRELOAD=})"; else echo "glibc ($TUNABLES)"; fi)"

for round in $(seq 1 "$ROUNDS"); do
  # alternate which side goes first, so neither always runs on a warmer or cooler machine
  if [ $((round % 2)) -eq 1 ]; then order="java pytorch"; else order="pytorch java"; fi
  benches="$order"
  if [ -n "$BEFORE" ]; then
    if [ $((round % 2)) -eq 1 ]; then benches="java java_before pytorch"; else benches="pytorch java_before java"; fi
  fi
  for side in $benches; do
    echo "-- round $round/$ROUNDS: $side"
    if [ "$side" = java ]; then
      "${JAVA[@]}" bench/LessonBench.java run "$ARCHIVE" "$STEPS" $PROFILE | tee -a "$LOG"
    elif [ "$side" = java_before ]; then
      # an older bench names its side "java": renamed here
      "${JAVA_BEFORE[@]}" "$BEFORE_BENCH" run "$ARCHIVE" "$STEPS" $PROFILE | sed 's/side=java /side=java_before /' | tee -a "$LOG"
    else
      env "${PT_ENV[@]}" /usr/bin/python3 bench/lesson_pytorch.py "$ARCHIVE" "$STEPS" "$THREADS" $PROFILE | tee -a "$LOG"
    fi
  done
  if [ -n "$NOTEBOOK" ]; then
    for side in $order; do
      COURSE_THREADS="$THREADS" /usr/bin/python3 bench/notebook_start.py "$side" | tee -a "$LOG"
    done
  fi
done

/usr/bin/python3 bench/vs_pytorch_report.py "$LOG" | tee "$OUT/report.txt"
