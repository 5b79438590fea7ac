#!/usr/bin/env bash
# Benchmarks `mast build` against Debian's jsonnet (and Pkl, when installed).
#
#   bench/run.sh            build Release if needed, check outputs, time everything
#   BENCH_RUNS=20 bench/run.sh
#   BENCH_FORMAT=1 bench/run.sh   also time gen_pairs_format.jsonnet (slow: ~30 s a run)
#
# What it does:
#   1. configures and builds the `mast` target in Release (MAST_BUILD_DIR,
#      default build-release in the repo; a no-op when up to date);
#   2. checks that bench/gen_pairs.mast and bench/gen_pairs.jsonnet produce the
#      same 2,000 objects (bench/check_equal.py) and stops if they do not;
#   3. times both with hyperfine (warm-up runs, then BENCH_RUNS runs), and the
#      small sample samples/webapp/webapp.mast;
#   4. writes hyperfine's markdown and JSON to bench/out/ (gitignored) and
#      prints the ratios against the targets in bench/README.md.
#
# Needs: cmake, ninja, hyperfine, jsonnet, python3
#   (apt-get install -y hyperfine jsonnet). Pkl is optional: PKL=/path/to/pkl.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build=${MAST_BUILD_DIR:-$root/build-release}
runs=${BENCH_RUNS:-10}
out=$root/bench/out
mkdir -p "$out"

for tool in cmake ninja hyperfine jsonnet python3; do
  command -v "$tool" > /dev/null || {
    echo "bench/run.sh: $tool not found; apt-get install -y hyperfine jsonnet cmake ninja-build python3" >&2
    exit 1
  }
done

if [[ ! -f $build/CMakeCache.txt ]]; then
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release
fi
build_type=$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$build/CMakeCache.txt")
if [[ $build_type != Release ]]; then
  echo "bench/run.sh: $build is a '$build_type' build; use a Release one (MAST_BUILD_DIR=...)" >&2
  exit 1
fi
cmake --build "$build" --target mast -j 2
mast=$build/cli/mast

cd "$root"
echo "== checking that Mast and Jsonnet produce the same objects"
# The policy linter's findings go to stderr; keep them out of the way.
"$mast" build --format json bench/gen_pairs.mast > "$out/gen_pairs.mast.json" 2> "$out/gen_pairs.mast.stderr"
"$mast" build bench/gen_pairs.mast > "$out/gen_pairs.mast.yaml" 2> "$out/gen_pairs.mast.stderr"
jsonnet bench/gen_pairs.jsonnet > "$out/gen_pairs.jsonnet.json"
python3 bench/check_equal.py "$out/gen_pairs.mast.json" "$out/gen_pairs.jsonnet.json" "$out/gen_pairs.mast.yaml"

pkl=${PKL:-$(command -v pkl || true)}
commands=(
  -n "mast build" "$mast build bench/gen_pairs.mast"
  -n "mast build --no-check" "$mast build --no-check bench/gen_pairs.mast"
  -n "mast build --format json" "$mast build --format json bench/gen_pairs.mast"
  -n "jsonnet" "jsonnet bench/gen_pairs.jsonnet"
)
if [[ -n $pkl && -x $pkl ]]; then
  "$pkl" eval -f json bench/gen_pairs.pkl > "$out/gen_pairs.pkl.json"
  python3 bench/check_equal.py "$out/gen_pairs.mast.json" "$out/gen_pairs.pkl.json"
  commands+=(-n "pkl eval -f json" "$pkl eval -f json bench/gen_pairs.pkl")
fi

echo "== 1,000 Deployment + Service pairs"
# -N: no intermediate shell, so the figures are the programs' own.
hyperfine -N --warmup 3 --runs "$runs" \
  --export-markdown "$out/pairs.md" --export-json "$out/pairs.json" "${commands[@]}"

if [[ ${BENCH_FORMAT:-0} == 1 ]]; then
  jsonnet bench/gen_pairs_format.jsonnet > "$out/gen_pairs_format.jsonnet.json"
  python3 bench/check_equal.py "$out/gen_pairs.mast.json" "$out/gen_pairs_format.jsonnet.json"
  hyperfine -N --warmup 0 --runs 2 \
    --export-markdown "$out/pairs_format.md" --export-json "$out/pairs_format.json" \
    -n "jsonnet (std.format variant)" "jsonnet bench/gen_pairs_format.jsonnet"
fi

echo "== small file: samples/webapp/webapp.mast"
hyperfine -N --warmup 10 --runs $((runs * 5)) \
  --export-markdown "$out/small.md" --export-json "$out/small.json" \
  -n "mast build webapp.mast" "$mast build samples/webapp/webapp.mast"

python3 - "$out" << 'EOF'
import json, sys
out = sys.argv[1]
def results(name):
    with open(f"{out}/{name}.json") as f:
        return {r["command"]: r for r in json.load(f)["results"]}
pairs, small = results("pairs"), results("small")
def ms(r):
    return f"{r['mean'] * 1000:8.1f} ms (min {r['min'] * 1000:7.1f}, CPU {(r['user'] + r['system']) * 1000:7.1f})"
def verdict(ok):
    return "met" if ok else "NOT met"
jsonnet = pairs["jsonnet"]
webapp = small["mast build webapp.mast"]
print()
print("== summary: wall-clock mean (fastest run, user+system CPU)")
for name, r in pairs.items():
    print(f"{name:28} {ms(r)}")
print(f"{'mast build webapp.mast':28} {ms(webapp)}")
print()
for name in [n for n in pairs if n.startswith("mast")]:
    r = pairs[name]
    print(f"{name}: {r['mean'] * 1000:.1f} ms, target < 100 ms {verdict(r['mean'] < 0.1)}; "
          f"jsonnet / mast = {jsonnet['mean'] / r['mean']:.1f}x, target >= 10x {verdict(jsonnet['mean'] / r['mean'] >= 10)}")
if "pkl eval -f json" in pairs:
    print(f"pkl / mast build = {pairs['pkl eval -f json']['mean'] / pairs['mast build']['mean']:.1f}x")
print(f"small file: {webapp['mean'] * 1000:.1f} ms, target < 10 ms {verdict(webapp['mean'] < 0.01)}")
EOF
echo "hyperfine exports: $out/{pairs,small}.{md,json}"
