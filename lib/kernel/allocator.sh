# The C allocator the course kernel runs with; sourced by install-kernel.sh and bench/ scripts.
#
# The engine's tensors live in the C heap. glibc's allocator (with lib/kernel/glibc-tunables, kept
# for speed) let a CIFAR-10 training process keep ~700 MB of freed, fragmented activation memory:
# the bench's peak was 1,109 MiB with it and 666 MiB with jemalloc, at the same speed
# (docs/performance.md#memory-per-kernel-against-the-lessons-python). jemalloc is Debian's
# libjemalloc2 (start.sh installs it); where it is missing the kernel runs with glibc's allocator.
#
# MALLOC_CONF: oversize_threshold:0 keeps large blocks (a batch's activations, 4-17 MB) in the
# ordinary arenas, reused from step to step: jemalloc's default hands blocks over 8 MB back at once,
# and a training step then ran a third slower, page-faulting its activations in anew.
# background_thread:true returns freed pages to the system after jemalloc's decay time (10 s), so
# an idle kernel shrinks without a cell having to run.
KERNEL_MALLOC_CONF="oversize_threshold:0,background_thread:true"

# The path of jemalloc's shared library, or nothing when it is not installed.
jemalloc_library() {
  local path
  path="$( { /sbin/ldconfig -p 2>/dev/null || ldconfig -p 2>/dev/null; } \
    | awk '$1 == "libjemalloc.so.2" { print $NF; exit }')"
  if [ -n "$path" ] && [ -f "$path" ]; then echo "$path"; return; fi
  for path in ${CONDA_PREFIX:+"$CONDA_PREFIX/lib/libjemalloc.so.2"} /usr/lib/*-linux-gnu/libjemalloc.so.2 \
      /usr/lib64/libjemalloc.so.2 /usr/local/lib/libjemalloc.so.2; do
    if [ -f "$path" ]; then echo "$path"; return; fi
  done
}

# The kernel's allocator environment as NAME=VALUE lines: jemalloc with its settings when installed
# (and $1 is not "glibc"), and glibc's settings in every case (used when jemalloc is not).
kernel_malloc_env() {
  local library=""
  [ "${1:-jemalloc}" = glibc ] || library="$(jemalloc_library)"
  if [ -n "$library" ]; then
    echo "LD_PRELOAD=$library"
    echo "MALLOC_CONF=$KERNEL_MALLOC_CONF"
  fi
  echo "GLIBC_TUNABLES=$(tr -d '[:space:]' < "$(dirname "${BASH_SOURCE[0]}")/glibc-tunables")"
}
