#!/usr/bin/env bash
# `mast import` round trips: every realistic manifest of the repository,
# imported and built again, gives the same objects (tests/cli/yaml_same.py),
# and the program is typed where the catalog knows the kind.
# Usage: import_test.sh MAST_BINARY SOURCE_DIR
set -uo pipefail
mast="$1"
src="$2"
case_name=import
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$src" || exit 1
# shellcheck source=assert.sh
source "$src/tests/cli/assert.sh"

count=0
pairs=()
imported=()
for input in tests/check/realworld/*.yaml tests/check/versions/corpus/*.yaml samples/*/*.golden.yaml; do
  name=$(basename "$input" .yaml)
  "$mast" import "$input" -o "$work/$name.mast" 2>"$work/err" || fail "import $input: $(cat "$work/err")"
  # The corpus holds features of every release up to the newest.
  "$mast" build --no-check "$work/$name.mast" >"$work/$name.yaml" 2>"$work/err" ||
    fail "the import of $input does not build: $(grep -m3 error "$work/err")"
  pairs+=("$input" "$work/$name.yaml")
  imported+=("$work/$name.mast")
  count=$((count + 1))
done
# One Python run for all pairs: it names each input that changed.
python3 tests/cli/yaml_same.py "${pairs[@]}" || fail "imports changed in the round trip (above)"
"$mast" fmt --check "${imported[@]}" >"$work/out" 2>&1 || fail "imports not in mast fmt's layout: $(head -c 2000 "$work/out")"
[ "$count" -ge 30 ] || fail "only $count manifests round-tripped"

# Typed objects with their imports; unknown kinds as plain records.
"$mast" import tests/check/realworld/anchors.yaml >"$work/out.mast"; expect_exit 0 $?
contains "$work/out.mast" 'import "k8s/apps/v1" as apps'
contains "$work/out.mast" "emit apps.Deployment {"
lacks "$work/out.mast" "apiVersion"
printf 'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec: {size: "$big", n: 3}\n' >"$work/cr.yaml"
"$mast" import "$work/cr.yaml" >"$work/cr.mast"; expect_exit 0 $?
contains "$work/cr.mast" 'apiVersion: "example.com/v1"'
contains "$work/cr.mast" 'size: "\$big"'

# Bad input: a clear error and exit 2, nothing written.
printf 'a: [1, 2\n' >"$work/broken.yaml"
"$mast" import "$work/broken.yaml" -o "$work/broken.mast" >"$work/out" 2>&1; expect_exit 2 $?
contains "$work/out" "E0601"
[ ! -e "$work/broken.mast" ] || fail "a failed import wrote its output"
"$mast" import "$work/missing.yaml" >"$work/out" 2>&1; expect_exit 2 $?
contains "$work/out" "E0901"
# --factor: records that repeat become lets; the objects stay the same.
factored=0
factored_pairs=()
for input in samples/*/*.golden.yaml tests/check/realworld/*.yaml; do
  name=$(basename "$input" .yaml)
  "$mast" import --factor "$input" -o "$work/$name.factored.mast" 2>"$work/err" || fail "import --factor $input: $(cat "$work/err")"
  "$mast" build --no-check "$work/$name.factored.mast" >"$work/$name.factored.yaml" 2>"$work/err" ||
    fail "the factored import of $input does not build: $(grep -m3 error "$work/err")"
  factored_pairs+=("$input" "$work/$name.factored.yaml")
  grep -q '^let ' "$work/$name.factored.mast" && factored=$((factored + 1))
done
python3 tests/cli/yaml_same.py "${factored_pairs[@]}" || fail "factored imports changed in the round trip (above)"
[ "$factored" -ge 5 ] || fail "only $factored imports had something to factor"
"$mast" import --factor samples/webapp/webapp.golden.yaml >"$work/webapp.factored.mast"
contains "$work/webapp.factored.mast" "let webLabels = {"
contains "$work/webapp.factored.mast" "matchLabels: webLabels"
[ "$(wc -l <"$work/webapp.factored.mast")" -lt "$(wc -l <"$work/webapp.golden.mast")" ] || fail "--factor did not shorten the program"

# Comments come along: above the document (a Helm `# Source:`), above keys
# and list items, and after scalars; the round trip still holds.
"$mast" import tests/cli/import/commented.yaml >"$work/commented.mast"; expect_exit 0 $?
contains "$work/commented.mast" "// Source: web/templates/deploy.yaml"
contains "$work/commented.mast" "// The web tier."
contains "$work/commented.mast" 'name: "web"  // the app'"'"'s name'
contains "$work/commented.mast" "// two is enough for now"
contains "$work/commented.mast" "// the main container"
contains "$work/commented.mast" 'image: "nginx:1.25"  // pinned'
[ "$(grep -c '// the main container' "$work/commented.mast")" = 1 ] || fail "a comment was written twice"
"$mast" build --fail-on never "$work/commented.mast" -o "$work/commented.out.yaml" 2>/dev/null; expect_exit 0 $?
python3 tests/cli/yaml_same.py tests/cli/import/commented.yaml "$work/commented.out.yaml" || fail "comments changed the round trip"

# --crd: schemas for each served version; a CR built from them passes the
# CRD's own validation in `mast check --crd`, and a value outside a bound is
# an error at build time.
crd=tests/check/crd/crontab-crd.yaml
"$mast" import --crd "$crd" -o "$work/crontab.mast" 2>"$work/err"; expect_exit 0 $?
contains "$work/crontab.mast" "schema CronTab {"
contains "$work/crontab.mast" 'apiVersion: "stable.example.com/v1" = "stable.example.com/v1"'
contains "$work/crontab.mast" "replicas?: int(1..10)"
contains "$work/crontab.mast" 'mode?: "Fast" | "Safe" | "Paranoid"'
contains "$work/crontab.mast" "image: string(len: 3..64)"
contains "$work/crontab.mast" "port?: int | string"
"$mast" fmt --check "$work/crontab.mast" 2>/dev/null || fail "the --crd import is not in mast fmt's layout"
cp "$work/crontab.mast" "$work/cr.mast"
printf 'emit CronTab { metadata: { name: "nightly" }, spec: { cronSpec: "0 3 * * *", image: "my-image", replicas: 3, owners: [{ name: "ops" }] } }\n' >>"$work/cr.mast"
"$mast" build --crd "$crd" "$work/cr.mast" -o "$work/cr.yaml" 2>"$work/err"; expect_exit 0 $?
contains "$work/cr.yaml" "kind: CronTab"
"$mast" check --no-policies --crd "$crd" "$work/cr.yaml" >"$work/out" 2>&1 || fail "the CR built from the imported schema fails the CRD: $(cat "$work/out")"
cp "$work/crontab.mast" "$work/bad.mast"
printf 'emit CronTab { metadata: { name: "n" }, spec: { cronSpec: "0 3 * * *", image: "my-image", replicas: 11 } }\n' >>"$work/bad.mast"
"$mast" build --crd "$crd" "$work/bad.mast" >/dev/null 2>"$work/err"; expect_exit 1 $?
contains "$work/err" "E0401"
"$mast" import --crd tests/check/crd/crd_v1beta1.yaml samples/webapp/webapp.golden.yaml >"$work/legacy.mast" 2>/dev/null; expect_exit 0 $?
contains "$work/legacy.mast" "emit apps.Deployment"
contains "$work/legacy.mast" 'apiVersion: "legacy.example.com/v1"'
"$mast" import --crd tests/check/realworld/anchors.yaml >"$work/out" 2>&1; expect_exit 2 $?
contains "$work/out" "holds no CustomResourceDefinition"

# --values: a Values schema whose defaults are the chart's values, exactly
# (keys that cannot be fields are left out, and said so).
"$mast" import --values tests/cli/import/values.yaml -o "$work/values.mast" 2>"$work/err"; expect_exit 0 $?
contains "$work/values.mast" "param chart: Values = Values {}"
contains "$work/values.mast" '// "weird-key" is left out'
printf 'emit { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "values" }, data: { json: toJson(chart) } }\n' >>"$work/values.mast"
"$mast" build --fail-on never "$work/values.mast" -o "$work/values.yaml" 2>"$work/err"; expect_exit 0 $?
python3 -c '
import json, sys, yaml
built = json.loads(yaml.safe_load(open(sys.argv[1]))["data"]["json"])
source = yaml.safe_load(open(sys.argv[2]))
source.pop("weird-key")
sys.exit(0 if built == source else f"{built} != {source}")
' "$work/values.yaml" tests/cli/import/values.yaml || fail "the Values defaults differ from values.yaml"
printf -- '- a\n- b\n' >"$work/list.yaml"
"$mast" import --values "$work/list.yaml" >"$work/out" 2>&1; expect_exit 2 $?
contains "$work/out" "is not one YAML mapping"
"$mast" import >"$work/out" 2>&1; expect_exit 2 $?
contains "$work/out" "give manifests to import"
echo "import: $count manifests round-tripped"
