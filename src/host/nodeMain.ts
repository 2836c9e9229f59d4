// The extension's entry in VS Code's Node extension host (package.json `main`): the desktop app, a
// remote window, code-server. The compute runs in a worker thread.
import * as vscode from 'vscode';
import { WorkerCompute } from '../compute/nodeWorker';
import { activatePlayground, type DropoutPlaygroundApi } from './extension';
import { localByteSource } from './files/localFiles';

export function activate(context: vscode.ExtensionContext): DropoutPlaygroundApi {
  return activatePlayground(context, {
    kind: 'node',
    startCompute: (extensionUri) => new WorkerCompute(vscode.Uri.joinPath(extensionUri, 'dist', 'worker.js').fsPath),
    localFiles: localByteSource,
  });
}

export function deactivate(): void {}
