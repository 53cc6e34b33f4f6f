# The C allocator the course kernel runs with; sourced by install-kernel.sh, start.sh and bench/.
#
# The engine's tensors live in the C heap. With glibc's allocator (and lib/kernel/glibc-tunables,
# kept for speed) a CIFAR-10 training process kept ~700 MB of freed, fragmented activation memory:
# the bench's peak was 1,109 MiB with it and 664 MiB with gperftools' tcmalloc, at the same speed
# (docs/performance.md#memory-per-kernel-against-the-lessons-python). tcmalloc is Debian's
# libtcmalloc-minimal4 (libtcmalloc-minimal4t64 from Debian 13 and Ubuntu 24.04; start.sh installs
# it); where it is missing the kernel runs with glibc's allocator. jemalloc was as small and as fast,
# but it reserves address space without the kernel's overcommit check (MAP_NORESERVE): a tensor far
# larger than the machine was then handed out and filled until the system killed the kernel, where
# glibc and tcmalloc refuse it and the cell fails with one Korean line.

# The path of tcmalloc's shared library, or nothing when it is not installed.
tcmalloc_library() {
  local path
  path="$( { /sbin/ldconfig -p 2>/dev/null || ldconfig -p 2>/dev/null; } \
    | awk '$1 == "libtcmalloc_minimal.so.4" { print $NF; exit }')"
  if [ -n "$path" ] && [ -f "$path" ]; then echo "$path"; return; fi
  for path in ${CONDA_PREFIX:+"$CONDA_PREFIX/lib/libtcmalloc_minimal.so.4"} \
      /usr/lib/*-linux-gnu/libtcmalloc_minimal.so.4 /usr/lib64/libtcmalloc_minimal.so.4 \
      /usr/local/lib/libtcmalloc_minimal.so.4; do
    if [ -f "$path" ]; then echo "$path"; return; fi
  done
}

# The kernel's allocator environment as NAME=VALUE lines: tcmalloc when installed (and $1 is not
# "glibc"), and glibc's settings in every case (used when tcmalloc is not).
kernel_malloc_env() {
  local library=""
  [ "${1:-tcmalloc}" = glibc ] || library="$(tcmalloc_library)"
  if [ -n "$library" ]; then echo "LD_PRELOAD=$library"; fi
  echo "GLIBC_TUNABLES=$(tr -d '[:space:]' < "$(dirname "${BASH_SOURCE[0]}")/glibc-tunables")"
}
