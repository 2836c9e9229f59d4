// The conversation with one loaded panel: the `ready` → `init` handshake, every message the panel
// sends (already validated by the caller), and the updates it gets after that. No vscode here, so the
// VS Code panel (src/host/panel) and the panel preview outside VS Code run the same code.
import type { Framework, MistakeId } from '../shared/catalogue';
import type { ImageFormat, ImageSubject } from '../shared/imageExport';
import { assertNever, type HostToWebview, LOCAL_DRAW_LIMIT, type Section, type TableFormat, type WebviewToHost } from '../shared/protocol';
import type { Mistake } from '../shared/viewModel';
import { PanelImages } from './panelImages';
import type { PlaygroundController } from './playground';
import type { Disposable } from './ports';

/** What the panel asks of the rest of the extension (commands with their own feedback), beyond the controller. */
export interface PanelActions {
  revealError(): Promise<void>;
  resample(): Promise<unknown>;
  setFramework(framework: Framework): Promise<unknown>;
  copyAsCode(): Promise<unknown>;
  copyTable(format: TableFormat): Promise<unknown>;
  saveOutputs(): Promise<unknown>;
  copyReport(): Promise<unknown>;
  /** Shows another tensor of the file the panel shows. */
  chooseTensor(name: string): Promise<unknown>;
  /** Saves the mask or the charts as an image (asks where). */
  saveImage(subject: ImageSubject, format: ImageFormat): Promise<unknown>;
}

export class PanelSession implements Disposable {
  /** True while a webview is loaded and listening (it is unloaded while hidden, and says `ready` again). */
  private ready = false;
  /** The mistake the panel shows, worked again for a webview that (re)loads. */
  private mistakeId: MistakeId | null = null;
  /** A section a command asked to bring into view before the webview was ready. */
  private pendingReveal: Section | undefined;
  private readonly disposables: Disposable[];
  /** The panel's colours and the PNGs it draws, for saving images. */
  readonly images: PanelImages;

  constructor(
    private readonly controller: PlaygroundController,
    private readonly actions: PanelActions,
    private readonly post: (message: HostToWebview) => void,
  ) {
    this.images = new PanelImages((message) => this.send(message));
    this.disposables = [
      this.images,
      controller.onDidChange((snapshot) => this.send({ type: 'update', ...snapshot })),
      controller.onBusy((message) => this.send({ type: 'busy', message })),
      controller.onMonteCarlo((view) => this.send({ type: 'monteCarlo', view })),
      // The panel's copy of the values goes before anything of the new input, so it never draws with old ones.
      controller.onNewInput(() => this.send({ type: 'localInput', tensor: null })),
    ];
  }

  /** The webview was unloaded (hidden): messages wait for its next `ready`. */
  unload(): void {
    this.ready = false;
    this.images.setReady(false);
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
    for (const d of this.disposables.splice(0)) d.dispose();
  }

  async handle(message: WebviewToHost): Promise<void> {
    const controller = this.controller;
    switch (message.type) {
      case 'ready':
        this.ready = true;
        this.send({ type: 'init', ...controller.current });
        this.images.setReady(true);
        await this.restoreResults();
        return;
      case 'setP':
        await controller.change({ p: message.p }, 'soon');
        return;
      case 'setMode':
        await controller.change({ mode: message.mode }, 'soon');
        return;
      case 'setSeed':
        await controller.change({ seed: message.seed }, 'soon');
        return;
      case 'setRng':
        await controller.change({ rng: message.rng }, 'soon');
        return;
      case 'setVariant':
        await controller.change({ variant: message.variant }, 'soon');
        return;
      case 'setBroadcastDims':
        await controller.setBroadcastDims(message.dims);
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
      case 'copyTable':
        await this.actions.copyTable(message.format);
        return;
      case 'saveOutputs':
        await this.actions.saveOutputs();
        return;
      case 'copyReport':
        await this.actions.copyReport();
        return;
      case 'revealError':
        await this.actions.revealError();
        return;
      case 'saveImage':
        await this.actions.saveImage(message.subject, message.format);
        return;
      case 'palette':
      case 'rasterized':
      case 'rasterizeFailed':
        this.images.receive(message);
        return;
      case 'requestInput': {
        // None (a larger input, or another being read): the panel asks again after its next result.
        this.send({ type: 'localInput', tensor: (await controller.inputValues(LOCAL_DRAW_LIMIT)) ?? null });
        return;
      }
      case 'requestWindow': {
        const values = await controller.valueWindow(message.offset, message.count);
        if (values) this.send({ type: 'window', values });
        return;
      }
      case 'requestMaskRegion': {
        const mask = await controller.maskRegion(message.region);
        if (mask) this.send({ type: 'maskRegion', mask });
        return;
      }
      case 'setSlice':
        await controller.setSlice(message.slice);
        return;
      case 'setFollow':
        controller.setFollow(message.follow);
        return;
      case 'chooseTensor':
        await this.actions.chooseTensor(message.name);
        return;
      case 'runMonteCarlo':
        await controller.runMonteCarlo(message.trials);
        return;
      case 'cancelMonteCarlo':
        controller.cancelMonteCarlo();
        return;
      case 'showMistake':
        this.mistakeId = message.id;
        this.send({ type: 'mistake', mistake: message.id ? ((await controller.mistake(message.id)) ?? null) : null });
        return;
      default:
        assertNever(message);
    }
  }

  /**
   * After `init`, what a (re)loaded webview would otherwise lose: Monte Carlo
   * results (including a run a command started while the panel was opening),
   * the mistake shown, and a section a command asked to bring into view.
   */
  private async restoreResults(): Promise<void> {
    const monteCarlo = this.controller.monteCarlo;
    if (monteCarlo) this.send({ type: 'monteCarlo', view: monteCarlo });
    if (this.mistakeId) {
      const mistake = await this.controller.mistake(this.mistakeId);
      if (mistake) this.send({ type: 'mistake', mistake });
    }
    const section = this.pendingReveal;
    this.pendingReveal = undefined;
    if (section) this.send({ type: 'reveal', section });
  }

  private send(message: HostToWebview): void {
    // Before `ready` the webview cannot listen; it asks for the snapshot itself.
    if (this.ready) this.post(message);
  }
}
