// Starts `mast lsp` for .mast files (and Kubernetes YAML) and connects it to
// VS Code through vscode-languageclient. Everything else (diagnostics, hover,
// completion, navigation, rename, quick fixes, formatting, semantic tokens,
// inlay hints) is the server's.
'use strict';

const vscode = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');

let client;

function activate(context) {
  const config = vscode.workspace.getConfiguration('mast');
  const command = config.get('path', 'mast');
  const serverOptions = { command, args: ['lsp'] };
  const documentSelector = [{ scheme: 'file', language: 'mast' }, { scheme: 'untitled', language: 'mast' }];
  if (config.get('yaml', true)) documentSelector.push({ scheme: 'file', language: 'yaml' });
  const clientOptions = {
    documentSelector,
    initializationOptions: { policies: config.get('policies', true) },
    // The server also registers these itself when the client allows it.
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/{*.mast,.mast.yaml}') },
  };
  client = new LanguageClient('mast', 'Mast', serverOptions, clientOptions);
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('mast')) {
        vscode.window.showInformationMessage('Mast: reload the window to apply the new settings.');
      }
    }),
  );
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
