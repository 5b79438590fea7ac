#!/usr/bin/env bash
# The budgets of the release catalog (issue 12), each against the figure
# before it: the embedded catalog's size, start-up of `mast build` on a small
# file, the 10,000-object check, and the same check against kubeconform.
#
#   bench/catalog/run.sh [MAST_BINARY [MAST_BEFORE_BINARY]]
#
# MAST_BINARY: a Release build (default build/cli/mast). MAST_BEFORE_BINARY:
# a Release build of the commit before the release catalog (468c025, which
# embeds the Kubernetes 1.27 spec), for the side-by-side rows; without it
# those rows are skipped. kubeconform and its 1.32 schemas come from
# ../shared/peers (PEERS=DIR to point elsewhere); without them that row is
# skipped. Timings alternate the two commands (bench/paired.py) and compare
# CPU time, which the shared 2-core machine disturbs least; rounds are
# MAST_BENCH_ROUNDS (default 15).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
mast=${1:-$root/build/cli/mast}
before=${2:-}
peers=${PEERS:-$root/../shared/peers}
rounds=${MAST_BENCH_ROUNDS:-15}
out=${MAST_BENCH_DIR:-/tmp/mast-catalog-bench}
[ -x "$mast" ] || { echo "no mast binary at $mast" >&2; exit 2; }
mkdir -p "$out"
paired() { python3 "$root/bench/paired.py" --cpu "$rounds" "$1" "$2"; }

echo "== catalog size"
catalog=$(dirname "$mast")/../schemas/kube_catalog.bin
[ -f "$catalog" ] && echo "kube_catalog.bin: $(stat -c %s "$catalog") bytes ($("$mast" --version | sed -n 's/^Kubernetes releases: //p'))"
echo "budget: at most 1.5x the 1.27 catalog's 454,000 bytes = 681,000 bytes"
if [ -n "$before" ]; then
  old=$(dirname "$before")/../schemas/kube_catalog.bin
  [ -f "$old" ] && echo "before (Kubernetes 1.27 only): $(stat -c %s "$old") bytes"
  echo "binary: $(stat -c %s "$mast") bytes, before $(stat -c %s "$before") bytes"
fi

echo "== start-up: mast build of a small file (budget: under 10 ms)"
cat >"$out/small.mast" <<'MAST'
import "k8s/core/v1" as core
emit core.ConfigMap { metadata: { name: "settings" }, data: { level: "info" } }
MAST
python3 "$root/bench/paired.py" "$((rounds * 4))" "$mast build --no-check $out/small.mast" "true"
if [ -n "$before" ]; then
  echo "-- new (A) against before (B), wall time"
  python3 "$root/bench/paired.py" "$((rounds * 4))" "$mast build --no-check $out/small.mast" \
    "$before build --no-check $out/small.mast"
fi

echo "== the 10,000-object check, mast check --no-policies -j 1 (budget: no slower)"
python3 "$root/bench/check/gen_manifests.py" "$out" >/dev/null
"$mast" check --no-policies -j 1 "$out/big.yaml"
if [ -n "$before" ]; then
  echo "-- new (A) against before (B), CPU time"
  paired "$mast check --no-policies -j 1 $out/big.yaml" "$before check --no-policies -j 1 $out/big.yaml"
fi

echo "== against kubeconform -strict -n 1 (target: mast at least 10x faster in CPU time)"
if [ -x "$peers/kubeconform" ] && [ -f "$peers/kubeconform-schemas-v1.32.2-strict.tar.xz" ]; then
  [ -d "$out/kc" ] || { mkdir -p "$out/kc" && tar -xJf "$peers/kubeconform-schemas-v1.32.2-strict.tar.xz" -C "$out/kc"; }
  kc="$peers/kubeconform -strict -n 1 -summary -schema-location $out/kc -kubernetes-version 1.32.2 $out/big.yaml"
  $kc
  "$mast" check --no-policies -j 1 --kubernetes-version 1.32 "$out/big.yaml"
  echo "-- kubeconform (A) against mast (B), CPU time: A/B is how many times faster mast is"
  paired "$kc" "$mast check --no-policies -j 1 --kubernetes-version 1.32 $out/big.yaml"
else
  echo "skipped: no kubeconform in $peers (see ../shared/peers/README.md)"
fi
