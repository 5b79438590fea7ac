#!/usr/bin/env bash
# The VS Code extension's manifest against its code and its locked
# dependencies, offline (no npm packages needed): engines.vscode is what
# the locked vscode-languageclient requires; a repository and a LICENSE
# exist (vsce warns otherwise); every contributed command is registered and
# every registered one contributed; every setting the code reads is
# contributed, every contributed one is read and documented in
# docs/editors.md; the client parses. Building the .vsix (npm ci, esbuild,
# vsce: about 40 s of downloads) is editors/vscode/scripts/package.sh, run
# in CI by .ci/run through scripts/release-check.sh vsix.
# Usage: vscode_test.sh SOURCE_DIR
set -uo pipefail
src=$(readlink -f "$1")
command -v node >/dev/null || { echo "node is not installed: skipped (scripts/setup.sh installs npm, which brings it)"; exit 0; }
cd "$src/editors/vscode" || exit 1
node --check src/extension.js || { echo "FAIL: src/extension.js does not parse" >&2; exit 1; }
node - "$src/docs/editors.md" <<'JS'
const fs = require('fs');
const fail = (message) => { console.error(`FAIL [vscode]: ${message}`); process.exit(1); };
const manifest = JSON.parse(fs.readFileSync('package.json', 'utf8'));
const lock = JSON.parse(fs.readFileSync('package-lock.json', 'utf8'));
const source = fs.readFileSync('src/extension.js', 'utf8');
const docs = fs.readFileSync(process.argv[2], 'utf8');

if (!manifest.repository || !manifest.repository.url) fail('package.json has no repository (vsce warns)');
if (!fs.existsSync('LICENSE')) fail('no LICENSE file (vsce warns)');
if (!manifest.license) fail('package.json has no license');
const client = lock.packages['node_modules/vscode-languageclient'];
if (!client) fail('package-lock.json does not lock vscode-languageclient');
if (client.engines.vscode !== manifest.engines.vscode) {
  fail(`engines.vscode is ${manifest.engines.vscode}, vscode-languageclient ${client.version} needs ${client.engines.vscode}`);
}
if (lock.packages[''].version !== manifest.version) fail('package-lock.json is stale (its version differs)');
for (const name of ['esbuild', '@vscode/vsce']) {
  if (!lock.packages[`node_modules/${name}`]) fail(`package-lock.json does not lock ${name}`);
}
if (manifest.main !== './dist/extension.js' || !manifest.scripts.bundle.includes('--outfile=dist/extension.js')) {
  fail('main is not the esbuild bundle');
}
if (manifest.scripts['vscode:prepublish'] !== 'npm run bundle') fail('vsce would package without bundling');

const contributed = manifest.contributes.commands.map((c) => c.command).sort();
const registered = [...source.matchAll(/registerCommand\('([^']+)'/g)].map((m) => m[1]).sort();
if (JSON.stringify(contributed) !== JSON.stringify(registered)) {
  fail(`commands contributed ${contributed}, registered ${registered}`);
}
if (!contributed.includes('mast.restartServer')) fail('no restart command');
if (!/createStatusBarItem/.test(source)) fail('no status bar item');
if (!/createOutputChannel\('Mast'\)/.test(source)) fail('no output channel');

const settings = Object.keys(manifest.contributes.configuration.properties).sort();
const read = [...new Set([...source.matchAll(/\.get\('([A-Za-z.]+)'/g)].map((m) => `mast.${m[1]}`))].sort();
for (const key of read) if (!settings.includes(key)) fail(`the code reads ${key}, which is not contributed`);
for (const key of settings) {
  // mast.trace.server is read by vscode-languageclient itself (client id "mast").
  if (key !== 'mast.trace.server' && !read.includes(key)) fail(`${key} is contributed but never read`);
  if (!docs.includes(`\`${key}\``)) fail(`docs/editors.md does not mention \`${key}\``);
}
if (!settings.includes('mast.kubernetesVersion') || !source.includes('kubernetesVersion')) fail('no Kubernetes version setting');
console.log(`vscode: ${contributed.length} commands, ${settings.length} settings, engines ${manifest.engines.vscode}`);
JS
