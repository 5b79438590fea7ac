#!/usr/bin/env bash
# Builds one libFuzzer target with clang (ASan + UBSan by default) and runs it.
#
#   scripts/fuzz.sh TARGET SECONDS [libFuzzer options...]
#   scripts/fuzz.sh fuzz_yaml 300
#   scripts/fuzz.sh fuzz_parse 0 path/to/crash-input     # replay one input
#
# TARGET is fuzz_parse, fuzz_compile, fuzz_yaml, fuzz_lsp, fuzz_fmt, fuzz_check_files
# (tests/fuzz/) or fuzz_check (tests/check/fuzz/). SECONDS=0
# with input files after it replays them instead of fuzzing.
#
# Environment:
#   MAST_FUZZ_BUILD_DIR  build directory (default: build-fuzz in the repo; gitignored)
#   MAST_SANITIZE        ON (default) or OFF: ASan + UBSan
#   MAST_FUZZ_ARTIFACTS  where crash-/timeout-/leak- files go (default: $MAST_FUZZ_BUILD_DIR/findings/)
#   MAST_FUZZ_JOBS       build parallelism (default 2)
#   MAST_FUZZ_MAX_LEN    libFuzzer's -max_len (default 16384). Run every target
#                        once with 1048576 (1 MB): long chains, deep nesting and
#                        huge lines only exist in large inputs.
#   MAST_FUZZ_TIMEOUT    seconds per input before libFuzzer reports a timeout
#                        (default 10; 60 with a -max_len over 64 KB: a 1 MB
#                        file of 70,000 declarations parses in 1.6 s in Release
#                        and over 10 s under ASan + UBSan, linearly)
#
# New inputs that libFuzzer finds go to tests/fuzz/corpus-TARGET/ (gitignored);
# the committed seeds in tests/fuzz/corpus/TARGET/ are only read. To grow the
# seeds, minimize first: fuzz_X -merge=1 tests/fuzz/corpus/X tests/fuzz/corpus-X
set -euo pipefail

usage() {
  sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}
[[ $# -ge 2 ]] || usage
target=$1
seconds=$2
shift 2
case "$target" in
  fuzz_parse | fuzz_compile | fuzz_yaml | fuzz_lsp | fuzz_fmt | fuzz_check_files | fuzz_check) ;;
  *) echo "fuzz.sh: unknown target '$target' (fuzz_parse, fuzz_compile, fuzz_yaml, fuzz_lsp, fuzz_fmt, fuzz_check_files, fuzz_check)" >&2; exit 2 ;;
esac
[[ "$seconds" =~ ^[0-9]+$ ]] || usage

root=$(cd "$(dirname "$0")/.." && pwd)
build=${MAST_FUZZ_BUILD_DIR:-$root/build-fuzz}
sanitize=${MAST_SANITIZE:-ON}
artifacts=${MAST_FUZZ_ARTIFACTS:-$build/findings/}
jobs=${MAST_FUZZ_JOBS:-2}
max_len=${MAST_FUZZ_MAX_LEN:-16384}
default_timeout=10
[[ $max_len -gt 65536 ]] && default_timeout=60
timeout=${MAST_FUZZ_TIMEOUT:-$default_timeout}

for tool in clang clang++ cmake ninja; do
  command -v "$tool" > /dev/null || {
    echo "fuzz.sh: $tool not found; apt-get install -y clang libclang-rt-14-dev cmake ninja-build" >&2
    exit 1
  }
done
# libFuzzer's runtime ships in libclang-rt-NN-dev on Debian.
if ! echo 'extern "C" int LLVMFuzzerTestOneInput(const char*, unsigned long) { return 0; }' |
    clang++ -x c++ -fsanitize=fuzzer -o /dev/null - 2> /dev/null; then
  echo "fuzz.sh: clang cannot link libFuzzer; apt-get install -y libclang-rt-14-dev" >&2
  exit 1
fi

# cmake/MastDependencies.cmake works around ANTLR 4.9's headers for clang.
if [[ ! -f $build/CMakeCache.txt ]]; then
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
    -DMAST_FUZZ=ON -DMAST_SANITIZE="$sanitize"
fi
cmake --build "$build" --target "$target" -j "$jobs"
binary=$build/tests/fuzz/$target
[[ $target == fuzz_check ]] && binary=$build/tests/$target

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:symbolize=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

if [[ $seconds == 0 && $# -gt 0 && -f $1 ]]; then
  exec "$binary" "$@"
fi

case "$target" in
  fuzz_yaml) dict=$root/tests/fuzz/yaml.dict ;;
  fuzz_lsp) dict=$root/tests/fuzz/lsp.dict ;;
  fuzz_check | fuzz_check_files) dict=$root/tests/fuzz/yaml.dict ;;
  *) dict=$root/tests/fuzz/mast.dict ;;
esac
work=$root/tests/fuzz/corpus-$target
mkdir -p "$work" "$artifacts"
echo "fuzz.sh: running $target for ${seconds}s; new inputs in $work, findings in $artifacts"
seeds=$root/tests/fuzz/corpus/$target
[[ $target == fuzz_check ]] && seeds=$root/tests/check/fuzz/corpus
exec "$binary" "$work" "$seeds" \
  -max_total_time="$seconds" -timeout="$timeout" -rss_limit_mb=4096 -max_len="$max_len" \
  -dict="$dict" -artifact_prefix="$artifacts$target-" -print_final_stats=1 "$@"
