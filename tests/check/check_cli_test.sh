#!/usr/bin/env bash
# End-to-end tests of `mast check`: exit codes, inputs (files, directories,
# stdin, --ignore), report formats, determinism under -j, schema options.
# Usage: check_cli_test.sh MAST_BINARY SOURCE_DIR CASE
set -uo pipefail
mast="$1"
src="$2"
case_name="$3"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fixtures="$src/tests/check"
cd "$src" || exit 1

# shellcheck source=../cli/assert.sh
source "$src/tests/cli/assert.sh"

case "$case_name" in
  exit-clean)
    "$mast" check --no-policies --color never "$fixtures/realworld" >"$work/out" 2>"$work/err"; expect_exit 0 $?
    contains "$work/out" "0 invalid, 0 skipped; 0 errors"
    ;;
  exit-findings)
    "$mast" check --no-policies --color never "$fixtures/structure/unknown_fields.yaml" >"$work/out" 2>"$work/err"; expect_exit 1 $?
    contains "$work/out" "tests/check/structure/unknown_fields.yaml:11:3: error[E0501]: unknown field \`replica\`"
    contains "$work/out" "  11 |   replica: 2"
    contains "$work/out" "     |   ^^^^^^^"
    contains "$work/out" "= note: in Deployment web"
    contains "$work/out" "1 object in 1 file: 0 valid, 1 invalid, 0 skipped"
    ;;
  exit-io-error)
    "$mast" check --no-policies "$work/nope.yaml" >"$work/out" 2>"$work/err"; expect_exit 2 $?
    contains "$work/out" "E0901"
    contains "$work/out" "nope.yaml"
    # Other inputs are still checked, and the I/O error wins the exit code.
    "$mast" check --no-policies "$fixtures/structure/unknown_fields.yaml" "$work/nope.yaml" >"$work/out" 2>"$work/err"; expect_exit 2 $?
    contains "$work/out" "E0501"
    "$mast" check --no-policies --crd "$work/nope-crd.yaml" "$fixtures/realworld/namespace.yaml" >"$work/out" 2>"$work/err"; expect_exit 2 $?
    ;;
  exit-usage)
    "$mast" check --no-policies --no-such-flag x.yaml >"$work/out" 2>"$work/err"; expect_exit 2 $?
    "$mast" check --no-policies >"$work/out" 2>"$work/err"; expect_exit 2 $?
    "$mast" check --no-policies --format xml x.yaml >"$work/out" 2>"$work/err"; expect_exit 2 $?
    "$mast" check --no-policies --jobs many x.yaml >"$work/out" 2>"$work/err"; expect_exit 2 $?
    ;;
  stdin)
    "$mast" check --no-policies --color never - <"$fixtures/structure/unknown_fields.yaml" >"$work/out" 2>"$work/err"; expect_exit 1 $?
    contains "$work/out" "<stdin>:11:3: error[E0501]"
    contains "$work/out" "  11 |   replica: 2"
    "$mast" check --no-policies - <"$fixtures/realworld/deployment.json" >"$work/out" 2>"$work/err"; expect_exit 0 $?
    printf '' | "$mast" check --no-policies - >"$work/out" 2>"$work/err"; expect_exit 0 $?
    contains "$work/out" "0 objects in 1 file"
    ;;
  stdin-dash-mixed)
    "$mast" check --no-policies --color never "$fixtures/realworld/namespace.yaml" - "$fixtures/yaml/multi_doc_one_bad.yaml" \
      <"$fixtures/structure/unknown_fields.yaml" >"$work/out" 2>"$work/err"; expect_exit 1 $?
    # Input order: stdin's finding comes before the third file's.
    first=$(grep -n "<stdin>:" "$work/out" | head -1 | cut -d: -f1)
    second=$(grep -n "multi_doc_one_bad.yaml:" "$work/out" | head -1 | cut -d: -f1)
    [ -n "$first" ] && [ -n "$second" ] && [ "$first" -lt "$second" ] || fail "findings not in input order"
    contains "$work/out" "in 3 files"
    ;;
  directory)
    mkdir -p "$work/tree/sub/deeper" "$work/tree/.hidden"
    cp "$fixtures/realworld/namespace.yaml" "$work/tree/a.yaml"
    cp "$fixtures/realworld/pvc.yaml" "$work/tree/sub/b.yml"
    cp "$fixtures/realworld/deployment.json" "$work/tree/sub/deeper/c.json"
    cp "$fixtures/structure/unknown_fields.yaml" "$work/tree/.hidden/bad.yaml"
    echo "not: [yaml" >"$work/tree/notes.txt"
    "$mast" check --no-policies "$work/tree" >"$work/out" 2>"$work/err"; expect_exit 0 $?
    contains "$work/out" "3 objects in 3 files: 3 valid"
    cp "$fixtures/yaml/multi_doc_one_bad.yaml" "$work/tree/sub/deeper/z.yaml"
    "$mast" check --no-policies --color never "$work/tree" >"$work/out" 2>"$work/err"; expect_exit 1 $?
    contains "$work/out" "sub/deeper/z.yaml:12:1: error[E0501]"
    # A named file is checked whatever its extension.
    cp "$fixtures/realworld/namespace.yaml" "$work/manifest.txt"
    "$mast" check --no-policies "$work/manifest.txt" >"$work/out" 2>"$work/err"; expect_exit 0 $?
    contains "$work/out" "1 object in 1 file"
    ;;
  ignore)
    mkdir -p "$work/tree/vendor/x" "$work/tree/app"
    cp "$fixtures/structure/unknown_fields.yaml" "$work/tree/vendor/x/bad.yaml"
    cp "$fixtures/structure/types.yaml" "$work/tree/app/bad.tmpl.yaml"
    cp "$fixtures/json/deployment_errors.json" "$work/tree/app/bad.json"
    cp "$fixtures/realworld/namespace.yaml" "$work/tree/app/good.yaml"
    "$mast" check --no-policies --ignore vendor --ignore '*.tmpl.yaml' --ignore "$work/tree/app/*.json" "$work/tree" \
      >"$work/out" 2>"$work/err"; expect_exit 0 $?
    contains "$work/out" "1 object in 1 file"
    "$mast" check --no-policies --ignore '**/app/**' "$work/tree" >"$work/out" 2>"$work/err"; expect_exit 1 $?
    contains "$work/out" "vendor/x/bad.yaml"
    lacks "$work/out" "app/"
    # Named files are filtered too (pre-commit passes file lists).
    "$mast" check --no-policies --ignore '*.json' "$work/tree/app/bad.json" "$work/tree/app/good.yaml" >"$work/out" 2>"$work/err"
    expect_exit 0 $?
    ;;
  format-json)
    "$mast" check --no-policies --format json "$fixtures/yaml/multi_doc_one_bad.yaml" >"$work/out" 2>"$work/err"; expect_exit 1 $?
    python3 - "$work/out" <<'EOF' || fail "bad JSON report: $(cat "$work/out")"
import json, sys
report = json.load(open(sys.argv[1]))
assert report["summary"] == {"files": 1, "objects": 3, "valid": 2, "invalid": 1, "skipped": 0, "skippedFiles": 0,
                             "errors": 1, "warnings": 0, "ignored": {"byOption": 0, "byConfig": 0}}, report["summary"]
assert [o["status"] for o in report["objects"]] == ["valid", "invalid", "valid"]
assert report["objects"][1]["name"] == "second" and report["objects"][1]["kind"] == "ServiceAccount"
d = report["diagnostics"][0]
assert d["code"] == "E0501" and d["line"] == 12 and d["column"] == 1, d
assert d["object"] == "ServiceAccount second", d
EOF
    contains "$work/err" "mast check: 3 objects"
    ;;
  format-sarif)
    "$mast" check --no-policies --format sarif "$fixtures/structure/unknown_fields.yaml" "$fixtures/crd/crd_in_input.yaml" \
      >"$work/out" 2>"$work/err"; expect_exit 1 $?
    python3 - "$work/out" <<'EOF' || fail "bad SARIF report: $(head -c 3000 "$work/out")"
import json, sys
log = json.load(open(sys.argv[1]))
assert log["version"] == "2.1.0"
run = log["runs"][0]
rules = run["tool"]["driver"]["rules"]
assert run["columnKind"] == "utf16CodeUnits"
results = run["results"]
assert len(results) == 9, len(results)
first = results[0]
assert first["ruleId"] == "E0501" and rules[first["ruleIndex"]]["id"] == "E0501"
assert first["level"] == "error"
loc = first["locations"][0]
assert loc["physicalLocation"]["artifactLocation"]["uri"].endswith("tests/check/structure/unknown_fields.yaml")
region = loc["physicalLocation"]["region"]
assert (region["startLine"], region["startColumn"], region["endLine"], region["endColumn"]) == (7, 3, 7, 8), region
assert loc["logicalLocations"][0]["fullyQualifiedName"] == "Deployment web"
assert first["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"] == "labels"
EOF
    # The full structural check against the SARIF 2.1.0 JSON schema is the
    # C++ test unit_check ("SARIF output validates against the 2.1.0 schema").
    ;;
  format-junit)
    "$mast" check --no-policies --format junit "$fixtures/yaml/multi_doc_one_bad.yaml" "$fixtures/yaml/syntax_error_recovery.yaml" \
      "$fixtures/crd/skip_unknown_kinds.yaml" --skip-unknown-kinds >"$work/out" 2>"$work/err"; expect_exit 1 $?
    python3 - "$work/out" <<'EOF' || fail "bad JUnit report: $(head -c 3000 "$work/out")"
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
assert root.tag == "testsuites"
suites = root.findall("testsuite")
assert len(suites) == 3, [s.get("name") for s in suites]
first = suites[0]
assert first.get("tests") == "3" and first.get("failures") == "1", first.attrib
case = first.findall("testcase")[1]
assert case.get("name") == "ServiceAccount second"
failure = case.find("failure")
assert failure.get("type") == "E0501" and "multi_doc_one_bad.yaml:12:1" in failure.text
broken = suites[1]
assert any(c.get("name") == "(file)" and c.find("failure") is not None for c in broken.findall("testcase"))
skipped = suites[2]
assert any(c.find("skipped") is not None for c in skipped.findall("testcase"))
EOF
    ;;
  format-github)
    "$mast" check --no-policies --format github "$fixtures/yaml/multi_doc_one_bad.yaml" "$fixtures/crd/crontab_cases.yaml" \
      --crd "$fixtures/crd/crontab-crd.yaml" >"$work/out" 2>"$work/err"; expect_exit 1 $?
    contains "$work/out" "::error file=$fixtures/yaml/multi_doc_one_bad.yaml,line=12,col=1,endLine=12,endColumn=30,title=E0501::unknown field"
    contains "$work/out" "%0Ain ServiceAccount second"
    # A pattern with `,` and `:` in the message stays on one line.
    [ "$(grep -c '^::error ' "$work/out")" = "$(grep -c . "$work/out" | awk '{print $1 - 1}')" ] \
      || fail "every line but the summary is a workflow command"
    contains "$work/out" "mast check: "
    ;;
  output-file)
    "$mast" check --no-policies --format sarif -o "$work/report.sarif" "$fixtures/structure/types.yaml" >"$work/out" 2>"$work/err"
    expect_exit 1 $?
    [ ! -s "$work/out" ] || fail "the report went to stdout"
    contains "$work/report.sarif" '"version": "2.1.0"'
    contains "$work/err" "mast check: 1 object"
    ;;
  jobs-deterministic)
    mkdir -p "$work/many"
    for i in $(seq 1 40); do
      cp "$fixtures/structure/types.yaml" "$work/many/types-$i.yaml"
      cp "$fixtures/realworld/deployment-web.yaml" "$work/many/web-$i.yaml"
      cp "$fixtures/yaml/syntax_error_recovery.yaml" "$work/many/syntax-$i.yaml"
    done
    "$mast" check --no-policies --color never -j 1 "$work/many" >"$work/one" 2>&1
    for jobs in 2 4 8 0; do
      "$mast" check --no-policies --color never -j "$jobs" "$work/many" >"$work/n" 2>&1
      cmp -s "$work/one" "$work/n" || fail "-j $jobs output differs from -j 1"
      "$mast" check --no-policies --format sarif -j "$jobs" "$work/many" >"$work/n.sarif" 2>/dev/null
    done
    "$mast" check --no-policies --format sarif -j 1 "$work/many" >"$work/one.sarif" 2>/dev/null
    cmp -s "$work/one.sarif" "$work/n.sarif" || fail "SARIF differs between -j 1 and -j 0"
    ;;
  summary)
    "$mast" check --no-policies "$fixtures/crd/skip_unknown_kinds.yaml" --skip-unknown-kinds >"$work/out" 2>"$work/err"; expect_exit 1 $?
    contains "$work/out" "mast check: 2 objects in 1 file: 0 valid, 1 invalid, 1 skipped; 1 error"
    "$mast" check --no-policies --no-summary "$fixtures/realworld/namespace.yaml" >"$work/out" 2>"$work/err"; expect_exit 0 $?
    [ ! -s "$work/out" ] || fail "--no-summary printed: $(cat "$work/out")"
    ;;
  crd-flag)
    "$mast" check --no-policies --no-server-rules "$fixtures/crd/crontab_cases.yaml" >"$work/out" 2>"$work/err"; expect_exit 1 $?
    contains "$work/out" "no schema for custom resource \`CronTab\`"
    "$mast" check --no-policies --no-server-rules --crd "$fixtures/crd/crontab-crd.yaml" "$fixtures/crd/crontab_cases.yaml" \
      >"$work/out" 2>"$work/err"; expect_exit 1 $?
    lacks "$work/out" "no schema for custom resource \`CronTab\`"
    contains "$work/out" "does not match the pattern"
    # A directory of CRDs.
    mkdir -p "$work/crds" && cp "$fixtures/crd/crontab-crd.yaml" "$work/crds/"
    "$mast" check --no-policies --no-server-rules --crd "$work/crds" "$fixtures/crd/crontab_cases.yaml" >"$work/out2" 2>"$work/err"
    expect_exit 1 $?
    cmp -s "$work/out" "$work/out2" || fail "--crd DIR differs from --crd FILE"
    ;;
  skip-unknown-kinds)
    "$mast" check --no-policies "$fixtures/crd/unknown_custom_resource.yaml" >"$work/out" 2>"$work/err"; expect_exit 1 $?
    contains "$work/out" "ServiceMonitor"
    "$mast" check --no-policies --skip-unknown-kinds "$fixtures/crd/unknown_custom_resource.yaml" >"$work/out" 2>"$work/err"
    expect_exit 1 $?
    lacks "$work/out" "no schema for custom resource"
    contains "$work/out" "1 skipped"
    ;;
  schema-file)
    "$mast" check --no-policies --schema "$fixtures/schema_file/openapi/mini-swagger.json" "$fixtures/schema_file/custom_openapi.yaml" \
      >"$work/out" 2>"$work/err"; expect_exit 1 $?
    contains "$work/out" "did you mean \`pause\`"
    echo '{"not": "openapi"}' >"$work/bad.json"
    "$mast" check --no-policies --schema "$work/bad.json" "$fixtures/realworld/namespace.yaml" >"$work/out" 2>"$work/err"; expect_exit 2 $?
    contains "$work/out" "is not an OpenAPI document"
    "$mast" check --no-policies --schema "$work/missing.json" "$fixtures/realworld/namespace.yaml" >"$work/out" 2>"$work/err"
    expect_exit 2 $?
    ;;
  schema-dir)
    "$mast" check --no-policies --schema-dir "$fixtures/schema_dir/schema-dir" "$fixtures/schema_dir/cases.yaml" >"$work/out" 2>"$work/err"
    expect_exit 1 $?
    contains "$work/out" "unknown field \`labelz\`"
    contains "$work/out" "does not match the pattern"
    "$mast" check --no-policies --schema-dir "$work/none" "$fixtures/realworld/namespace.yaml" >"$work/out" 2>"$work/err"; expect_exit 2 $?
    mkdir -p "$work/broken" && echo '{"type": "object", "properties": {' >"$work/broken/namespace-v1.json"
    "$mast" check --no-policies --schema-dir "$work/broken" "$fixtures/realworld/namespace.yaml" >"$work/out" 2>"$work/err"
    expect_exit 2 $?
    contains "$work/out" "namespace-v1.json"
    ;;
  mast-input)
    "$mast" check --no-policies "$src/samples/webapp/webapp.mast" >"$work/out" 2>"$work/err"; expect_exit 0 $?
    contains "$work/out" "0 invalid"
    # The same objects, built to YAML and checked, give the same result.
    "$mast" build "$src/samples/webapp/webapp.mast" >"$work/webapp.yaml" 2>/dev/null
    "$mast" check --no-policies "$work/webapp.yaml" >"$work/out2" 2>"$work/err"; expect_exit 0 $?
    [ "$(grep -o '[0-9]* objects' "$work/out")" = "$(grep -o '[0-9]* objects' "$work/out2")" ] || fail "object counts differ"
    "$mast" check --no-policies --color never "$src/tests/golden/errors/unknown_field.mast" >"$work/out" 2>"$work/err"; expect_exit 1 $?
    contains "$work/out" "unknown_field.mast:6:5: error[E0501]"
    ;;
  list-and-json)
    "$mast" check --no-policies --color never "$fixtures/list/list.json" "$fixtures/realworld/kubectl-list.yaml" >"$work/out" 2>"$work/err"
    expect_exit 1 $?
    contains "$work/out" "4 objects in 2 files: 3 valid, 1 invalid"
    contains "$work/out" "in ServiceAccount typo"
    ;;
  syntax-error-continues)
    "$mast" check --no-policies --color never "$fixtures/yaml/syntax_error_recovery.yaml" "$fixtures/yaml/tab_indent.yaml" \
      "$fixtures/yaml/multi_doc_one_bad.yaml" >"$work/out" 2>"$work/err"; expect_exit 1 $?
    contains "$work/out" "syntax_error_recovery.yaml:15:5: error[E0601]"
    contains "$work/out" "syntax_error_recovery.yaml:23:12: error[E0502]"
    contains "$work/out" "tab_indent.yaml:6:1: error[E0601]"
    contains "$work/out" "multi_doc_one_bad.yaml:12:1: error[E0501]"
    ;;
  config)
    # `.mast.yaml` (found by walking up from the first input) adds ignore
    # patterns and a default schema; --ignore adds to them.
    mkdir -p "$work/project/vendor" "$work/project/deploy"
    cp "$fixtures/structure/types.yaml" "$work/project/vendor/upstream.yaml"
    cp "$fixtures/realworld/pvc.yaml" "$work/project/deploy/pvc.yaml"
    printf 'ignore: ["vendor"]\n' >"$work/project/.mast.yaml"
    (cd "$work/project" && "$mast" check --no-policies .) >"$work/out" 2>"$work/err"; expect_exit 0 $?
    contains "$work/out" "1 object in 1 file"
    "$mast" check --no-policies "$work/project/deploy" "$work/project/vendor" >"$work/out" 2>"$work/err"; expect_exit 0 $?
    printf 'ignore: 3\n' >"$work/project/.mast.yaml"
    "$mast" check --no-policies "$work/project" >"$work/out" 2>"$work/err"; expect_exit 2 $?
    contains "$work/err" "E1005"
    printf 'schema: openapi.json\n' >"$work/project/.mast.yaml"
    cp "$fixtures/schema_file/openapi/mini-swagger.json" "$work/project/openapi.json"
    "$mast" check --no-policies "$work/project/deploy" >"$work/out" 2>"$work/err"; expect_exit 1 $?
    contains "$work/out" "unknown apiVersion \`v1\`"
    "$mast" check --no-policies --config "$work/none.yaml" "$work/project/deploy" >"$work/out" 2>"$work/err"; expect_exit 2 $?
    ;;
  *)
    fail "unknown case"
    ;;
esac
echo "PASS [$case_name]"
