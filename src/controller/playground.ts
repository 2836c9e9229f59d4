// The playground's state machine: the settings, the last input and what the engine made of it. The
// single source of truth: the panel and the status bar only show it. Settings persist in the user's
// settings; the last input persists so the panel comes back after a reload. The heavy work runs in a
// Compute (a worker thread); rapid changes (a slider drag) are coalesced so only the latest settings
// are computed and shown. No vscode here: the host hands in its ports (./ports.ts).
import { CancelledError, type Compute } from '../compute/compute';
import type { LoadReply, LoadRequest } from '../compute/session';
import type { Tensor } from '../engine/types';
import type { MistakeId } from '../shared/catalogue';
import type {
  ErrorView,
  GridRegion,
  MaskGrid,
  Mistake,
  MonteCarloView,
  LiveView,
  PanelSnapshot,
  PlaygroundSettings,
  ResultView,
  TensorChoice,
  ValueWindow,
} from '../shared/viewModel';
import { Emitter } from './emitter';
import {
  type ControllerHost,
  type Disposable,
  type InputStore,
  isTextInput,
  type PlaygroundInput,
  type SettingsStore,
  type TextInput,
} from './ports';
import type { SettingsChange, StoredSettings } from './settings';

export type { PlaygroundInput, TensorInput, TextInput } from './ports';

/** How long the panel's changes wait before they are written to the settings. */
export const SAVE_DELAY_MS = 500;

/** Larger inputs are not kept across reloads: the workspace storage is not a data store. */
export const MAX_PERSISTED_CHARS = 1_000_000;

/** What the input is, as far as the compute side knows: what the next change has to do about it. */
type Held =
  /** Nothing sent, or being sent: changes wait for the load. */
  | 'no'
  /** The compute side holds the parsed input: changes run on it. */
  | 'yes'
  /** The user cancelled its reading: changes show settings only, until the input is opened again. */
  | 'cancelled'
  /** The compute thread died and took it along: the next change reads it again. */
  | 'lost';

export interface ControllerPorts {
  settings: SettingsStore;
  /** Only text inputs come back after a reload: a debug value's program has moved on. */
  lastInput: InputStore<TextInput>;
  compute: Compute;
  host: ControllerHost;
}

export class PlaygroundController implements Disposable {
  private settings: StoredSettings;
  /** Channel-wise sharing belongs to one input's shape: kept here, not in the settings, and reset by a new input. */
  private broadcastDims: number[] = [];
  /** The H×W slice of an N-D input the mask shows (an index per leading axis), or null for all of it; reset by a new input. */
  private slice: number[] | null = null;
  /** The held input's shape: a re-read of the same shape keeps the sharing and the slice. */
  private shape: number[] | null = null;
  private input: PlaygroundInput | undefined;
  /** Whether the input can change under the panel, and whether the panel follows it (see LiveView). */
  private live: LiveView | null = null;
  private held: Held = 'no';
  private loadGeneration = 0;
  /** What the panel shows apart from the settings. */
  private view:
    | { status: 'empty' }
    | { status: 'loading'; label: string }
    | { status: 'loaded'; result: ResultView }
    | { status: 'error'; error: ErrorView } = { status: 'empty' };
  private snapshot: PanelSnapshot;
  private runQueued = false;
  private running: Promise<void> | undefined;
  /** Runs of the engine so far (coalesced changes run once): for tests and diagnostics. */
  private runs = 0;
  private ownWrites = 0;
  /** Panel changes waiting for their write to the settings (see change()). */
  private unsaved: SettingsChange = {};
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly changed = new Emitter<PanelSnapshot>();
  private readonly busy = new Emitter<string | null>();
  private readonly monteCarloChanged = new Emitter<MonteCarloView | null>();
  private readonly newInput = new Emitter<void>();
  private monteCarloRun: { stop(): void } | undefined;
  /** The Monte Carlo view last published (null when cleared): a panel opened later shows it too. */
  private monteCarloView: MonteCarloView | null = null;
  /** The load of the current input, while it runs. */
  private loadWork: Promise<void> | undefined;
  private readonly disposables: Disposable[] = [this.changed, this.busy, this.monteCarloChanged, this.newInput];
  private readonly store: SettingsStore;
  private readonly lastInputs: InputStore<TextInput>;
  private readonly compute: Compute;
  private readonly host: ControllerHost;

  /** Fires after every change of settings, input or result, with the new snapshot. */
  readonly onDidChange = this.changed.event;
  /** Fires with a message while slow work runs, and null when it ends. */
  readonly onBusy = this.busy.event;
  /** Fires with Monte Carlo progress and results, and null when they no longer match the settings. */
  readonly onMonteCarlo = this.monteCarloChanged.event;
  /** Fires as a new input starts to be read: the values behind the results shown are being replaced. */
  readonly onNewInput = this.newInput.event;

  constructor(ports: ControllerPorts) {
    this.store = ports.settings;
    this.lastInputs = ports.lastInput;
    this.compute = ports.compute;
    this.host = ports.host;
    this.settings = this.store.read();
    this.snapshot = this.buildSnapshot();
    this.disposables.push(
      this.store.onDidChange(() => {
        // Changes waiting to be written win over what the settings still say.
        if (this.ownWrites === 0) void this.apply({ ...this.store.read(), ...this.unsaved });
      }),
    );
  }

  get current(): PanelSnapshot {
    return this.snapshot;
  }

  get playgroundSettings(): PlaygroundSettings {
    return this.snapshot.settings;
  }

  get lastInput(): PlaygroundInput | undefined {
    return this.input;
  }

  /** The latest Monte Carlo progress or results for the current settings, or null. */
  get monteCarlo(): MonteCarloView | null {
    return this.monteCarloView;
  }

  /** How many times the engine ran: coalesced changes count once. */
  get runCount(): number {
    return this.runs;
  }

  /**
   * Reads and runs a new input. Errors become part of the snapshot, never exceptions. A `live` input
   * can change under the panel (see refreshInput); the panel then offers to follow it or pin the values.
   */
  async setInput(input: PlaygroundInput, options: { live?: boolean } = {}): Promise<PanelSnapshot> {
    this.input = input;
    this.live = options.live ? { follow: true, notice: null } : null;
    this.broadcastDims = [];
    this.slice = null;
    this.shape = null;
    const kept = isTextInput(input) && input.text.length <= MAX_PERSISTED_CHARS ? input : undefined;
    this.lastInputs.save(kept).catch((error) => this.warnNotKept(error));
    await this.load();
    return this.snapshot;
  }

  /**
   * An input of n values is about to be set, its bytes still being
   * read: the compute side readies its first draw meanwhile. Beyond the
   * maxValues setting it would be refused, so nothing is readied for it.
   */
  expectInput(n: number): void {
    if (n > 0 && n <= this.settings.maxValues) this.compute.expect(n);
  }

  /**
   * Says the input labelled `label` is being read before it is set: its bytes are still on their way,
   * and a panel opened now loads meanwhile. Returns what puts the previous view back when the read
   * comes to nothing; that does nothing once anything else (the input set, a run) changed the view.
   */
  announceReading(label: string): () => void {
    const previous = this.view;
    const reading = { status: 'loading' as const, label };
    this.show(reading);
    return () => {
      if (this.view === reading) this.show(previous);
    };
  }

  /** Whether the panel follows its live input; false means the values are pinned. */
  get follows(): boolean {
    return this.live?.follow ?? false;
  }

  /**
   * The live input changed at its source (the program stopped again, the selection was edited): reads
   * it again with the same settings, sharing and slice (when the shape is the same). Ignored when the
   * values are pinned. True when it was read.
   */
  async refreshInput(input: PlaygroundInput): Promise<boolean> {
    if (!this.live?.follow) return false;
    this.input = input;
    this.live = { follow: true, notice: null };
    await this.load(true);
    return true;
  }

  /** Follows the live input again (true) or pins the values shown (false). */
  setFollow(follow: boolean): void {
    if (!this.live || this.live.follow === follow) return;
    this.live = { follow, notice: follow ? this.live.notice : null };
    this.publish();
  }

  /** Says why the values shown are older than the source's (null: they are current). */
  setLiveNotice(notice: string | null): void {
    if (!this.live || this.live.notice === notice) return;
    this.live = { ...this.live, notice };
    this.publish();
  }

  /** Brings back the input of the previous window session, if any. */
  async restoreLastInput(): Promise<boolean> {
    const saved = await this.lastInputs.load();
    // A command may have brought a newer input while the saved one was read.
    if (!saved || typeof saved.text !== 'string' || this.input) return false;
    await this.setInput(saved);
    return true;
  }

  /**
   * Makes sure there is a result to work on, for commands that need one: waits
   * for the input being read, or brings back the previous session's. True when
   * a result is shown; false when there is no input or it did not parse.
   */
  async ensureResult(): Promise<boolean> {
    if (!this.input) await this.restoreLastInput();
    // A load ends with its first run; later runs (a p change) are awaited too, so the result is current.
    while (this.loadWork ?? this.running) await (this.loadWork ?? this.running);
    return this.view.status === 'loaded';
  }

  /**
   * Applies the changes, recomputes and publishes, and writes them to the
   * user's settings: at once (`'now'`, commands: the caller may read the
   * settings next), or after a pause (`'soon'`, the panel's controls: a slider
   * drag writes settings.json once, and the write does not compete with the
   * redraw).
   */
  async change(changes: SettingsChange, persist: 'now' | 'soon' = 'now'): Promise<PlaygroundSettings> {
    const work = this.apply({ ...this.settings, ...changes });
    Object.assign(this.unsaved, changes);
    if (persist === 'soon') {
      clearTimeout(this.saveTimer);
      this.saveTimer = setTimeout(() => this.save().catch((error) => this.warnNotSaved(error)), SAVE_DELAY_MS);
    } else {
      await this.save();
    }
    await work;
    return this.snapshot.settings;
  }

  /**
   * Draws `trials` masks from the current seed's stream (trial 0 is the panel's
   * draw) and reports as it goes. Undefined when nothing is loaded.
   */
  async runMonteCarlo(trials: number): Promise<MonteCarloView | undefined> {
    if (this.held !== 'yes') return undefined;
    this.stopMonteCarlo();
    // A stopped run may still send a slice's progress: only the current run reaches the panel.
    const current = () => this.monteCarloRun === run;
    const run = this.compute.monteCarlo(this.runSettings(), trials, (view) => current() && this.showMonteCarlo(view));
    this.monteCarloRun = run;
    try {
      const view = await run.result;
      if (current() && view) this.showMonteCarlo(view);
      return view;
    } finally {
      if (current()) this.monteCarloRun = undefined;
    }
  }

  /** Ends a running Monte Carlo early; its draws so far are reported as cancelled. */
  cancelMonteCarlo(): void {
    this.monteCarloRun?.stop();
  }

  maskRegion(region: GridRegion): Promise<MaskGrid | undefined> {
    return this.held === 'yes' ? this.compute.maskRegion(region, this.slice) : Promise.resolve(undefined);
  }

  mistake(id: MistakeId): Promise<Mistake | undefined> {
    return this.held === 'yes' ? this.compute.mistake(id, this.runSettings()) : Promise.resolve(undefined);
  }

  valueWindow(offset: number, count: number): Promise<ValueWindow | undefined> {
    return this.held === 'yes' ? this.compute.window(offset, count) : Promise.resolve(undefined);
  }

  /**
   * A copy of the values the shown result was drawn from, when there are at most `limit`;
   * undefined otherwise, and when another input started to be read meanwhile.
   */
  async inputValues(limit: number): Promise<Tensor | undefined> {
    if (this.held !== 'yes' || this.view.status !== 'loaded') return undefined;
    const generation = this.loadGeneration;
    const values = await this.compute.values(limit).catch(() => undefined);
    return generation === this.loadGeneration && this.held === 'yes' ? values : undefined;
  }

  /** The .npz file of this seed's train draw (output, mask and input, as NumPy reads them). */
  outputsFile(): Promise<Uint8Array | undefined> {
    return this.held === 'yes' ? this.compute.outputsFile(this.runSettings()) : Promise.resolve(undefined);
  }

  dispose(): void {
    // A pending panel change is still written (the host may be shutting down: best effort).
    this.save().catch(() => undefined);
    for (const d of this.disposables) d.dispose();
  }

  /** Shares one mask value along these axes of the input (channel-wise dropout); [] for element-wise. */
  async setBroadcastDims(dims: number[]): Promise<PlaygroundSettings> {
    this.broadcastDims = dims;
    this.stopMonteCarlo();
    await this.requestRun();
    return this.snapshot.settings;
  }

  /** Shows one H×W slice of the input in the mask, or all of it (null). The draw is reused, not redone. */
  async setSlice(slice: number[] | null): Promise<void> {
    this.slice = slice;
    await this.requestRun();
  }

  /** Writes the changes not yet in the user's settings. */
  private async save(): Promise<void> {
    clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    const changes = this.unsaved;
    this.unsaved = {};
    if (Object.keys(changes).length === 0) return;
    this.ownWrites++;
    try {
      await this.store.write(changes);
    } finally {
      this.ownWrites--;
    }
  }

  private runSettings(): StoredSettings & { broadcastDims: number[]; slice: number[] | null } {
    return { ...this.settings, broadcastDims: this.broadcastDims, slice: this.slice };
  }

  /** Results of other settings or another input would mislead: stop and clear them. */
  private stopMonteCarlo(): void {
    const run = this.monteCarloRun;
    this.monteCarloRun = undefined;
    run?.stop();
    this.showMonteCarlo(null);
  }

  private showMonteCarlo(view: MonteCarloView | null): void {
    // Every p or seed change clears the results: a message only when there is something to clear.
    if (view === null && this.monteCarloView === null) return;
    this.monteCarloView = view;
    this.monteCarloChanged.fire(view);
  }

  private apply(next: StoredSettings): Promise<void> {
    const previous = this.settings;
    this.settings = next;
    const same = (k: keyof StoredSettings) => previous[k] === next[k];
    if (!same('dtype') || !same('maxValues') || (this.held === 'lost' && !this.loadWork)) return this.load();
    if (['p', 'mode', 'seed', 'rng', 'variant'].every((k) => same(k as keyof StoredSettings))) {
      if (!same('framework')) this.publish(); // labels only
      return Promise.resolve();
    }
    // The mode does not change the draws, so Monte Carlo results stay valid across it.
    if (!['p', 'seed', 'rng', 'variant'].every((k) => same(k as keyof StoredSettings))) this.stopMonteCarlo();
    return this.requestRun();
  }

  private track<T>(title: string, work: Promise<T>): Promise<T> {
    return this.host.track(title, work, { onBusy: (m) => this.busy.fire(m), onCancel: () => this.compute.cancel() });
  }

  private load(refresh = false): Promise<void> {
    const work = this.loadInput(refresh);
    this.loadWork = work;
    const done = () => {
      if (this.loadWork === work) this.loadWork = undefined;
    };
    work.then(done, done);
    return work;
  }

  /** Reads the input into the compute side; a `refresh` keeps showing the previous values while it reads. */
  private async loadInput(refresh: boolean): Promise<void> {
    const input = this.input;
    if (!input) return;
    const generation = ++this.loadGeneration;
    this.held = 'no';
    this.newInput.fire();
    this.stopMonteCarlo();
    if (!refresh) {
      // The previous input's numbers must not stand for this one's while it is read.
      this.view = { status: 'loading', label: input.label };
      this.publish();
    }
    try {
      const reply = await this.track(
        this.host.t('Dropout Playground: reading {0}…', input.label),
        this.loadRequest(input).then(
          (request) => this.compute.load(request),
          // The input's bytes could not be read again (the file changed): its own words, not a crash's.
          (error: unknown): LoadReply => ({ ok: false, error: { message: error instanceof Error ? error.message : String(error) } }),
        ),
      );
      if (generation !== this.loadGeneration) return;
      if (!reply.ok) return this.show({ status: 'error', error: reply.error });
      const shape = reply.source.shape;
      if (!this.shape || this.shape.join() !== shape.join() || this.shape.length !== shape.length) {
        this.broadcastDims = [];
        this.slice = null;
      }
      this.shape = shape;
    } catch (error) {
      if (generation !== this.loadGeneration) return;
      this.held = error instanceof CancelledError ? 'cancelled' : 'lost';
      return this.show({ status: 'error', error: this.errorView(error) });
    }
    this.held = 'yes';
    await this.requestRun();
  }

  private async loadRequest(input: PlaygroundInput): Promise<LoadRequest> {
    const common = {
      dtype: this.settings.dtype,
      maxValues: this.settings.maxValues,
      label: input.label,
      documentLabel: input.documentLabel,
      ...(input.provenance ? { provenance: input.provenance } : {}),
    };
    switch (input.kind) {
      case 'tensor':
        return { ...common, kind: 'tensor', shape: input.shape, data: input.data, ...(input.note ? { note: input.note } : {}) };
      case 'file':
        return {
          ...common,
          kind: 'file',
          bytes: await input.readBytes(),
          fileName: input.fileName,
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(input.slice ? { slice: input.slice } : {}),
          ...(input.note ? { note: input.note } : {}),
        };
      default:
        return { ...common, text: input.text, origin: input.origin, ...(input.format ? { format: input.format } : {}) };
    }
  }

  /** Runs the engine until the latest settings are shown; concurrent callers share one loop. */
  private requestRun(): Promise<void> {
    this.runQueued = true;
    if (this.running) return this.running;
    this.running = (async () => {
      try {
        while (this.runQueued) {
          this.runQueued = false;
          if (this.held !== 'yes') {
            this.publish();
            continue;
          }
          const generation = this.loadGeneration;
          let reply;
          try {
            this.runs++;
            reply = await this.track(this.host.t('Dropout Playground: computing…'), this.compute.run(this.runSettings()));
          } catch (error) {
            if (generation !== this.loadGeneration) continue; // a newer input is being read: its load reports
            this.held = error instanceof CancelledError ? 'cancelled' : 'lost';
            this.show({ status: 'error', error: this.errorView(error) });
            continue;
          }
          // Newer settings are waiting, or another input replaced this one: this result is already stale.
          if (this.runQueued || generation !== this.loadGeneration) continue;
          this.show(reply.ok ? { status: 'loaded', result: reply.view } : { status: 'error', error: reply.error });
        }
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }

  private show(view: PlaygroundController['view']): void {
    this.view = view;
    this.publish();
  }

  private publish(): void {
    this.snapshot = this.buildSnapshot();
    this.changed.fire(this.snapshot);
  }

  private buildSnapshot(): PanelSnapshot {
    const s = this.settings;
    const settings: PlaygroundSettings = {
      p: s.p,
      mode: s.mode,
      seed: s.seed,
      rng: s.rng,
      variant: s.variant,
      framework: s.framework,
      broadcastDims: this.broadcastDims,
    };
    const view = this.view;
    const shared = { live: this.live, tensors: this.tensorChoice() };
    switch (view.status) {
      case 'empty':
        return { status: 'empty', settings, result: null, error: null, ...shared };
      case 'loading':
        return { status: 'loading', settings, loading: view.label, result: null, error: null, ...shared };
      case 'loaded':
        return { status: 'loaded', settings, result: view.result, error: null, ...shared };
      case 'error':
        return { status: 'error', settings, result: null, error: view.error, ...shared };
    }
  }

  /** A file of several tensors: which one the panel shows, and the others it can switch to. */
  private tensorChoice(): TensorChoice | null {
    const input = this.input;
    if (input?.kind !== 'file' || !input.entries || input.entries.length < 2) return null;
    return { entries: input.entries, chosen: input.name ?? input.entries[0].name };
  }

  private errorView(error: unknown): ErrorView {
    if (error instanceof CancelledError) return { message: this.host.t('Cancelled: run the command again to load the selection.') };
    const detail = error instanceof Error ? error.message : String(error);
    return { message: this.host.t('The computation stopped unexpectedly ({0}). Change any setting to run it again.', detail) };
  }

  /** The panel shows the input; the user learns it will not come back after a reload. */
  private warnNotKept(error: unknown): void {
    const detail = error instanceof Error ? error.message : String(error);
    this.host.warn(this.host.t('Dropout Playground: the input is shown but could not be kept for the next window: {0}', detail));
  }

  /** The panel already shows the change; the user learns it will not outlive the window. */
  private warnNotSaved(error: unknown): void {
    const detail = error instanceof Error ? error.message : String(error);
    this.host.warn(this.host.t('Dropout Playground: the change is shown but could not be saved in the settings: {0}', detail));
  }
}
