#!/usr/bin/env bash
# Language server latency: didChange -> publishDiagnostics, p50/p95, and
# memory, for `mast lsp` on a 5,000-line Mast workspace (several files) and a
# 5,000-line Kubernetes YAML file, and for yaml-language-server on the same
# YAML file when it is installed.
#
#   bench/lsp/run.sh                 # MAST_BIN defaults to build-release/cli/mast
#   MAST_BIN=/path/to/mast EDITS=200 bench/lsp/run.sh
#   REQUESTS=1 bench/lsp/run.sh      # also hover, completion, definition,
#                                    # references and semantic tokens latency
#   YLS=/tmp/yls/node_modules/yaml-language-server/bin/yaml-language-server bench/lsp/run.sh
#
# yaml-language-server: `npm install yaml-language-server` (into any
# directory; set YLS to its bin/yaml-language-server). Its `kubernetes` schema
# keyword downloads a schema from GitHub; without network, the benchmark gives
# it the equivalent schema built from the spec that mast embeds
# (k8s_json_schema.py over the vendored 1.36 spec, third_party/kubernetes-openapi).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
mast=${MAST_BIN:-$root/build-release/cli/mast}
edits=${EDITS:-100}
out=$root/bench/out/lsp
mkdir -p "$out"
[ -x "$mast" ] || { echo "bench/lsp: $mast not found; build first (scripts/build.sh build-release) or set MAST_BIN" >&2; exit 1; }

python3 "$here/gen_workspace.py" "$out/workspace"
results=$out/results.jsonl
: > "$results"
for scenario in mast-entry mast-lib yaml; do
  python3 "$here/bench_lsp.py" --server "$mast lsp" --scenario "$scenario" --workspace "$out/workspace" \
    --edits "$edits" ${REQUESTS:+--requests} | tee -a "$results"
done

yls=${YLS:-}
if [ -z "$yls" ] && [ -x /tmp/yls/node_modules/yaml-language-server/bin/yaml-language-server ]; then
  yls=/tmp/yls/node_modules/yaml-language-server/bin/yaml-language-server
fi
if [ -n "$yls" ] && command -v node > /dev/null; then
  schema=kubernetes
  if ! curl -fsI --max-time 5 https://raw.githubusercontent.com > /dev/null 2>&1; then
    tar -xJf "$root"/third_party/kubernetes-openapi/kubernetes-openapi-*.tar.xz -C "$out" swagger-1.36.json
    spec=$out/swagger-1.36.json
    python3 "$here/k8s_json_schema.py" "$spec" "$out/k8s-all.json"
    schema=$out/k8s-all.json
  fi
  python3 "$here/bench_lsp.py" --server "node $yls --stdio" --scenario yaml --workspace "$out/workspace" \
    --edits "$edits" --yls --yls-schema "$schema" | sed 's/"scenario": "yaml"/"scenario": "yaml (yaml-language-server)"/' |
    tee -a "$results"
else
  echo '{"scenario": "yaml (yaml-language-server)", "skipped": "not installed: npm install yaml-language-server; set YLS"}' |
    tee -a "$results"
fi
echo "results: $results"
