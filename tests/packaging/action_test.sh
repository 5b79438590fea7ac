#!/usr/bin/env bash
# The composite action (action.yml) run step by step by
# run_composite_action.py in a throwaway workspace, with mast on PATH
# (install: none) or fetched from a URL (install: release, a file:// URL
# here). `install: source` builds mast and is run by scripts/release-check.sh
# action-source, not here.
# Usage: action_test.sh MAST_BINARY SOURCE_DIR CASE
set -uo pipefail
mast=$(readlink -f "$1")
src=$(readlink -f "$2")
case_name="action/$3"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
source "$src/tests/cli/assert.sh"
python3 -c 'import yaml' 2>/dev/null || fail "python3-yaml is missing (scripts/setup.sh installs pre-commit, which brings it)"
mkdir -p "$work/bin" "$work/ws/deploy" "$work/runner"
export RUNNER_TEMP="$work/runner"
cp "$src/tests/packaging/fixtures/service.yaml" "$work/ws/deploy/service.yaml"
bad() { cp "$src/tests/packaging/fixtures/bad-deployment.yaml" "$work/ws/deploy/bad.yaml"; }
run_action() {  # NAME=VALUE... ; report in $work/report.json, output in $work/out
  (cd "$work/ws" && PATH="$work/bin:$PATH" python3 "$src/tests/packaging/run_composite_action.py" "$src/action.yml" \
     "$work/report.json" "$@") >"$work/out" 2>"$work/err"
}
field() { python3 -c "import json,sys; r=json.load(open('$work/report.json')); print(eval(sys.argv[1]))" "$1"; }
step_ran() { field "[s['ran'] for s in r['steps'] if s.get('uses','').startswith('$1')]"; }

case "$3" in
  findings)
    ln -s "$mast" "$work/bin/mast"; bad
    run_action install=none paths=deploy; expect_exit 1 $?
    [ "$(field "r['outputs']['exit-code']")" = 1 ] || fail "exit-code output: $(cat "$work/report.json")"
    contains "$work/out" "::error file=deploy/bad.yaml,line=4"
    [ "$(field "r['outputs']['sarif-file']")" = mast.sarif ] || fail "sarif-file output: $(cat "$work/report.json")"
    python3 -c "import json; s=json.load(open('$work/ws/mast.sarif')); assert s['version']=='2.1.0' and s['runs'][0]['results']" \
      || fail "mast.sarif has no results"
    [ "$(step_ran github/codeql-action/upload-sarif)" = "[True]" ] || fail "SARIF was not uploaded: $(cat "$work/report.json")"
    [ "$(field "[s['with']['sarif_file'] for s in r['steps'] if 'with' in s and 'sarif_file' in s['with']]")" = "['mast.sarif']" ] \
      || fail "upload-sarif got the wrong file"
    ;;
  clean)
    ln -s "$mast" "$work/bin/mast"
    run_action install=none paths=deploy; expect_exit 0 $?
    [ "$(field "r['outputs']['exit-code']")" = 0 ] || fail "exit-code output: $(cat "$work/report.json")"
    [ "$(step_ran github/codeql-action/upload-sarif)" = "[True]" ] || fail "SARIF was not uploaded"
    [ "$(step_ran actions/cache)" = "[False]" ] || fail "install: none used the cache"
    ;;
  no-fail)
    ln -s "$mast" "$work/bin/mast"; bad
    run_action install=none paths=deploy fail-on-findings=false sarif=false; expect_exit 0 $?
    [ "$(field "r['outputs']['exit-code']")" = 1 ] || fail "exit-code output: $(cat "$work/report.json")"
    [ "$(step_ran github/codeql-action/upload-sarif)" = "[False]" ] || fail "SARIF was uploaded with sarif: false"
    ;;
  build-verify)
    ln -s "$mast" "$work/bin/mast"
    cp "$src/samples/webapp/webapp.mast" "$work/ws/app.mast"
    "$mast" build --no-check "$work/ws/app.mast" -o "$work/ws/app.yaml" || fail "build failed"
    run_action install=none command=build-verify "args=app.mast -o app.yaml --no-check"; expect_exit 0 $?
    sed -i 's/replicas: 3/replicas: 4/' "$work/ws/app.mast"
    run_action install=none command=build-verify "args=app.mast -o app.yaml --no-check"; expect_exit 1 $?
    [ "$(field "r['outputs']['exit-code']")" = 1 ] || fail "a stale output was not reported: $(cat "$work/report.json")"
    [ "$(step_ran github/codeql-action/upload-sarif)" = "[False]" ] || fail "build-verify uploaded SARIF"
    ;;
  release)
    cp "$mast" "$work/served-mast"
    run_action install=release "release-url=file://$work/served-mast" paths=deploy; expect_exit 0 $?
    contains "$work/out" "mast $("$mast" --version | head -1 | cut -d' ' -f2)"
    [ -x "$work/runner/mast-action-bin/mast" ] || fail "the binary was not installed into RUNNER_TEMP"
    run_action install=release paths=deploy; expect_exit 1 $?
    contains "$work/err" "release needs release-url"
    ;;
  source)
    # Slow (builds the static binary): scripts/release-check.sh action-source.
    run_action install=source paths=deploy; expect_exit 0 $?
    [ "$(step_ran actions/cache)" = "[True]" ] || fail "the cache step did not run"
    key=$(field "[s['with']['key'] for s in r['steps'] if s.get('uses','').startswith('actions/cache')][0]")
    [[ "$key" =~ ^mast-Linux-x86_64-[0-9a-f]{16}$ ]] || fail "cache key: $key"
    [ -x "$work/runner/mast-action-bin/mast" ] || fail "the built binary is not in the cached directory"
    ;;
  *) fail "unknown case" ;;
esac
