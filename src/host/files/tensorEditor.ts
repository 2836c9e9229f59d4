// The read-only editor "Dropout Playground" for tensor files (Open With…, the Explorer's "Open in
// Dropout Playground"): its webview becomes the playground panel, bound to the same controller, and
// opens the file. VS Code reopens the editor after a reload, so the file comes back with it.
import * as vscode from 'vscode';
import type { PanelActions } from '../../controller/panelSession';
import type { PlaygroundController } from '../../controller/playground';
import { PlaygroundPanel, reportUnexpected } from '../panel/playgroundPanel';
import type { TensorFiles } from './tensorFiles';

export const TENSOR_EDITOR_VIEW_TYPE = 'dropoutPlayground.tensorFile';

export function registerTensorEditor(
  extensionUri: vscode.Uri,
  state: PlaygroundController,
  files: TensorFiles,
  actions: PanelActions,
): vscode.Disposable {
  const provider: vscode.CustomReadonlyEditorProvider = {
    openCustomDocument: (uri) => ({ uri, dispose: () => undefined }),
    resolveCustomEditor: async (document, webviewPanel) => {
      PlaygroundPanel.revive(webviewPanel, extensionUri, state, actions, document.uri.toString());
      // The first tensor without asking (the panel offers the others); a slice is asked for when needed.
      await files.open({ uri: document.uri }, { pickTensor: false, pickSlice: true }, () => undefined).catch(reportUnexpected);
    },
  };
  return vscode.window.registerCustomEditorProvider(TENSOR_EDITOR_VIEW_TYPE, provider, {
    supportsMultipleEditorsPerDocument: false,
  });
}
