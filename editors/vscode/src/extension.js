// Starts `mast lsp` for .mast files (and Kubernetes YAML) and connects it to
// VS Code through vscode-languageclient. Everything else (diagnostics, hover,
// completion, navigation, rename, quick fixes, formatting, semantic tokens,
// inlay hints) is the server's. This file adds what belongs to the editor:
// the "Mast" output channel, a status bar item, the restart command, and a
// restart when a `mast.*` setting changes. scripts/package.sh bundles it
// with esbuild into dist/extension.js.
'use strict';

const vscode = require('vscode');
const { LanguageClient, State } = require('vscode-languageclient/node');

let client;
let statusItem;
let outputChannel;

// The options `mast lsp` reads at initialize (docs/editors.md, "Settings").
function initializationOptions(config) {
  const options = { policies: config.get('policies', true) };
  const kubernetesVersion = config.get('kubernetesVersion', '').trim();
  if (kubernetesVersion) options.kubernetesVersion = kubernetesVersion;
  return options;
}

function targetLabel(config) {
  return config.get('kubernetesVersion', '').trim() || 'default release';
}

function showStatus(icon, text, tooltip) {
  statusItem.text = `${icon} ${text}`;
  statusItem.tooltip = tooltip;
  statusItem.show();
}

function createClient() {
  const config = vscode.workspace.getConfiguration('mast');
  const command = config.get('path', 'mast');
  const documentSelector = [{ scheme: 'file', language: 'mast' }, { scheme: 'untitled', language: 'mast' }];
  if (config.get('yaml', true)) documentSelector.push({ scheme: 'file', language: 'yaml' });
  const languageClient = new LanguageClient(
    'mast',
    'Mast',
    { command, args: ['lsp'] },
    {
      documentSelector,
      outputChannel,
      initializationOptions: initializationOptions(config),
      // The server also registers these itself when the client allows it.
      synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/{*.mast,.mast.yaml}') },
    },
  );
  languageClient.onDidChangeState(({ newState }) => {
    if (newState === State.Running) {
      showStatus('$(check)', `Mast ${targetLabel(config)}`, `mast lsp is running (${command}). Click for its output.`);
    } else if (newState === State.Starting) {
      showStatus('$(sync~spin)', 'Mast', `Starting ${command} lsp`);
    } else {
      showStatus('$(error)', 'Mast', 'mast lsp has stopped. Run "Mast: Restart Language Server" to start it again.');
    }
  });
  return languageClient;
}

async function startClient() {
  client = createClient();
  try {
    await client.start();
  } catch (error) {
    const command = vscode.workspace.getConfiguration('mast').get('path', 'mast');
    showStatus('$(error)', 'Mast', `Could not start ${command} lsp: ${error.message || error}`);
    outputChannel.appendLine(`Could not start \`${command} lsp\`: ${error.message || error}`);
    const choice = await vscode.window.showErrorMessage(
      `Mast: could not start \`${command} lsp\`. Install mast or set "mast.path".`,
      'Open Settings',
      'Show Output',
    );
    if (choice === 'Open Settings') vscode.commands.executeCommand('workbench.action.openSettings', 'mast.path');
    if (choice === 'Show Output') outputChannel.show(true);
  }
}

async function restartClient() {
  if (client) {
    const old = client;
    client = undefined;
    try {
      await old.stop();
    } catch (error) {
      outputChannel.appendLine(`Stopping the server: ${error.message || error}`);
    }
  }
  await startClient();
}

async function activate(context) {
  outputChannel = vscode.window.createOutputChannel('Mast');
  statusItem = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Right, 50);
  statusItem.name = 'Mast';
  statusItem.command = 'mast.showOutput';
  context.subscriptions.push(
    outputChannel,
    statusItem,
    vscode.commands.registerCommand('mast.restartServer', restartClient),
    vscode.commands.registerCommand('mast.showOutput', () => outputChannel.show(true)),
    vscode.workspace.onDidChangeConfiguration((event) => {
      // trace.server is read by the client as it runs; the rest needs a new server.
      if (event.affectsConfiguration('mast') && !event.affectsConfiguration('mast.trace.server')) restartClient();
    }),
  );
  await startClient();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate, initializationOptions };
