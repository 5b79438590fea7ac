#!/usr/bin/env bash
# End-to-end tests of what `mast check` does with a repository's other YAML
# (workflows, compose files, Helm charts, Kustomize), of --quiet for hooks,
# of the SARIF paths and links, and of `mast build --kustomization`.
# Usage: inputs_cli_test.sh MAST_BINARY SOURCE_DIR CASE
set -uo pipefail
mast="$1"
src="$2"
case_name="$3"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fixtures="$src/tests/check"
repo="$fixtures/repo"
cd "$src" || exit 1

# shellcheck source=../cli/assert.sh
source "$src/tests/cli/assert.sh"

case "$case_name" in
  repo-clean)
    # The whole repository: manifests checked, the rest skipped in silence.
    "$mast" check --no-policies --color never "$repo" >"$work/out" 2>"$work/err"; expect_exit 0 $?
    contains "$work/out" "4 objects in 7 files: 4 valid, 0 invalid, 0 skipped; 0 errors"
    contains "$work/out" "5 inputs skipped as not Kubernetes manifests"
    lacks "$work/err" "note:"
    # --verbose says what each skipped input is.
    "$mast" check --no-policies --verbose "$repo" >"$work/out" 2>"$work/err"; expect_exit 0 $?
    contains "$work/err" "note: skipped $repo/chart/templates: a Helm chart's templates"
    contains "$work/err" "note: skipped $repo/chart/values.yaml: Helm values"
    contains "$work/err" "note: skipped $repo/chart/values-prod.yaml: Helm values"
    contains "$work/err" "note: skipped $repo/chart/Chart.yaml: a Helm chart's Chart.yaml"
    contains "$work/err" "note: skipped $repo/docker-compose.yml: a Compose file"
    contains "$work/err" "note: skipped $repo/kustomize/overlays/prod/replicas.yaml: 1 document that is not a Kubernetes object"
    # --format json lists them too.
    "$mast" check --no-policies --format json "$repo" >"$work/out" 2>"$work/err"; expect_exit 0 $?
    python3 - "$work/out" "$repo" <<'EOF' || fail "bad JSON: $(head -c 2000 "$work/out")"
import json, sys
report = json.load(open(sys.argv[1]))
repo = sys.argv[2]
assert report["summary"]["skippedFiles"] == 5, report["summary"]
skipped = {entry["path"]: entry["reason"] for entry in report["skippedInputs"]}
assert skipped[repo + "/docker-compose.yml"] == "a Compose file", skipped
assert len(skipped) == 6, skipped  # the five inputs, and the file whose one document is a JSON patch
EOF
    ;;
  hook-file-names)
    # pre-commit names each changed file, hidden ones included.
    (cd "$repo" && "$mast" check --no-policies --quiet --verbose .github/workflows/ci.yml .github/dependabot.yml \
      docker-compose.yml .pre-commit-config.yaml chart/Chart.yaml chart/values.yaml chart/templates/service.yaml \
      kustomize/base/kustomization.yaml manifests/namespace.yaml) >"$work/out" 2>"$work/err"; expect_exit 0 $?
    contains "$work/err" "skipped .github/workflows/ci.yml: a GitHub Actions workflow"
    contains "$work/err" "skipped .github/dependabot.yml: a GitHub configuration file"
    contains "$work/err" "skipped .pre-commit-config.yaml: a pre-commit configuration"
    contains "$work/err" "skipped chart/templates/service.yaml: a Helm template"
    contains "$work/out" "1 object in 2 files"
    # Only non-manifests: nothing was checked, and that is a pass.
    (cd "$repo" && "$mast" check --no-policies .github/workflows/ci.yml) >"$work/out" 2>"$work/err"; expect_exit 0 $?
    ;;
  strict-inputs)
    "$mast" check --no-policies --strict-inputs --color never "$repo" >"$work/out" 2>"$work/err"; expect_exit 1 $?
    contains "$work/out" "chart/Chart.yaml:1:1: error[E0503]: missing required field \`kind\`"
    contains "$work/out" "chart/values.yaml:1:1: error[E0503]: missing required field \`apiVersion\`"
    contains "$work/out" "docker-compose.yml:1:1: error[E0503]"
    contains "$work/out" "chart/templates/service.yaml:4:10: error[E0601]"
    contains "$work/out" "kustomize/base/kustomization.yaml:2:7: error[E0506]"
    (cd "$repo" && "$mast" check --no-policies --strict-inputs .github/workflows/ci.yml) >"$work/out" 2>"$work/err"
    expect_exit 1 $?
    ;;
  helm-chart-directory)
    "$mast" check --no-policies "$repo/chart" >"$work/out" 2>"$work/err"; expect_exit 2 $?
    contains "$work/out" "\`$repo/chart\` is a Helm chart; render it with \`helm template\` and pipe it in: helm template $repo/chart | mast check -"
    lacks "$work/out" "E0601"
    ;;
  helm-rendered)
    "$mast" check --no-policies --color never - <"$fixtures/helm/rendered_findings.yaml" >"$work/out" 2>"$work/err"
    expect_exit 1 $?
    contains "$work/out" "web/templates/deployment.yaml (rendered, <stdin>:22:3): error[E0501]: unknown field \`replica\`"
    contains "$work/out" "  22 |   replica: 2"
    contains "$work/out" "web/templates/deployment.yaml (rendered, <stdin>:36:30): error[E0502]"
    # A file works alike, and keeps its own name in the location.
    "$mast" check --no-policies --color never "$fixtures/helm/rendered_findings.yaml" >"$work/out" 2>"$work/err"
    contains "$work/out" "web/templates/deployment.yaml (rendered, $fixtures/helm/rendered_findings.yaml:22:3)"
    "$mast" check --no-policies --format json - <"$fixtures/helm/rendered_findings.yaml" >"$work/out" 2>"$work/err"
    python3 - "$work/out" <<'EOF' || fail "bad JSON: $(head -c 2000 "$work/out")"
import json, sys
report = json.load(open(sys.argv[1]))
first = report["diagnostics"][0]
assert first["renderedFrom"] == "web/templates/deployment.yaml" and first["file"] == "<stdin>" and first["line"] == 22, first
EOF
    "$mast" check --no-policies --format github - <"$fixtures/helm/rendered_findings.yaml" >"$work/out" 2>"$work/err"
    contains "$work/out" "::error file=web/templates/deployment.yaml,title=E0501::"
    contains "$work/out" "rendered, <stdin>:22:3"
    "$mast" check --no-policies --format sarif - <"$fixtures/helm/rendered_findings.yaml" >"$work/out" 2>"$work/err"
    python3 - "$work/out" <<'EOF' || fail "bad SARIF: $(head -c 3000 "$work/out")"
import json, sys
result = json.load(open(sys.argv[1]))["runs"][0]["results"][0]
location = result["locations"][0]["physicalLocation"]
assert location["artifactLocation"] == {"uri": "web/templates/deployment.yaml", "uriBaseId": "%SRCROOT%"}, location
assert "region" not in location, location
assert "rendered, <stdin>:22:3:   replica: 2" in result["message"]["text"], result["message"]
EOF
    ;;
  quiet)
    # Two errors, and policy warnings under them: --quiet prints the two.
    "$mast" check --color never - <"$fixtures/helm/rendered_findings.yaml" >"$work/loud" 2>"$work/err"; expect_exit 1 $?
    "$mast" check --quiet --color never - <"$fixtures/helm/rendered_findings.yaml" >"$work/out" 2>"$work/err"
    expect_exit 1 $?
    lines=$(wc -l <"$work/out")
    [ "$lines" -eq 7 ] || fail "--quiet printed $lines lines: $(cat "$work/out")"
    [ "$(wc -l <"$work/loud")" -gt 30 ] || fail "the loud report is short; the test proves nothing"
    contains "$work/out" "error[E0501]"
    contains "$work/out" "     |   ^^^^^^^"
    contains "$work/out" "2 errors, "
    lacks "$work/out" "warning["
    lacks "$work/out" "= note"
    # Policy findings at the failOn threshold are kept.
    printf 'failOn: warning\n' >"$work/.mast.yaml"
    "$mast" check --quiet --color never --config "$work/.mast.yaml" - <"$fixtures/helm/rendered_findings.yaml" \
      >"$work/out" 2>"$work/err"; expect_exit 1 $?
    contains "$work/out" "warning["
    ;;
  kustomize)
    # A base and an overlay: kustomizations are validated, not flagged as objects.
    "$mast" check --no-policies "$repo/kustomize/base" "$repo/kustomize/overlays/prod" >"$work/out" 2>"$work/err"
    expect_exit 0 $?
    lacks "$work/out" "E0503"
    lacks "$work/out" "E0506"
    contains "$work/out" "1 object in 4 files"
    "$mast" check --no-policies --color never "$fixtures/kustomize/broken" >"$work/out" 2>"$work/err"; expect_exit 1 $?
    contains "$work/out" "error[E0801]: unknown field \`resource\` in a kustomization; did you mean \`resources\`?"
    contains "$work/out" "error[E0803]: \`missing-deployment.yaml\` in \`resources\` does not exist"
    ;;
  kustomize-agrees)
    # mast's verdict on the kustomization fixtures matches Kustomize's own,
    # where kubectl is installed (opt-in: Debian has no kubectl package).
    if ! command -v kubectl >/dev/null 2>&1; then
      echo "SKIP [$case_name]: kubectl not found"
      exit 0
    fi
    timeout 60 kubectl kustomize "$repo/kustomize/base" >"$work/out" 2>&1 || fail "Kustomize rejects the base: $(cat "$work/out")"
    timeout 60 kubectl kustomize "$fixtures/kustomize/broken" >"$work/out" 2>&1 && fail "Kustomize accepts the broken fixture"
    "$mast" check --no-policies "$fixtures/kustomize/broken" >"$work/out" 2>&1; expect_exit 1 $?
    ;;
  sarif-paths)
    # Absolute inputs become paths relative to the repository root (the
    # nearest .git), with the root as %SRCROOT%; links are absolute.
    mkdir -p "$work/repo/.git" "$work/repo/deploy/sub"
    cp "$fixtures/structure/unknown_fields.yaml" "$work/repo/deploy/bad.yaml"
    (cd "$work/repo/deploy/sub" && "$mast" check --format sarif "$work/repo/deploy/bad.yaml" ../bad.yaml) \
      >"$work/out" 2>"$work/err"; expect_exit 1 $?
    python3 - "$work/out" "$work/repo" <<'EOF' || fail "bad SARIF: $(head -c 3000 "$work/out")"
import json, sys
run = json.load(open(sys.argv[1]))["runs"][0]
root = sys.argv[2]
assert run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": "file://" + root + "/"}}, run["originalUriBaseIds"]
uris = set()
for result in run["results"]:
    location = result["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location["uriBaseId"] == "%SRCROOT%", location
    uris.add(location["uri"])
assert uris == {"deploy/bad.yaml"}, uris
rules = run["tool"]["driver"]["rules"]
for rule in rules:
    assert rule["name"] != rule["id"] and rule["name"][0].isupper() and "-" not in rule["name"], rule
    if "helpUri" in rule:
        assert rule["helpUri"].startswith("https://") and rule["helpUri"].endswith("#" + rule["id"]), rule
assert any(r["id"] == "E0501" and r["name"] == "K8sUnknownField" for r in rules)
assert any("helpUri" in r for r in rules), "no policy rule was reported"
EOF
    # Forks link to their own rule reference: flag, then .mast.yaml.
    "$mast" check --format sarif --rules-uri https://example.com/fork/rules.md "$work/repo/deploy/bad.yaml" \
      >"$work/out" 2>"$work/err"
    contains "$work/out" "\"helpUri\": \"https://example.com/fork/rules.md#"
    printf 'rulesUri: https://example.org/rules.md\n' >"$work/repo/.mast.yaml"
    "$mast" check --format json "$work/repo/deploy/bad.yaml" >"$work/out" 2>"$work/err"
    contains "$work/out" "\"helpUri\": \"https://example.org/rules.md#"
    printf 'rulesUri: docs/rules.md\n' >"$work/repo/.mast.yaml"
    "$mast" check "$work/repo/deploy/bad.yaml" >"$work/out" 2>"$work/err"; expect_exit 2 $?
    contains "$work/err" "\`rulesUri\` must be an absolute http(s) URL"
    rm "$work/repo/.mast.yaml"
    "$mast" check --rules-uri docs/rules.md "$work/repo/deploy/bad.yaml" >"$work/out" 2>"$work/err"; expect_exit 2 $?
    ;;
  build-kustomization)
    printf 'emit { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "a" }, data: { k: "v" } }\nemit { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "b" } }\n' >"$work/app.mast"
    "$mast" build "$work/app.mast" -o "$work/out/" --kustomization >"$work/log" 2>&1; expect_exit 0 $?
    [ -f "$work/out/kustomization.yaml" ] || fail "no kustomization.yaml: $(ls -a "$work/out")"
    python3 - "$work/out" <<'EOF' || fail "bad kustomization: $(cat "$work/out/kustomization.yaml")"
import os, sys
directory = sys.argv[1]
# The file is plain: `key: value` lines and `- item` lines under `resources:`.
lines = [l for l in open(os.path.join(directory, "kustomization.yaml")).read().splitlines() if not l.startswith("#")]
assert lines[0] == "apiVersion: kustomize.config.k8s.io/v1beta1" and lines[1] == "kind: Kustomization", lines
assert lines[2] == "resources:", lines
resources = [l[2:] for l in lines[3:]]
assert all(l.startswith("- ") for l in lines[3:]), lines
objects = sorted(f for f in os.listdir(directory) if not f.startswith(".") and f != "kustomization.yaml")
assert resources == objects and len(objects) == 2, (resources, objects)
EOF
    # Where kubectl is installed (Debian has no package; CI's machine has
    # none), Kustomize itself builds the base and an overlay that names it.
    if command -v kubectl >/dev/null 2>&1; then
      mkdir -p "$work/overlay"
      printf 'resources:\n  - ../out\nnamePrefix: prod-\n' >"$work/overlay/kustomization.yaml"
      timeout 60 kubectl kustomize "$work/overlay" >"$work/built" 2>&1 || fail "kubectl kustomize: $(cat "$work/built")"
      contains "$work/built" "name: prod-a"
      contains "$work/built" "name: prod-b"
    else
      echo "note: kubectl not found; the kustomization is checked structurally only"
    fi
    # The output is a base that `mast check` accepts as one.
    "$mast" check --no-policies "$work/out" >"$work/log" 2>&1; expect_exit 0 $?
    contains "$work/log" "2 objects in 3 files"
    "$mast" build "$work/app.mast" -o "$work/out/" --kustomization --verify >"$work/log" 2>&1; expect_exit 0 $?
    # Without --kustomization a rebuild drops it (the directory is swapped whole).
    "$mast" build "$work/app.mast" -o "$work/out/" >"$work/log" 2>&1; expect_exit 0 $?
    [ ! -e "$work/out/kustomization.yaml" ] || fail "stale kustomization.yaml"
    "$mast" build "$work/app.mast" -o "$work/out/" --kustomization --verify >"$work/log" 2>&1; expect_exit 1 $?
    "$mast" build "$work/app.mast" -o "$work/one.yaml" --kustomization >"$work/log" 2>&1; expect_exit 2 $?
    contains "$work/log" "--kustomization needs a directory output"
    ;;
  *)
    fail "unknown case"
    ;;
esac
echo "PASS [$case_name]"
