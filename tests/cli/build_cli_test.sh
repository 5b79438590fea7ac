#!/usr/bin/env bash
# End-to-end tests of `mast build`: exit codes, output modes, atomic writes.
# Usage: build_cli_test.sh MAST_BINARY SOURCE_DIR CASE
set -uo pipefail
mast="$1"
src="$2"
case_name="$3"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
webapp="$src/samples/webapp/webapp.mast"

fail() { echo "FAIL [$case_name]: $*" >&2; exit 1; }
expect_exit() {  # expected actual
  [ "$1" = "$2" ] || fail "exit code $2, expected $1"
}

case "$case_name" in
  stdout)
    "$mast" build "$webapp" >"$work/out.yaml"; expect_exit 0 $?
    cmp -s "$work/out.yaml" "$src/samples/webapp/webapp.golden.yaml" || fail "stdout differs from the golden file"
    ;;
  deterministic)
    "$mast" build "$webapp" >"$work/a.yaml"
    "$mast" build "$webapp" >"$work/b.yaml"
    cmp -s "$work/a.yaml" "$work/b.yaml" || fail "two runs differ"
    ;;
  errors-exit-1)
    "$mast" build --color never "$src/tests/golden/errors/unknown_field.mast" >"$work/out" 2>"$work/err"; expect_exit 1 $?
    grep -q "unknown_field.mast:6:5: error\[E0501\]" "$work/err" || fail "no file:line:col diagnostic in: $(cat "$work/err")"
    grep -q "     ^^^^^^^" "$work/err" || fail "no caret line"
    [ ! -s "$work/out" ] || fail "a failed build wrote to stdout"
    ;;
  missing-file-exit-2)
    "$mast" build "$work/nope.mast" 2>"$work/err"; expect_exit 2 $?
    grep -q "E0901" "$work/err" || fail "no E0901 in: $(cat "$work/err")"
    ;;
  usage-exit-2)
    "$mast" build --no-such-flag "$webapp" 2>/dev/null; expect_exit 2 $?
    "$mast" 2>/dev/null; expect_exit 2 $?
    "$mast" build --format xml "$webapp" 2>/dev/null; expect_exit 2 $?
    ;;
  output-file-atomic)
    "$mast" build "$webapp" -o "$work/out.yaml"; expect_exit 0 $?
    cmp -s "$work/out.yaml" "$src/samples/webapp/webapp.golden.yaml" || fail "-o file differs from golden"
    "$mast" build "$src/tests/golden/errors/unknown_field.mast" -o "$work/out.yaml" 2>/dev/null; expect_exit 1 $?
    cmp -s "$work/out.yaml" "$src/samples/webapp/webapp.golden.yaml" || fail "a failed build changed the previous output"
    [ "$(ls "$work")" = "out.yaml" ] || fail "temporary files left behind: $(ls "$work")"
    ;;
  output-directory)
    "$mast" build "$webapp" -o "$work/out/"; expect_exit 0 $?
    [ -f "$work/out/01-deployment-web.yaml" ] || fail "missing 01-deployment-web.yaml: $(ls "$work/out")"
    [ -f "$work/out/02-service-web.yaml" ] || fail "missing 02-service-web.yaml"
    grep -q "^kind: Service" "$work/out/02-service-web.yaml" || fail "wrong content"
    ;;
  json-format)
    "$mast" build --format json "$webapp" >"$work/out.json"; expect_exit 0 $?
    grep -q '"kind": "List"' "$work/out.json" || fail "two documents are not wrapped in a List"
    grep -q '"containerPort": 8080' "$work/out.json" || fail "integers are not integers"
    ;;
  define-param)
    "$mast" build -D environment=prod "$webapp" | grep -q "replicas: 6" || fail "-D environment=prod did not double replicas"
    "$mast" build -D environment=staging "$webapp" >/dev/null 2>"$work/err"; expect_exit 1 $?
    grep -q "E0410" "$work/err" || fail "no E0410 for a value outside the union"
    "$mast" build -D nosuch=1 "$webapp" >/dev/null 2>&1; expect_exit 1 $?
    ;;
  json-diagnostics)
    "$mast" build --diagnostics-format json "$src/tests/golden/errors/unknown_field.mast" 2>"$work/err" >/dev/null
    grep -q '"code": "E0501"' "$work/err" || fail "no JSON diagnostic: $(cat "$work/err")"
    grep -q '"line": 6' "$work/err" || fail "no line in JSON diagnostic"
    ;;
  syntax-error-recovery)
    # One broken declaration does not hide the type errors of the others, in
    # `mast build` and `mast check` alike; the build writes no YAML.
    broken="$src/tests/golden/recovery/broken_declaration.mast"
    "$mast" build --color never "$broken" >"$work/out" 2>"$work/err"; expect_exit 1 $?
    grep -q "broken_declaration.mast:10:39: error\[E0101\]" "$work/err" || fail "no syntax error in: $(cat "$work/err")"
    grep -q "broken_declaration.mast:13:17: error\[E0302\]" "$work/err" || fail "no type error in: $(cat "$work/err")"
    [ ! -s "$work/out" ] || fail "a build with a syntax error wrote YAML"
    "$mast" build --color never "$src/tests/golden/recovery/broken_declaration_evaluated.mast" >"$work/out" 2>"$work/err"
    expect_exit 1 $?
    grep -q "E0401" "$work/err" || fail "no evaluation error next to the syntax error: $(cat "$work/err")"
    [ ! -s "$work/out" ] || fail "a build with a syntax error wrote YAML"
    "$mast" check --color never "$broken" >"$work/out" 2>&1; expect_exit 1 $?
    grep -q "E0101" "$work/out" && grep -q "E0302" "$work/out" || fail "mast check: $(cat "$work/out")"
    ;;
  broken-import)
    # The importer of a broken library gets E0209 at its import, with a note
    # at the library's first error, and no errors about the library's names.
    importer="$src/tests/golden/imports/import_broken_library.mast"
    "$mast" build --color never "$importer" >"$work/out" 2>"$work/err"; expect_exit 1 $?
    grep -q "import_broken_library.mast:6:8: error\[E0209\]: imported file \`broken_library.mast\` has errors" "$work/err" ||
      fail "no E0209 in: $(cat "$work/err")"
    grep -q "broken_library.mast:4:16: note: the first error in this file" "$work/err" || fail "no note at the first error"
    ! grep -q "E0205\|E0201" "$work/err" || fail "follow-on errors about the library's names: $(cat "$work/err")"
    "$mast" check --color never "$importer" >"$work/out" 2>&1; expect_exit 1 $?
    grep -q "E0209" "$work/out" || fail "mast check: no E0209 in: $(cat "$work/out")"
    ;;
  crd-import)
    # A typed custom resource passes the object checks of `mast build` and
    # `mast check` (they know the program's `crd:` imports).
    crd_case="$src/tests/golden/crd/typed.mast"
    "$mast" build --color never "$crd_case" >"$work/out.yaml" 2>"$work/err"; expect_exit 0 $?
    grep -q "^kind: Certificate" "$work/out.yaml" || fail "no Certificate in the output"
    grep -q "E0506" "$work/err" && fail "the object checks do not know the imported CRD: $(cat "$work/err")"
    "$mast" check --color never "$crd_case" >"$work/out" 2>&1; expect_exit 0 $?
    # A `crd:` path that leaves the project directory is E0208, like a file import.
    mkdir -p "$work/project"
    cp "$src/tests/golden/crd/crds/certificates.yaml" "$work/outside.yaml"
    printf 'import "crd:../outside.yaml" as certs\nemit certs.Certificate { spec: {} }\n' >"$work/project/app.mast"
    "$mast" build --color never "$work/project/app.mast" >"$work/out" 2>"$work/err"; expect_exit 1 $?
    grep -q "error\[E0208\]: cannot import \"crd:../outside.yaml\": .* is outside the project directory" "$work/err" ||
      fail "no E0208 for a crd: path outside the project: $(cat "$work/err")"
    # --root widens the project: the same import then works.
    "$mast" build --no-check --root "$work" "$work/project/app.mast" >"$work/out" 2>"$work/err"; expect_exit 1 $?
    grep -q "E0208" "$work/err" && fail "--root does not widen the boundary of crd: imports"
    grep -q "E0503\]: missing required field \`secretName\`" "$work/err" || fail "the CRD was not used: $(cat "$work/err")"
    # A directory import skips files that are links out of the directory.
    mkdir -p "$work/project/crds"
    ln -s "$work/outside.yaml" "$work/project/crds/link.yaml"
    printf 'import "crd:crds" as certs\nlet x = 1\n' >"$work/project/dir.mast"
    "$mast" build --no-check "$work/project/dir.mast" >"$work/out" 2>"$work/err"; expect_exit 1 $?
    grep -q "E0210\]: directory \`crds\` holds no CustomResourceDefinition" "$work/err" ||
      fail "a link out of the directory was read: $(cat "$work/err")"
    ;;
  jobs-deterministic)
    # The emitted objects are checked in shares, one per thread; the findings
    # (and the "in Service ..." notes that name their object) do not depend
    # on the number of threads.
    many="$src/tests/cli/build_jobs/many_objects.mast"
    for j in 1 2 3; do
      "$mast" build --color never -j "$j" "$many" >"$work/out$j.yaml" 2>"$work/err$j"; expect_exit 1 $?
      "$mast" build --diagnostics-format json -j "$j" "$many" >/dev/null 2>"$work/json$j"
      # `mast check` names each finding's object in its JSON report.
      "$mast" check --format json -j "$j" "$many" >"$work/check$j.json" 2>&1
    done
    # The 300 objects come from one function, so a finding's position does
    # not tell its object: the report must not name one (it named whichever
    # object sorted last among the equal positions).
    ! grep -q '"object": ' "$work/check1.json" || fail "mast check guessed objects: $(grep -m3 '"object": ' "$work/check1.json")"
    # Objects written out one by one have ranges of their own: named.
    printf '%s\n' 'import "k8s/core/v1" as core' \
      'emit core.Service { metadata: { name: "Bad_1" }, spec: { selector: { app: "a" }, ports: [{ port: 80 }] } }' \
      'emit core.Service { metadata: { name: "svc-2" }, spec: { selector: { app: "b" }, ports: [{ port: 80 }] } }' \
      >"$work/two.mast"
    "$mast" check --format json "$work/two.mast" >"$work/two.json" 2>&1
    # Only the checks find the error (E0701), after the output was rendered
    # beside them: nothing is written.
    "$mast" build -j 2 "$work/two.mast" >"$work/two.yaml" 2>"$work/two.err"; expect_exit 1 $?
    grep -q "E0701" "$work/two.err" || fail "no E0701: $(cat "$work/two.err")"
    [ ! -s "$work/two.yaml" ] || fail "a build that failed its checks wrote YAML"
    "$mast" build -j 2 "$work/two.mast" -o "$work/two-out.yaml" 2>/dev/null; expect_exit 1 $?
    [ ! -e "$work/two-out.yaml" ] || fail "a build that failed its checks wrote its -o file"
    grep -q '"object": "Service Bad_1"' "$work/two.json" ||
      fail "mast check no longer names the object of a finding on an object written out: $(cat "$work/two.json")"
    grep -q "mast: 45 errors, 600 warnings" "$work/err1" || fail "unexpected findings: $(tail -1 "$work/err1")"
    grep -q "= note: in Service team-2/Bad_287$" "$work/err1" || fail "no note naming the last share's object"
    for j in 2 3; do
      cmp -s "$work/out1.yaml" "$work/out$j.yaml" || fail "-j $j changed the output"
      cmp -s "$work/err1" "$work/err$j" || fail "-j $j changed the findings: $(diff "$work/err1" "$work/err$j" | head -20)"
      cmp -s "$work/json1" "$work/json$j" || fail "-j $j changed the JSON findings"
      cmp -s "$work/check1.json" "$work/check$j.json" || fail "mast check -j $j changed the report: $(diff "$work/check1.json" "$work/check$j.json" | head -20)"
    done
    ;;
  *)
    fail "unknown case"
    ;;
esac
echo "ok [$case_name]"
