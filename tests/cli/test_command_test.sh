#!/usr/bin/env bash
# End-to-end tests of `mast test` over the fixtures in tests/mast_test:
# passing tests, failing tests (the exact report), snapshot update, JUnit,
# discovery and exit codes.
# Usage: test_command_test.sh MAST_BINARY SOURCE_DIR CASE
set -uo pipefail
source "$(dirname "$0")/assert.sh"
start_case "$@"
fixtures="$src/tests/mast_test"

case "$case_name" in
  pass)
    (cd "$fixtures/project" && "$mast" test --color never web_test.mast >"$work/out" 2>"$work/err"); expect_exit 0 $?
    contains "$work/out" "PASS web_test.mast: defaults"
    contains "$work/out" "PASS web_test.mast: a port out of range fails the build"
    contains "$work/out" "PASS web_test.mast: app output"
    contains "$work/out" "4 tests: 4 passed, 0 failed"
    ;;
  no-arguments-runs-the-current-directory)
    (cd "$fixtures/project" && "$mast" test --color never >"$work/out" 2>"$work/err"); expect_exit 0 $?
    contains "$work/out" "PASS web_test.mast: deployment"
    lacks "$work/err" "subcommand is required"
    ;;
  fail)
    # The report is compared whole: one line per test, each failure as a
    # diagnostic with file:line:col, a caret and the values of both sides.
    (cd "$fixtures" && "$mast" test --color never failing/failing_test.mast >"$work/out" 2>"$work/err"); expect_exit 1 $?
    sed -E 's/\([0-9]+\.[0-9]+s\)/(TIME)/' "$work/out" >"$work/report"
    diff -u "$fixtures/failing/expected.txt" "$work/report" >"$work/diff" || fail "report differs: $(cat "$work/diff")"
    ;;
  update)
    cp -r "$fixtures/project" "$work/project"
    rm "$work/project/app.golden.yaml"
    (cd "$work/project" && "$mast" test --color never >"$work/out" 2>"$work/err"); expect_exit 1 $?
    contains "$work/out" "error[E1103]: snapshot \`app.golden.yaml\` does not exist; run \`mast test --update\` to write it"
    (cd "$work/project" && "$mast" test --update --color never >"$work/out" 2>"$work/err"); expect_exit 0 $?
    contains "$work/out" "updated app.golden.yaml"
    cmp -s "$work/project/app.golden.yaml" "$fixtures/project/app.golden.yaml" || fail "--update wrote other YAML"
    "$mast" build --no-check "$work/project/app.mast" >"$work/built.yaml"
    cmp -s "$work/project/app.golden.yaml" "$work/built.yaml" || fail "the snapshot is not what mast build prints"
    # A stale snapshot fails with the first differing line, and --update fixes it.
    sed -i 's/replicas: 3/replicas: 5/' "$work/project/app.golden.yaml"
    (cd "$work/project" && "$mast" test --color never >"$work/out" 2>"$work/err"); expect_exit 1 $?
    contains "$work/out" "differs from snapshot \`app.golden.yaml\` at line"
    contains "$work/out" "snapshot:   replicas: 5"
    (cd "$work/project" && "$mast" test --update >"$work/out" 2>"$work/err"); expect_exit 0 $?
    (cd "$work/project" && "$mast" test >"$work/out" 2>"$work/err"); expect_exit 0 $?
    ;;
  update-only-regular-files)
    cp -r "$fixtures/project" "$work/project"
    echo "keep me" >"$work/target.yaml"
    rm "$work/project/app.golden.yaml"
    ln -s "$work/target.yaml" "$work/project/app.golden.yaml"
    (cd "$work/project" && "$mast" test --update --color never >"$work/out" 2>"$work/err"); expect_exit 2 $?
    contains "$work/out" "is not a regular file"
    [ "$(cat "$work/target.yaml")" = "keep me" ] || fail "--update wrote through a symbolic link"
    [ -L "$work/project/app.golden.yaml" ] || fail "--update replaced the symbolic link"
    rm "$work/project/app.golden.yaml"
    mkdir "$work/project/app.golden.yaml"
    (cd "$work/project" && "$mast" test --update --color never >"$work/out" 2>"$work/err"); expect_exit 2 $?
    [ -d "$work/project/app.golden.yaml" ] || fail "--update replaced a directory"
    ;;
  config-kubernetes-version)
    # The nearest .mast.yaml chooses the release, as for `mast build`; a flag wins.
    cp -r "$fixtures/project" "$work/project"
    printf 'kubernetesVersion: "1.2"\n' >"$work/project/.mast.yaml"
    (cd "$work/project" && "$mast" test --color never >"$work/out" 2>"$work/err"); expect_exit 2 $?
    contains "$work/err" "E1005"
    (cd "$work/project" && "$mast" test --color never --kubernetes-version 1.33 >"$work/out" 2>"$work/err"); expect_exit 0 $?
    contains "$work/out" "4 tests: 4 passed, 0 failed"
    ;;
  junit)
    (cd "$fixtures" && "$mast" test --format junit failing/failing_test.mast >"$work/out" 2>"$work/err"); expect_exit 1 $?
    contains "$work/out" '<testsuite name="failing/failing_test.mast" tests="6" failures="5"'
    contains "$work/out" 'name="passes"/>'
    contains "$work/out" 'assertion failed: three replicas'
    python3 -c 'import sys, xml.dom.minidom; xml.dom.minidom.parse(sys.argv[1])' "$work/out" || fail "not XML"
    ;;
  usage-exit-2)
    "$mast" test "$work/missing" 2>"$work/err"; expect_exit 2 $?
    contains "$work/err" "no such file or directory"
    mkdir "$work/empty"
    "$mast" test "$work/empty" 2>"$work/err"; expect_exit 2 $?
    contains "$work/err" "no *_test.mast files"
    "$mast" test --format xml "$work/empty" 2>/dev/null; expect_exit 2 $?
    ;;
  help-lists-commands)
    "$mast" --help >"$work/out"; expect_exit 0 $?
    contains "$work/out" "test"
    contains "$work/out" "rules"
    grep -qE '^  test ' "$work/out" || fail "\`test\` not listed: $(cat "$work/out")"
    grep -qE '^  rules ' "$work/out" || fail "\`rules\` not listed: $(cat "$work/out")"
    ;;
  *)
    fail "unknown case"
    ;;
esac
echo "ok [$case_name]"
