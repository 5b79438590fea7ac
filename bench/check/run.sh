#!/usr/bin/env bash
# The `mast check` benchmark (see README.md for the figures).
#
#   bench/check/run.sh [MAST_BINARY]
#
# MAST_BINARY is a Release build of `mast` (default: build-rel/cli/mast in the
# repository). Needs python3, cc, libyaml-dev, hyperfine and /usr/bin/time
# (apt-get install -y hyperfine time); valgrind for the instruction counts.
# Inputs go to $MAST_BENCH_DIR (default /tmp/mast-check-bench).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
mast=${1:-$here/../../build-rel/cli/mast}
out=${MAST_BENCH_DIR:-/tmp/mast-check-bench}
[ -x "$mast" ] || { echo "no mast binary at $mast (build with -DCMAKE_BUILD_TYPE=Release)" >&2; exit 2; }

rm -rf "$out" && mkdir -p "$out"
python3 "$here/gen_manifests.py" "$out"
cc -O2 -o "$out/bare_parse" "$here/bare_parse.c" -lyaml
cd "$out"
echo "inputs: big.yaml $(stat -c %s big.yaml) bytes, small.yaml $(stat -c %s small.yaml) bytes, dir/ $(ls dir | wc -l) files"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"

# Every input is valid: the check must report nothing and exit 0.
"$mast" check --no-policies -j 1 big.yaml small.yaml dir

hyperfine -N --warmup 3 --runs 20 --export-markdown "$out/big.md" \
  "./bare_parse big.yaml" \
  "$mast check --no-policies -j 1 big.yaml" \
  "$mast check --no-policies -j 1 --no-server-rules big.yaml" \
  "$mast check -j 1 big.yaml" \
  "$mast check --no-policies -j 0 big.yaml"
hyperfine -N --warmup 5 --runs 50 --export-markdown "$out/small.md" \
  "$mast --version" \
  "$mast check --no-policies -j 1 small.yaml"
hyperfine --warmup 3 --runs 20 --export-markdown "$out/dir.md" \
  "$mast check --no-policies -j 1 dir" \
  "$mast check --no-policies -j 0 dir"

for input in big.yaml small.yaml dir; do
  /usr/bin/time -f "peak memory, check --no-policies -j 1 $input: %M KB" "$mast" check --no-policies -j 1 --no-summary "$input"
done

if command -v valgrind >/dev/null && [ "${MAST_BENCH_CALLGRIND:-1}" = 1 ]; then
  # Instruction counts do not depend on the machine's load: the ratio to
  # libyaml's bare parse, on the first 1,000 objects.
  head -c 600000 big.yaml | sed '$ d' >part.yaml
  count() { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null | sed -n 's/.*I *refs: *//p'; }
  bare=$(count ./bare_parse part.yaml | tr -d ,)
  full=$(count "$mast" check --no-policies -j 1 part.yaml | tr -d ,)
  structure=$(count "$mast" check --no-policies -j 1 --no-server-rules part.yaml | tr -d ,)
  echo "instructions on part.yaml: bare parse $bare, check $full ($(echo "scale=2; $full / $bare" | bc)x)," \
       "check --no-server-rules $structure ($(echo "scale=2; $structure / $bare" | bc)x)"
fi

# The linter's target: the schema check plus every default policy in under
# 2x the time of the schema check alone, on big.yaml. Timed in alternation
# (bench/paired.py: the host's speed drifts), with the default thread count
# and with one thread. A is the whole check, B the schema check alone.
rounds=${MAST_BENCH_ROUNDS:-30}
for jobs in "" "-j 1 "; do
  echo "policies + schema / schema alone, ${jobs:-default threads }(target < 2):"
  python3 "$here/../paired.py" "$rounds" "$mast check ${jobs}big.yaml" "$mast check --no-policies ${jobs}big.yaml"
done
