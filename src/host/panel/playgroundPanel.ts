// The one playground panel: created or revealed by the command, revived by the
// serializer after a reload. Its HTML is set once; after the webview's `ready`
// it gets a full `init` snapshot, then an `update` on every change. Every
// message from the webview is validated before anything acts on it.
import * as vscode from 'vscode';
import { assertNever, type HostToWebview, parseWebviewMessage, type Section, type WebviewToHost } from '../../shared/protocol';
import type { PlaygroundController } from '../../controller/playground';
import type { Mistake } from '../../shared/viewModel';
import type { Framework, MistakeId } from '../../shared/catalogue';
import { makeNonce, renderPanelHtml } from './html';

export const PANEL_VIEW_TYPE = 'dropoutPlayground.panel';

/** What the panel needs from the rest of the extension, beyond the state. */
export interface PanelActions {
  revealError(): Promise<void>;
  resample(): Promise<unknown>;
  setFramework(framework: Framework): Promise<unknown>;
  copyAsCode(): Promise<unknown>;
}

export class PlaygroundPanel implements vscode.Disposable {
  private static current: PlaygroundPanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  /** True while a webview is loaded and listening (it is unloaded while hidden, and says `ready` again). */
  private ready = false;
  /** The mistake the panel shows, worked again for a webview that (re)loads. */
  private mistakeId: MistakeId | null = null;
  /** A section a command asked to bring into view before the webview was ready. */
  private pendingReveal: Section | undefined;

  static get instance(): PlaygroundPanel | undefined {
    return PlaygroundPanel.current;
  }

  /** Shows the panel beside the editor, creating it if there is none; never over the active text editor. */
  static createOrShow(extensionUri: vscode.Uri, state: PlaygroundController, actions: PanelActions): PlaygroundPanel {
    const existing = PlaygroundPanel.current;
    if (existing) {
      // A file opened while the panel had focus lands in the panel's group: move the panel beside it, not over it.
      const sharesEditorGroup = existing.panel.viewColumn !== undefined && existing.panel.viewColumn === vscode.window.activeTextEditor?.viewColumn;
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

  /** Takes over a panel that VS Code restored after a reload. */
  static revive(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, state: PlaygroundController, actions: PanelActions): PlaygroundPanel {
    PlaygroundPanel.current?.dispose();
    panel.webview.options = PlaygroundPanel.webviewOptions(extensionUri);
    return new PlaygroundPanel(panel, extensionUri, state, actions);
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
    private readonly state: PlaygroundController,
    private readonly actions: PanelActions,
  ) {
    PlaygroundPanel.current = this;
    const webview = panel.webview;
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'icon.png');
    webview.html = renderPanelHtml({
      cspSource: webview.cspSource,
      nonce: makeNonce(),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'panel.css')).toString(),
    });
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      // Without retainContextWhenHidden a hidden webview is unloaded: messages wait for its next `ready`.
      panel.onDidChangeViewState(() => {
        if (!panel.visible) this.ready = false;
      }),
      webview.onDidReceiveMessage((raw: unknown) => {
        const message = parseWebviewMessage(raw, { shape: this.state.current.result?.source.shape });
        if (message) void this.handle(message).catch((error: unknown) => reportUnexpected(error));
      }),
      state.onDidChange((snapshot) => this.send({ type: 'update', ...snapshot })),
      state.onBusy((message) => this.send({ type: 'busy', message })),
      state.onMonteCarlo((view) => this.send({ type: 'monteCarlo', view })),
    );
  }

  get visible(): boolean {
    return this.panel.visible;
  }

  /** Shows a classic mistake worked on the current input (from the command). */
  showMistake(mistake: Mistake | null): void {
    this.mistakeId = mistake?.id ?? null;
    this.send({ type: 'mistake', mistake });
  }

  /** Scrolls a section into view: now, or as soon as the webview is ready. */
  reveal(section: Section): void {
    if (this.ready) this.send({ type: 'reveal', section });
    else this.pendingReveal = section;
  }

  dispose(): void {
    if (PlaygroundPanel.current === this) PlaygroundPanel.current = undefined;
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }

  /**
   * After `init`, what a (re)loaded webview would otherwise lose: Monte Carlo
   * results (including a run a command started while the panel was opening),
   * the mistake shown, and a section a command asked to bring into view.
   */
  private async restoreResults(): Promise<void> {
    const monteCarlo = this.state.monteCarlo;
    if (monteCarlo) this.send({ type: 'monteCarlo', view: monteCarlo });
    if (this.mistakeId) {
      const mistake = await this.state.mistake(this.mistakeId);
      if (mistake) this.send({ type: 'mistake', mistake });
    }
    const section = this.pendingReveal;
    this.pendingReveal = undefined;
    if (section) this.send({ type: 'reveal', section });
  }

  private send(message: HostToWebview): void {
    // Before `ready` the webview cannot listen; it asks for the snapshot itself.
    if (this.ready) void this.panel.webview.postMessage(message);
  }

  private async handle(message: WebviewToHost): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        this.send({ type: 'init', ...this.state.current });
        await this.restoreResults();
        return;
      case 'setP':
        await this.state.change({ p: message.p }, 'soon');
        return;
      case 'setMode':
        await this.state.change({ mode: message.mode }, 'soon');
        return;
      case 'setSeed':
        await this.state.change({ seed: message.seed }, 'soon');
        return;
      case 'setRng':
        await this.state.change({ rng: message.rng }, 'soon');
        return;
      case 'setVariant':
        await this.state.change({ variant: message.variant }, 'soon');
        return;
      case 'setBroadcastDims':
        await this.state.setBroadcastDims(message.dims);
        return;
      case 'setFramework':
        await this.actions.setFramework(message.framework);
        return;
      case 'resample':
        await this.actions.resample();
        return;
      case 'copyAsCode':
        await this.actions.copyAsCode();
        return;
      case 'revealError':
        await this.actions.revealError();
        return;
      case 'requestWindow': {
        const values = await this.state.valueWindow(message.offset, message.count);
        if (values) this.send({ type: 'window', values });
        return;
      }
      case 'requestMaskRegion': {
        const mask = await this.state.maskRegion(message.region);
        if (mask) this.send({ type: 'maskRegion', mask });
        return;
      }
      case 'setSlice':
        await this.state.setSlice(message.slice);
        return;
      case 'runMonteCarlo':
        await this.state.runMonteCarlo(message.trials);
        return;
      case 'cancelMonteCarlo':
        this.state.cancelMonteCarlo();
        return;
      case 'showMistake':
        this.mistakeId = message.id;
        this.send({ type: 'mistake', mistake: message.id ? ((await this.state.mistake(message.id)) ?? null) : null });
        return;
      default:
        assertNever(message);
    }
  }
}

/** Keeps a bug from surfacing as an unhandled rejection; the user gets a short message. */
export function reportUnexpected(error: unknown): void {
  const detail = error instanceof Error ? error.message : String(error);
  console.error('Dropout Playground:', error);
  void vscode.window.showErrorMessage(vscode.l10n.t('Dropout Playground: {0}', detail));
}

