#!/usr/bin/env bash
# Configures and builds Mast. Usage: scripts/build.sh [BUILD_DIR] [cmake args...]
# Quiet when there is nothing to do.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir="${1:-build}"
shift || true
if [ ! -f "$build_dir/build.ninja" ]; then
  cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DMAST_UNITY_BUILD=ON "$@" >/dev/null
fi
output=$(cmake --build "$build_dir" -j "$(nproc)" 2>&1) || { echo "$output" >&2; exit 1; }
