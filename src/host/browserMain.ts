// The extension's entry in a browser's web extension host (package.json `browser`): vscode.dev,
// github.dev, or any VS Code told to run it there. No Node here: the compute runs in a Web Worker
// started from its bundle's source, or cooperatively on this host's own thread where workers are
// refused (webCompute.ts).
import * as vscode from 'vscode';
import { WebCompute } from '../compute/webCompute';
import { activatePlayground, type DropoutPlaygroundApi } from './extension';

export function activate(context: vscode.ExtensionContext): DropoutPlaygroundApi {
  return activatePlayground(context, {
    kind: 'web',
    startCompute: (extensionUri) =>
      new WebCompute(async () => {
        const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, 'dist', 'web', 'worker.js'));
        return new TextDecoder().decode(bytes);
      }),
  });
}

export function deactivate(): void {}
