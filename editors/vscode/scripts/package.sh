#!/usr/bin/env bash
# Builds the VS Code extension package, mast-VERSION.vsix: installs the
# locked npm packages (npm ci), bundles the client with esbuild
# (dist/extension.js, via the vscode:prepublish script) and packages it with
# vsce. Fails when vsce prints any warning, or when the .vsix holds more
# than the files .vscodeignore lets in. Needs node >= 20 and the npm
# registry; `npm ci` takes about 40 s without a cache. CI runs it through
# scripts/release-check.sh vsix (.ci/run); tests/packaging/vscode_test.sh
# checks the manifest offline in every ctest run.
# Usage: editors/vscode/scripts/package.sh [OUT_DIR]   (default: editors/vscode)
set -euo pipefail
cd "$(dirname "$0")/.."
out="$(mkdir -p "${1:-.}" && cd "${1:-.}" && pwd)"
version=$(node -p 'require("./package.json").version')
vsix="$out/mast-$version.vsix"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
npm ci --no-audit --no-fund >"$log" 2>&1 || { cat "$log" >&2; exit 1; }
npx vsce package --no-dependencies --out "$vsix" >"$log" 2>&1 || { cat "$log" >&2; exit 1; }
if grep -i "warning" "$log"; then
  echo "package.sh: vsce warned (above); the package must build without warnings" >&2
  exit 1
fi
python3 - "$vsix" <<'PY'
import sys, zipfile
names = sorted(n for n in zipfile.ZipFile(sys.argv[1]).namelist() if n.startswith('extension/'))
expected = ['extension/LICENSE.txt', 'extension/changelog.md', 'extension/dist/extension.js',
            'extension/language-configuration.json', 'extension/package.json', 'extension/readme.md',
            'extension/syntaxes/mast.tmLanguage.json']
if names != expected:
    sys.exit(f'package.sh: the .vsix holds {names}, expected {expected}')
PY
echo "package.sh: $vsix ($(stat -c %s "$vsix") bytes)"
