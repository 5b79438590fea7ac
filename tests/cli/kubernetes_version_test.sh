#!/usr/bin/env bash
# End-to-end tests of the Kubernetes release target: --kubernetes-version on
# build, check and lsp, `kubernetesVersion` in .mast.yaml (read the same way
# by all three), range targets, unknown versions, --version, --schema on build.
# Usage: kubernetes_version_test.sh MAST_BINARY SOURCE_DIR CASE
set -uo pipefail
mast="$1"
src="$2"
case_name="$3"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$src" || exit 1

# shellcheck source=assert.sh
source "$src/tests/cli/assert.sh"

# A Service with a 1.30 field, and a program that emits it.
cat >"$work/svc.yaml" <<'YAML'
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
    - port: 80
  trafficDistribution: PreferClose
YAML
cat >"$work/svc.mast" <<'MAST'
import "k8s/core/v1" as core

emit core.Service {
  metadata: { name: "web" }
  spec: { selector: { app: "web" }, ports: [{ port: 80 }], trafficDistribution: "PreferClose" }
}
MAST
history="\`trafficDistribution\` is a field of \`ServiceSpec\` from Kubernetes 1.30 on, but the target is 1.29"

case "$case_name" in
  version-lists-releases)
    "$mast" --version >"$work/out" 2>"$work/err"; expect_exit 0 $?
    contains "$work/out" "Kubernetes releases: 1.28 to 1.36 (default 1.36)"
    ;;
  default-is-newest)
    "$mast" check --no-policies "$work/svc.yaml" >"$work/out" 2>"$work/err"; expect_exit 0 $?
    "$mast" build --no-check "$work/svc.mast" >"$work/out" 2>"$work/err"; expect_exit 0 $?
    contains "$work/out" "trafficDistribution: PreferClose"
    ;;
  flag-on-check-and-build)
    # The same finding, code and wording from both commands.
    "$mast" check --no-policies --color never --kubernetes-version 1.29 "$work/svc.yaml" >"$work/out" 2>"$work/err"
    expect_exit 1 $?
    contains "$work/out" "error[E0507]: $history"
    "$mast" build --color never --kubernetes-version 1.29 "$work/svc.mast" >"$work/out" 2>"$work/err"; expect_exit 1 $?
    contains "$work/err" "error[E0507]: $history"
    "$mast" check --no-policies --color never --kubernetes-version 1.29 "$work/svc.mast" >"$work/out" 2>"$work/err"
    expect_exit 1 $?
    contains "$work/out" "error[E0507]: $history"
    # A patch release and a leading v name the same release.
    "$mast" check --no-policies --kubernetes-version v1.30.2 "$work/svc.yaml" >"$work/out" 2>"$work/err"; expect_exit 0 $?
    ;;
  config-on-check-and-build)
    printf 'kubernetesVersion: "1.29"\n' >"$work/.mast.yaml"
    "$mast" check --no-policies --color never "$work/svc.yaml" >"$work/out" 2>"$work/err"; expect_exit 1 $?
    contains "$work/out" "E0507"
    "$mast" build --color never "$work/svc.mast" >"$work/out" 2>"$work/err"; expect_exit 1 $?
    contains "$work/err" "E0507"
    # The flag wins over the configuration.
    "$mast" check --no-policies --kubernetes-version 1.30 "$work/svc.yaml" >"$work/out" 2>"$work/err"; expect_exit 0 $?
    "$mast" build --no-check --kubernetes-version 1.30 "$work/svc.mast" >"$work/out" 2>"$work/err"; expect_exit 0 $?
    # A bad configured version is an E1005 at its line, exit 2.
    printf 'kubernetesVersion: "1.99"\n' >"$work/.mast.yaml"
    "$mast" check --no-policies --color never "$work/svc.yaml" >"$work/out" 2>"$work/err"; expect_exit 2 $?
    contains "$work/err" ".mast.yaml:1:20: error[E1005]: \`kubernetesVersion\`: unknown Kubernetes version \`1.99\`; the built-in releases are 1.28 to 1.36"
    "$mast" build --color never "$work/svc.mast" >"$work/out" 2>"$work/err"; expect_exit 2 $?
    contains "$work/err" "error[E1005]: \`kubernetesVersion\`: unknown Kubernetes version \`1.99\`"
    # A number that YAML reads as a float (1.30 is 1.3) must be quoted.
    printf 'kubernetesVersion: 1.30\n' >"$work/.mast.yaml"
    "$mast" check --no-policies --color never "$work/svc.yaml" >"$work/out" 2>"$work/err"; expect_exit 2 $?
    contains "$work/err" "must be a quoted release"
    ;;
  unknown-version-exit-2)
    for command in "check --no-policies $work/svc.yaml" "build $work/svc.mast" "lsp"; do
      # shellcheck disable=SC2086
      "$mast" $command --kubernetes-version 1.27 >"$work/out" 2>"$work/err" </dev/null; status=$?
      expect_exit 2 $status
      cat "$work/out" "$work/err" >"$work/all"
      contains "$work/all" "unknown Kubernetes version \`1.27\`; the built-in releases are 1.28 to 1.36"
    done
    "$mast" check --no-policies --kubernetes-version 1.36..1.31 "$work/svc.yaml" >"$work/out" 2>"$work/err"
    expect_exit 2 $?
    contains "$work/out" "runs backwards"
    ;;
  range-target)
    "$mast" check --no-policies --color never --kubernetes-version 1.29..1.36 "$work/svc.yaml" >"$work/out" 2>"$work/err"
    expect_exit 1 $?
    contains "$work/out" "is a field of \`ServiceSpec\` from Kubernetes 1.30 on, but the target 1.29..1.36 includes 1.29; start the target range at 1.30, or remove the field"
    contains "$work/out" "= note: valid on 1.30 to 1.36"
    "$mast" check --no-policies --kubernetes-version 1.30..1.36 "$work/svc.yaml" >"$work/out" 2>"$work/err"; expect_exit 0 $?
    # A kind that a release in the range does not serve: one finding for the
    # object, not one per field.
    printf 'apiVersion: resource.k8s.io/v1\nkind: DeviceClass\nmetadata:\n  name: gpu\nspec: {}\n' >"$work/dc.yaml"
    "$mast" check --no-policies --color never --kubernetes-version 1.33..1.36 "$work/dc.yaml" >"$work/out" 2>"$work/err"
    expect_exit 1 $?
    contains "$work/out" "\`resource.k8s.io/v1\` \`DeviceClass\` is served from Kubernetes 1.34 on, but the target 1.33..1.36 includes 1.33"
    contains "$work/out" "1 error"
    ;;
  schema-on-build)
    # --schema applies to build as to check: a one-release catalog without the field.
    cat >"$work/mini.json" <<'JSON'
{"swagger": "2.0", "definitions": {
  "io.k8s.api.core.v1.Service": {"type": "object",
    "x-kubernetes-group-version-kind": [{"group": "", "version": "v1", "kind": "Service"}],
    "properties": {"apiVersion": {"type": "string"}, "kind": {"type": "string"},
      "metadata": {"type": "object", "additionalProperties": {}},
      "spec": {"$ref": "#/definitions/io.k8s.api.core.v1.ServiceSpec"}}},
  "io.k8s.api.core.v1.ServiceSpec": {"type": "object", "properties": {
    "selector": {"type": "object", "additionalProperties": {"type": "string"}},
    "ports": {"type": "array", "items": {"type": "object", "properties": {"port": {"type": "integer"}}}}}}}}
JSON
    "$mast" build --color never --schema "$work/mini.json" "$work/svc.mast" >"$work/out" 2>"$work/err"; expect_exit 1 $?
    contains "$work/err" "error[E0501]: unknown field \`trafficDistribution\` in \`ServiceSpec\`"
    "$mast" build --schema "$work/mini.json" --kubernetes-version 1.30 "$work/svc.mast" >"$work/out" 2>"$work/err"
    expect_exit 2 $?
    contains "$work/err" "cannot be chosen with a schema file"
    ;;
  corpus-valid-at-default)
    # Every manifest of the release corpus is valid at the default target
    # (each is also a golden case at the release before its feature).
    count=$(ls tests/check/versions/corpus/*.yaml | wc -l)
    [ "$count" -ge 30 ] || fail "the corpus has $count manifests, fewer than 30"
    "$mast" check --no-policies --color never tests/check/versions/corpus >"$work/out" 2>"$work/err"; expect_exit 0 $?
    contains "$work/out" "invalid, 0 skipped; 0 errors"
    lacks "$work/out" " 0 valid"
    ;;
  *) fail "unknown case" ;;
esac
echo "ok [$case_name]"
