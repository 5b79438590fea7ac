// Checks editors/vscode without VS Code: the manifest and grammar parse as
// JSON, the manifest points at files that exist, every grammar pattern
// compiles (JavaScript regexes are close to Oniguruma's for these), every
// `include` resolves, and a sample line is matched by the rules it should be.
// Usage: node check_vscode_extension.js EXTENSION_DIR
'use strict';
const fs = require('fs');
const path = require('path');

const dir = process.argv[2];
let failures = 0;
function check(ok, what) {
  console.log((ok ? 'ok   ' : 'FAIL ') + what);
  if (!ok) failures++;
}

const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
// `main` is the esbuild bundle (dist/, built by scripts/package.sh and not
// committed); the script that `npm run bundle` bundles must exist.
const bundle = /esbuild (\S+)/.exec((manifest.scripts || {}).bundle || '');
const mainSource = manifest.main.startsWith('./dist/') && bundle ? bundle[1] : manifest.main;
check(fs.existsSync(path.join(dir, mainSource)), 'main script exists (' + mainSource + ')');
for (const language of manifest.contributes.languages) {
  check(language.extensions.includes('.mast'), 'the .mast extension is associated');
  check(fs.existsSync(path.join(dir, language.configuration)), 'language configuration exists');
  JSON.parse(fs.readFileSync(path.join(dir, language.configuration), 'utf8'));
}
const grammarPath = path.join(dir, manifest.contributes.grammars[0].path);
const grammar = JSON.parse(fs.readFileSync(grammarPath, 'utf8'));
check(grammar.scopeName === manifest.contributes.grammars[0].scopeName, 'grammar scope name matches');

const regexes = [];
function walk(node, where) {
  if (Array.isArray(node)) return node.forEach((item, i) => walk(item, where + '[' + i + ']'));
  if (!node || typeof node !== 'object') return;
  for (const key of ['match', 'begin', 'end']) {
    if (typeof node[key] === 'string') {
      try {
        regexes.push({ where: where + '.' + key, re: new RegExp(node[key]), node });
      } catch (error) {
        check(false, 'pattern compiles: ' + where + '.' + key + ': ' + error.message);
      }
    }
  }
  if (typeof node.include === 'string' && node.include.startsWith('#')) {
    check(grammar.repository[node.include.slice(1)] !== undefined, 'include resolves: ' + node.include);
  }
  for (const [key, value] of Object.entries(node)) walk(value, where + '.' + key);
}
walk(grammar, 'grammar');
check(regexes.length > 10, regexes.length + ' patterns compile');

function scopesFor(text) {
  return regexes.filter((r) => r.node.name && r.re.test(text)).map((r) => r.node.name);
}
check(scopesFor('/// doc').includes('comment.line.documentation.mast'), 'doc comments');
check(scopesFor('true').includes('constant.language.mast'), 'constants');
check(scopesFor('WebApp').includes('entity.name.type.mast'), 'type names');
check(scopesFor('"${x}"').includes('string.quoted.double.mast'), 'strings');
process.exit(failures === 0 ? 0 : 1);
