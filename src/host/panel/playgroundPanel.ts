// The one playground panel: created or revealed by the command, revived by the
// serializer after a reload. Its HTML is set once; the conversation after the
// webview's `ready` is the controller layer's PanelSession. Every message from
// the webview is validated here before anything acts on it.
import * as vscode from 'vscode';
import type { PanelImages } from '../../controller/panelImages';
import { PanelSession, type PanelActions } from '../../controller/panelSession';
import type { PlaygroundController } from '../../controller/playground';
import { parseWebviewMessage, type Section } from '../../shared/protocol';
import type { Mistake } from '../../shared/viewModel';
import { makeNonce, renderPanelHtml } from './html';

export const PANEL_VIEW_TYPE = 'dropoutPlayground.panel';

export class PlaygroundPanel implements vscode.Disposable {
  private static current: PlaygroundPanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  /** The conversation with the webview. */
  private readonly session: PanelSession;

  static get instance(): PlaygroundPanel | undefined {
    return PlaygroundPanel.current;
  }

  /** Shows the panel beside the editor, creating it if there is none; never over the active text editor. */
  static createOrShow(extensionUri: vscode.Uri, state: PlaygroundController, actions: PanelActions): PlaygroundPanel {
    const existing = PlaygroundPanel.current;
    if (existing) {
      // A file opened while the panel had focus lands in the panel's group: move the panel beside it, not over it.
      const sharesEditorGroup =
        existing.panel.viewColumn !== undefined && existing.panel.viewColumn === vscode.window.activeTextEditor?.viewColumn;
      existing.panel.reveal(sharesEditorGroup ? vscode.ViewColumn.Beside : undefined, true);
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(
      PANEL_VIEW_TYPE,
      vscode.l10n.t('Dropout Playground'),
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      PlaygroundPanel.webviewOptions(extensionUri),
    );
    return new PlaygroundPanel(panel, extensionUri, state, actions);
  }

  /**
   * Takes over a panel that VS Code restored after a reload, or a tensor file's editor (`document`,
   * the file's URI): the playground is one panel, wherever it is shown.
   */
  static revive(
    panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    state: PlaygroundController,
    actions: PanelActions,
    document?: string,
  ): PlaygroundPanel {
    PlaygroundPanel.current?.dispose();
    panel.webview.options = PlaygroundPanel.webviewOptions(extensionUri);
    return new PlaygroundPanel(panel, extensionUri, state, actions, document);
  }

  private static webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
    return {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')],
    };
  }

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    state: PlaygroundController,
    actions: PanelActions,
    /** The tensor file whose editor this panel is, if it is one. */
    document?: string,
  ) {
    PlaygroundPanel.current = this;
    this.session = new PanelSession(state, actions, (message) => void panel.webview.postMessage(message));
    const webview = panel.webview;
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'icon.png');
    webview.html = renderPanelHtml({
      cspSource: webview.cspSource,
      nonce: makeNonce(),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview.js')).toString(),
      drawEngineUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'drawEngine.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'panel.css')).toString(),
    });
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      // Without retainContextWhenHidden a hidden webview is unloaded: messages wait for its next `ready`.
      panel.onDidChangeViewState(() => {
        if (!panel.visible) this.session.unload();
      }),
      webview.onDidReceiveMessage((raw: unknown) => {
        const { result, tensors } = state.current;
        const message = parseWebviewMessage(raw, { shape: result?.source.shape, tensorNames: tensors?.entries.map((e) => e.name) });
        if (message) void this.session.handle(message).catch((error: unknown) => reportUnexpected(error));
      }),
      this.session,
    );
    if (document !== undefined) {
      // A file's editor shows that file: when another input (a selection, another file) replaces it, the
      // playground moves to a panel of its own, and the file's tab closes.
      let showsFile = false;
      this.disposables.push(
        state.onDidChange(() => {
          const input = state.lastInput;
          if (input?.kind === 'file' && input.uri === document) showsFile = true;
          else if (showsFile && input) {
            this.dispose();
            PlaygroundPanel.createOrShow(extensionUri, state, actions);
          }
        }),
      );
    }
  }

  /** Shows a classic mistake worked on the current input (from the command). */
  showMistake(mistake: Mistake | null): void {
    this.session.showMistake(mistake);
  }

  /** The panel's colours and the PNGs it draws, for saving images. */
  get images(): PanelImages {
    return this.session.images;
  }

  /** Scrolls a section into view: now, or as soon as the webview is ready. */
  reveal(section: Section): void {
    this.session.reveal(section);
  }

  dispose(): void {
    if (PlaygroundPanel.current === this) PlaygroundPanel.current = undefined;
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }
}

/** Keeps a bug from surfacing as an unhandled rejection; the user gets a short message. */
export function reportUnexpected(error: unknown): void {
  const detail = error instanceof Error ? error.message : String(error);
  console.error('Dropout Playground:', error);
  void vscode.window.showErrorMessage(vscode.l10n.t('Dropout Playground: {0}', detail));
}
