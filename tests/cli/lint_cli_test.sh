#!/usr/bin/env bash
# End-to-end tests of the policy linter in `mast check`: findings and exit
# codes, SARIF rule metadata, --no-policies, --no-schema, suppressions,
# baselines, .mast.yaml.
# Usage: lint_cli_test.sh MAST_BINARY CASE
set -uo pipefail
mast="$1"
case_name="$2"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
fail() { echo "FAIL [$case_name]: $*" >&2; exit 1; }
cat > app.yaml <<'YAML'
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: web
    image: nginx:latest
YAML

case "$case_name" in
  findings)
    "$mast" check --color never app.yaml >out 2>&1; [ $? -eq 1 ] || fail "expected exit 1"
    # Anchored on the field, `image: nginx:latest`, not on the container.
    grep -q "app.yaml:8:5: error\[image-latest-tag\]" out || fail "no image-latest-tag error at 8:5: $(cat out)"
    grep -q "app.yaml:7:5: info\[probe-liveness-missing\]" out || fail "no liveness finding at the container's name: $(cat out)"
    grep -q "readiness probe" out || fail "no readiness finding"
    ;;
  sarif)
    "$mast" check --format sarif app.yaml >out.sarif 2>/dev/null; [ $? -eq 1 ] || fail "expected exit 1"
    python3 - out.sarif <<'PY' || fail "SARIF rule metadata: $(head -c 2000 out.sarif)"
import json, sys
run = json.load(open(sys.argv[1]))["runs"][0]
rule = {r["id"]: r for r in run["tool"]["driver"]["rules"]}["image-latest-tag"]
assert rule["helpUri"] == "https://github.com/mast-lang/mast/blob/main/docs/rules.md#image-latest-tag", rule
assert rule["defaultConfiguration"]["level"] == "error", rule
assert "latest" in rule["shortDescription"]["text"] and rule["help"]["text"], rule
assert rule["fullDescription"]["text"], rule
found = [r for r in run["results"] if r["ruleId"] == "image-latest-tag"]
assert found and found[0]["level"] == "error", found
assert found[0]["locations"][0]["physicalLocation"]["region"]["startLine"] == 8, found
PY
    ;;
  json)
    "$mast" check --format json app.yaml >out.json 2>/dev/null; [ $? -eq 1 ] || fail "expected exit 1"
    python3 - out.json <<'PY' || fail "JSON policy finding: $(head -c 2000 out.json)"
import json, sys
items = json.load(open(sys.argv[1]))["diagnostics"]
found = [d for d in items if d["code"] == "image-latest-tag"]
assert found, items
d = found[0]
assert d["severity"] == "error" and d["line"] == 8 and d["column"] == 5, d
assert d["endLine"] == 8 and d["endColumn"] == 24, d  # `image: nginx:latest`
assert d["helpUri"] == "https://github.com/mast-lang/mast/blob/main/docs/rules.md#image-latest-tag", d
assert any(n.startswith("fix: ") for n in d["notes"]), d
assert d["object"] == "Pod web", d
PY
    ;;
  no-policies)
    "$mast" check --no-policies app.yaml >out 2>&1 || fail "a schema-valid file failed without policies: $(cat out)"
    ! grep -q "image-latest-tag" out || fail "policies ran"
    ;;
  no-schema)
    printf 'apiVersion: v1\nkind: Pod\nmetadata: { name: web }\nspec: { containerz: [] }\n' > typo.yaml
    "$mast" check --no-schema --no-policies typo.yaml >out 2>&1 || fail "--no-schema still checked the schema: $(cat out)"
    ;;
  suppress-comment)
    sed -i 's|    image: nginx:latest|    image: nginx:latest  # mast:ignore image-latest-tag -- pinned by the registry|' app.yaml
    "$mast" check --color never app.yaml >out 2>&1
    ! grep -q "image-latest-tag" out || fail "the comment did not suppress: $(cat out)"
    grep -q "1 suppressed" out || fail "no suppressed count in the summary: $(cat out)"
    "$mast" check --color never --no-suppressions app.yaml >out 2>&1
    grep -q "image-latest-tag" out || fail "--no-suppressions did not show the finding"
    ;;
  baseline)
    "$mast" check app.yaml --write-baseline base.json >/dev/null 2>&1 || fail "--write-baseline failed"
    "$mast" check --color never app.yaml --baseline base.json >out 2>&1 || fail "findings in the baseline still fail: $(cat out)"
    printf -- '---\napiVersion: v1\nkind: Pod\nmetadata: { name: other }\nspec: { containers: [{ name: c, image: "busybox:latest" }] }\n' >> app.yaml
    "$mast" check --color never app.yaml --baseline base.json >out 2>&1; [ $? -eq 1 ] || fail "a new finding passed"
    [ "$(grep -c 'image-latest-tag' out)" = 1 ] || fail "expected only the new finding: $(cat out)"
    ;;
  config)
    printf 'rules:\n  image-latest-tag: off\n  probe-liveness-missing: error\nfailOn: warning\n' > .mast.yaml
    "$mast" check --color never app.yaml >out 2>&1; [ $? -eq 1 ] || fail "failOn: warning did not fail"
    ! grep -q "image-latest-tag" out || fail "a rule turned off still ran"
    grep -q "error\[probe-liveness-missing\]" out || fail "severity override not applied: $(cat out)"
    printf 'rules:\n  image-latest-tag: loud\n' > .mast.yaml
    "$mast" check app.yaml >out 2>&1; [ $? -eq 2 ] || fail "an invalid configuration is not a usage error"
    grep -q ".mast.yaml:2:21: error\[E1005\]" out || fail "no located E1005: $(cat out)"
    ;;
  parallel)
    # Many objects in several parts of one file: single-object rules run on
    # the workers that read each part, the others after. The report must not
    # depend on the number of threads, and an error in policy code found on
    # several threads is reported once.
    cat > custom.mast <<'MAST'
policy "custom-single" {
  description: "Flags every object numbered 7 mod 10"
  violations(object): if endsWith(object?.metadata?.name ?? "", "7") then [violation(object.metadata.name, "ends in 7")] else []
}
policy "custom-cross" {
  description: "Flags a ConfigMap when another object has its name"
  kinds: ["ConfigMap"]
  violations(object, context): [
    for o in objectsWhere(context.objects, "Secret", "metadata.name", object.metadata.name): violation(object, "a Secret shares the name")
  ]
}
policy "custom-broken" {
  description: "Divides by zero on objects numbered 3 mod 10"
  violations(object): if endsWith(object?.metadata?.name ?? "", "3") then [violation(object, "${1 / 0}")] else []
}
MAST
    printf 'policies: [custom.mast]\n' > .mast.yaml
    python3 - <<'PY'
with open("many.yaml", "w") as out:
    for i in range(1500):
        ignore = "\n  annotations: {mast.dev/ignore: \"custom-single: known\"}" if i % 20 == 17 else ""
        out.write(f"---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-{i:05d}{ignore}\ndata: {{k: v}}\n")
        if i % 100 == 0:
            out.write(f"---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: cm-{i:05d}\ndata: {{k: dg==}}\n")
PY
    "$mast" check --color never -j 1 many.yaml >one 2>&1; [ $? -eq 1 ] || fail "expected exit 1 with -j 1"
    "$mast" check --color never -j 3 many.yaml >three 2>&1; [ $? -eq 1 ] || fail "expected exit 1 with -j 3"
    cmp -s one three || fail "-j 1 and -j 3 differ: $(diff one three | head -20)"
    [ "$(grep -c 'custom.mast:.*error\[E0405\]: division by zero' one)" = 1 ] || fail "the policy error is not reported once: $(grep E0405 one)"
    [ "$(grep -c 'warning\[custom-single\]' one)" = 75 ] || fail "custom-single: $(grep -c 'custom-single' one) findings, not 75"
    [ "$(grep -c 'warning\[custom-cross\]' one)" = 15 ] || fail "custom-cross: $(grep -c 'custom-cross' one) findings, not 15"
    grep -q "suppressed" one || fail "the annotation suppressions are not counted: $(tail -1 one)"
    ;;
  *) fail "unknown case" ;;
esac
echo "ok [$case_name]"
