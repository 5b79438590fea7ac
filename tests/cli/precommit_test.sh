#!/usr/bin/env bash
# The pre-commit hooks in .pre-commit-hooks.yaml, run by the real pre-commit
# in a throwaway git repository: a bad manifest blocks the commit, a good one
# passes, and stale build output is caught.
# Usage: precommit_test.sh MAST_BINARY SOURCE_DIR
set -uo pipefail
mast="$1"
src="$2"
if ! command -v pre-commit >/dev/null; then
  echo "pre-commit is not installed (scripts/setup.sh installs it)" >&2
  exit 1
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bin" "$work/repo" "$work/hooks"
ln -s "$mast" "$work/bin/mast"
export PATH="$work/bin:$PATH" PRE_COMMIT_HOME="$work/cache" GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@t GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@t

# A repository that holds only the hook definitions, so the test does not
# depend on the state of the source checkout.
cp "$src/.pre-commit-hooks.yaml" "$work/hooks/"
git -C "$work/hooks" init -q && git -C "$work/hooks" add . && git -C "$work/hooks" commit -qm hooks
rev=$(git -C "$work/hooks" rev-parse HEAD)

cd "$work/repo" && git init -q
cat > .pre-commit-config.yaml <<CONFIG
repos:
- repo: $work/hooks
  rev: $rev
  hooks:
  - id: mast-check
  - id: mast-build-verify
    args: [app.mast, -o, app.yaml, --no-check]
CONFIG
cp "$src/samples/webapp/webapp.mast" app.mast
"$mast" build app.mast -o app.yaml --no-check || exit 1
pre-commit install >/dev/null || { echo "pre-commit install failed" >&2; exit 1; }
git add -A
git commit -qm good >"$work/good.log" 2>&1 || { echo "FAIL: a good commit was blocked:" >&2; cat "$work/good.log" >&2; exit 1; }

cat > bad.yaml <<'YAML'
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replica: 3
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec: { containers: [{ name: web, image: "nginx:1.27" }] }
YAML
git add bad.yaml
if git commit -qm bad >"$work/bad.log" 2>&1; then echo "FAIL: a bad manifest was committed" >&2; exit 1; fi
grep -q "replica" "$work/bad.log" || { echo "FAIL: the hook output does not name the problem:" >&2; cat "$work/bad.log" >&2; exit 1; }
git rm -q --cached bad.yaml && rm bad.yaml

sed -i 's/replicas: 3/replicas: 4/' app.mast
git add app.mast
if git commit -qm stale >"$work/stale.log" 2>&1; then echo "FAIL: stale build output was committed" >&2; exit 1; fi
grep -q "out of date" "$work/stale.log" || { echo "FAIL: no staleness message:" >&2; cat "$work/stale.log" >&2; exit 1; }
echo "pre-commit hooks: 3 passed, 0 failed"
