#!/usr/bin/env bash
# Data-layer speed: load a CIFAR-10-sized archive from disk, and batches per second of the shuffled,
# normalized batch iterator (see bench/DataSpeed.java). Run after ./install-kernel.sh.
# To measure on real CIFAR-10, copy cifar-10-binary.tar.gz to build/bench-data/real-cifar-10-binary.tar.gz.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CP="$ROOT/lib/target/kernel/lib/*:$(ls "$ROOT"/lib/target/dlcourse-*.jar | grep -v kernel-patch | head -n 1)"
cd "$ROOT"
java -Xmx4g -Dorg.slf4j.simpleLogger.defaultLogLevel=error -cp "$CP" bench/DataSpeed.java build/bench-data
