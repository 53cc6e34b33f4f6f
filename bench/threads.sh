#!/usr/bin/env bash
# Measures training throughput of CNN_V1 (batch 128, Adam) with DJL's default of 2 inter-op
# threads and with the course's default of 1, alternating, in separate JVMs, with the kernel's
# C allocator (lib/kernel/allocator.sh).
#   bench/threads.sh [ROUNDS] [STEPS]        (after ./install-kernel.sh or mvn -f lib package)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CP="$ROOT/lib/target/kernel/lib/*:$(ls "$ROOT"/lib/target/dlcourse-*.jar | grep -v kernel-patch | head -n 1)"
ROUNDS="${1:-3}"; STEPS="${2:-30}"
# shellcheck source=lib/kernel/allocator.sh
source "$ROOT/lib/kernel/allocator.sh"
mapfile -t MALLOC_ENV < <(kernel_malloc_env)
for round in $(seq 1 "$ROUNDS"); do
  for interop in 2 1; do
    env "${MALLOC_ENV[@]}" java -Dai.djl.pytorch.num_interop_threads=$interop -Dorg.slf4j.simpleLogger.defaultLogLevel=error \
      -cp "$CP" "$ROOT/bench/ThreadDefaults.java" "$STEPS"
  done
done
