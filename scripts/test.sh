#!/usr/bin/env bash
# Quick start 2: install what is missing, build, and run every test.
#   scripts/test.sh              Release build in build/
#   scripts/test.sh --sanitize   ASan+UBSan debug build in build-asan/
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
if [ "${1:-}" = "--sanitize" ]; then
  scripts/build.sh build-asan -DCMAKE_BUILD_TYPE=Debug -DMAST_SANITIZE=ON
  export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
  cd build-asan
else
  scripts/build.sh build
  cd build
fi
ctest --output-on-failure -j "$(nproc)"
