// @ts-check
// Test-only: starts debugpy's own adapter (`python3 -m debugpy.adapter`, speaking DAP over stdio) for the
// `python` debug type, as the Python extension does outside tests.
const vscode = require('vscode');

/** @param {vscode.ExtensionContext} context */
exports.activate = (context) => {
  context.subscriptions.push(
    vscode.debug.registerDebugAdapterDescriptorFactory('python', {
      createDebugAdapterDescriptor: () => new vscode.DebugAdapterExecutable('/usr/bin/python3', ['-m', 'debugpy.adapter']),
    }),
  );
};
