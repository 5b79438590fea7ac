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
for input in tests/check/realworld/*.yaml tests/check/versions/corpus/*.yaml samples/*/*.golden.yaml; do
  name=$(basename "$input" .yaml)
  "$mast" import "$input" -o "$work/$name.mast" 2>"$work/err" || fail "import $input: $(cat "$work/err")"
  # The corpus holds features of every release up to the newest.
  "$mast" build --fail-on never "$work/$name.mast" >"$work/$name.yaml" 2>"$work/err" ||
    fail "the import of $input does not build: $(grep -m3 error "$work/err")"
  python3 tests/cli/yaml_same.py "$input" "$work/$name.yaml" || fail "$input changed in the round trip"
  "$mast" fmt --check "$work/$name.mast" 2>/dev/null || fail "the import of $input is not in mast fmt's layout"
  count=$((count + 1))
done
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
echo "import: $count manifests round-tripped"
