#!/usr/bin/env bash
# The pre-commit hooks with the real `pre-commit`, in a throwaway repository
# that looks like an ordinary one: a GitHub workflow, a compose file, a Helm
# chart (Chart.yaml, values.yaml, a template with {{ }}), a kustomization,
# the pre-commit config itself, and manifests. The user's config adds its
# own `exclude:`; the test checks that the hook's default exclusions still
# apply (those files pass) and that the user's exclusion applies too.
#
# Usage: precommit_repo_test.sh MAST_BINARY SOURCE_DIR            hooks on PATH (language: system)
#        precommit_repo_test.sh --source SOURCE_DIR                 the -source hooks (language: script),
#          which build mast from SOURCE_DIR's files into pre-commit's cache; prints the first and the
#          second run's time. Slow (a build): run by scripts/release-check.sh, not by ctest.
set -uo pipefail
mode=system
if [ "$1" = "--source" ]; then mode=source; mast=""; else mast=$(readlink -f "$1"); fi
src=$(readlink -f "$2")
case_name="pre-commit/$mode"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
source "$src/tests/cli/assert.sh"
command -v pre-commit >/dev/null || fail "pre-commit is not installed (scripts/setup.sh installs it)"
export PRE_COMMIT_HOME="$work/cache" GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@t GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@t
mkdir -p "$work/bin" "$work/hooks" "$work/repo"
if [ "$mode" = system ]; then
  # The mast on PATH records the files the hook passes it.
  printf '#!/bin/sh\nprintf "%%s\\n" "$@" >>"%s"\nexec "%s" "$@"\n' "$work/passed.txt" "$mast" >"$work/bin/mast"
  chmod +x "$work/bin/mast"
  export PATH="$work/bin:$PATH"
  hook_suffix=""
  cp "$src/.pre-commit-hooks.yaml" "$work/hooks/"
else
  # The hook repository is the source tree as it is (committed or not).
  hook_suffix="-source"
  git -C "$src" ls-files -z --cached --others --exclude-standard | (cd "$src" && xargs -0 cp --parents -t "$work/hooks" 2>/dev/null)
  # A mast on PATH must not be what the hook runs.
  export PATH="$work/bin:$PATH"
  printf '#!/bin/sh\necho "the PATH mast was run" >&2; exit 3\n' >"$work/bin/mast" && chmod +x "$work/bin/mast"
fi
git -C "$work/hooks" init -q && git -C "$work/hooks" add -A && git -C "$work/hooks" commit -qm hooks
rev=$(git -C "$work/hooks" rev-parse HEAD)

cd "$work/repo" && git init -q
cat >.pre-commit-config.yaml <<CONFIG
repos:
- repo: $work/hooks
  rev: $rev
  hooks:
  - id: mast-check$hook_suffix
    exclude: ^legacy/
CONFIG
mkdir -p .github/workflows charts/web/templates deploy legacy
cat >.github/workflows/ci.yml <<'YAML'
name: ci
on: [push, pull_request]
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: make test
YAML
cat >docker-compose.yml <<'YAML'
services:
  web:
    image: nginx:1.27
    ports: ["8080:80"]
YAML
cat >charts/web/Chart.yaml <<'YAML'
apiVersion: v2
name: web
version: 0.1.0
YAML
cat >charts/web/values.yaml <<'YAML'
replicaCount: 2
image: { repository: nginx, tag: "1.27" }
YAML
cat >charts/web/templates/deployment.yaml <<'YAML'
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .Release.Name }}-web
spec:
  replicas: {{ .Values.replicaCount }}
YAML
cat >deploy/kustomization.yaml <<'YAML'
resources: [service.yaml]
YAML
cp "$src/tests/packaging/fixtures/service.yaml" deploy/service.yaml
# Excluded by the user's own `exclude:`: would fail if it were checked.
printf 'apiVersion: v1\nkind: Service\nmetadata: { name: old }\nspec: { ports: [{ port: 99999 }] }\n' >legacy/old.yaml

# legacy/old.yaml is a real error, so only the user's exclude: keeps it out.
if [ "$mode" = system ] && "$mast" check --no-policies legacy/old.yaml >/dev/null 2>&1; then
  fail "legacy/old.yaml passes mast check by itself; the test proves nothing"
fi

pre-commit install >/dev/null || fail "pre-commit install failed"
git add -A
start=$(date +%s.%N)
git commit -qm "an ordinary repository" >"$work/first.log" 2>&1 || fail "the commit was blocked: $(cat "$work/first.log")"
first=$(echo "$(date +%s.%N) - $start" | bc)
grep -q "^mast check\.*Passed" "$work/first.log" || fail "the hook did not run and pass: $(cat "$work/first.log")"

if [ "$mode" = system ]; then
  # Whatever mast itself does with non-manifest YAML, the hook never passes it.
  contains "$work/passed.txt" "deploy/service.yaml"
  for path in .github/workflows/ci.yml docker-compose.yml charts/web/Chart.yaml charts/web/values.yaml \
              charts/web/templates/deployment.yaml deploy/kustomization.yaml .pre-commit-config.yaml legacy/old.yaml; do
    ! grep -qxF "$path" "$work/passed.txt" || fail "the hook passed $path to mast"
  done
fi

# Touch the manifest and commit again: the hook runs on it (and only it).
sed -i 's/port: 80,/port: 81,/' deploy/service.yaml && git add -A
start=$(date +%s.%N)
git commit -qm "second" >"$work/second.log" 2>&1 || fail "the second commit was blocked: $(cat "$work/second.log")"
second=$(echo "$(date +%s.%N) - $start" | bc)
grep -q "^mast check\.*Passed" "$work/second.log" || fail "the hook did not run: $(cat "$work/second.log")"

# A broken manifest next to them is still caught.
cp "$src/tests/packaging/fixtures/bad-deployment.yaml" deploy/bad.yaml
git add -A
if git commit -qm bad >"$work/bad.log" 2>&1; then fail "a bad manifest was committed"; fi
contains "$work/bad.log" "deploy/bad.yaml"
lacks "$work/bad.log" "legacy/old.yaml"
lacks "$work/bad.log" "ci.yml"
lacks "$work/bad.log" "the PATH mast was run"
printf 'pre-commit %s hook: first commit %.1f s, second commit %.1f s\n' "$mode" "$first" "$second"
