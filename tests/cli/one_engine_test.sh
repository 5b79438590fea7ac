#!/usr/bin/env bash
# One engine: `mast build` and `mast check` give the same findings and
# summary counts for the same program (policies/findings.h), duplicate
# objects are an error in both, and --fail-on sets the threshold.
# Usage: one_engine_test.sh MAST_BINARY SOURCE_DIR
set -uo pipefail
mast="$1"
src="$2"
case_name=one-engine
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$src" || exit 1
# shellcheck source=assert.sh
source "$src/tests/cli/assert.sh"
fixtures=tests/cli/one_engine

# Findings of a program, without the summary and the "in <object>" notes
# that only `mast check` adds: "file:line:col: severity[code]: message".
findings() { grep -E '^[^ ].*:[0-9]+:[0-9]+: (error|warning|info)' "$1" | sort; }

"$mast" build --color never "$fixtures/service.mast" >"$work/build.yaml" 2>"$work/build"; expect_exit 1 $?
"$mast" check --color never "$fixtures/service.mast" >"$work/check" 2>&1; expect_exit 1 $?
findings "$work/build" >"$work/build.findings"
findings "$work/check" >"$work/check.findings"
if ! diff -u "$work/check.findings" "$work/build.findings"; then fail "build and check report different findings"; fi
for code in E0701 E0710 E0719 E0711 E0510; do contains "$work/build.findings" "error[$code]"; done
contains "$work/build" "mast: 5 errors"
contains "$work/check" "; 5 errors"
contains "$work/build" "= note: in Service Web_Svc"

# Duplicates in one YAML stream are an error; across two files they are not.
"$mast" check --color never "$fixtures/duplicates.yaml" >"$work/out" 2>&1; expect_exit 1 $?
contains "$work/out" "duplicates.yaml:11:9: error[E0510]: \`ConfigMap\` \`default/cfg\` is defined twice"
contains "$work/out" "duplicates.yaml:4:9: note: first defined here"
"$mast" check --color never "$fixtures/other_file.yaml" "$fixtures/service.mast" >"$work/out" 2>&1
contains "$work/out" "service.mast:10:"
if grep -q "other_file.yaml.*E0510" "$work/out"; then fail "objects of different inputs were compared"; fi

# --fail-on: warnings fail the run only when asked; the flag beats .mast.yaml.
cat >"$work/warn.yaml" <<'YAML'
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: {app: web}
  ports: [{port: 80}]
YAML
"$mast" check --color never "$work/warn.yaml" >"$work/out" 2>&1; expect_exit 0 $?
contains "$work/out" "labels-required-missing"
"$mast" check --fail-on warning --color never "$work/warn.yaml" >"$work/out" 2>&1; expect_exit 1 $?
printf 'failOn: warning\n' >"$work/.mast.yaml"
"$mast" check --color never "$work/warn.yaml" >"$work/out" 2>&1; expect_exit 1 $?
"$mast" check --fail-on error --color never "$work/warn.yaml" >"$work/out" 2>&1; expect_exit 0 $?
"$mast" check --fail-on sometimes "$work/warn.yaml" >"$work/out" 2>&1; expect_exit 2 $?
cat >"$work/warn.mast" <<'MAST'
import "k8s/core/v1" as core
emit core.Service { metadata: { name: "web" }, spec: { selector: { app: "web" }, ports: [{ port: 80 }] } }
MAST
"$mast" build --fail-on error "$work/warn.mast" >"$work/out.yaml" 2>"$work/err"; expect_exit 0 $?
contains "$work/err" "mast: 0 errors, 2 warnings"
"$mast" build "$work/warn.mast" >"$work/out.yaml" 2>"$work/err"; expect_exit 1 $?
"$mast" build --fail-on never --no-check "$work/warn.mast" >"$work/out.yaml" 2>"$work/err"; expect_exit 0 $?
# Without the policies, a suppression naming a rule is not "unknown" (W1004).
cat >"$work/sup.yaml" <<'YAML'
apiVersion: v1
kind: Pod
metadata:
  name: p
  labels: {app.kubernetes.io/name: p}
spec:
  containers:
  - name: c
    image: nginx:latest  # mast:ignore image-latest-tag -- pinned by the platform team
YAML
"$mast" check --no-policies --color never "$work/sup.yaml" >"$work/out" 2>&1; expect_exit 0 $?
lacks "$work/out" "W1004"
"$mast" check --fail-on never --color never "$work/sup.yaml" >"$work/out" 2>&1; expect_exit 0 $?
lacks "$work/out" "W1004"
contains "$work/out" "1 suppressed"
# Values read with fromYaml(readFile(...)) point into the file they came from.
mkdir -p "$work/prov"
printf 'image: nginx\nport: 70000\n' >"$work/prov/values.yaml"
cat >"$work/prov/app.mast" <<'MAST'
import "k8s/core/v1" as core
let values = fromYaml(readFile("values.yaml"))
emit core.Service { metadata: { name: "web" }, spec: { ports: [{ port: values.port }] } }
MAST
(cd "$work/prov" && "$mast" build --color never app.mast >/dev/null 2>"$work/out"); expect_exit 1 $?
contains "$work/out" "values.yaml:2:7: error[E0719]"
# A library two programs import: what it builds is reported once, not once
# per importer, with the counts to match (the same as building both at once).
"$mast" check --color never "$fixtures/shared/a.mast" "$fixtures/shared/b.mast" >"$work/out" 2>&1; expect_exit 1 $?
findings "$work/out" >"$work/shared.findings"
if [ "$(grep -c 'image-latest-tag' "$work/shared.findings")" != 1 ]; then
  fail "a finding in the shared library is reported per importer: $(cat "$work/shared.findings")"
fi
if [ -n "$(uniq -d "$work/shared.findings")" ]; then fail "duplicate findings: $(uniq -d "$work/shared.findings")"; fi
"$mast" build --color never "$fixtures/shared/a.mast" "$fixtures/shared/b.mast" >"$work/out.yaml" 2>"$work/err"
expect_exit 1 $?
findings "$work/err" >"$work/shared.build"
if ! diff -u "$work/shared.build" "$work/shared.findings"; then fail "build and check differ on a shared library"; fi
summary=$(grep -o '1 error, [0-9]* warnings, [0-9]* infos' "$work/err")
[ -n "$summary" ] || fail "no summary in: $(cat "$work/err")"
contains "$work/out" "$summary"
echo "one engine: ok"
