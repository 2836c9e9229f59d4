// The playground's state: the settings, the last input and what the engine
// made of it. The single source of truth: the panel and the status bar only
// show it. Settings persist in the user's settings; the last input persists in
// the workspace so the panel comes back after a reload. The heavy work runs in
// the compute worker; rapid changes (a slider drag) are coalesced so only the
// latest settings are computed and shown.
import * as vscode from 'vscode';
import { CancelledError, type Compute } from '../compute/client';
import type { LoadRequest } from '../compute/session';
import { readSettings, type StoredSettings, writeSettings } from '../host/settingsStore';
import type { ActivationFormat } from '../parse';
import { type LastInputStore, MAX_PERSISTED_CHARS } from '../host/lastInputStore';
import { trackWork } from '../host/progress';
import { type MistakeId, RNG_KINDS, VARIANTS } from '../shared/catalogue';
import type { ErrorView, GridRegion, MaskGrid, Mistake, MonteCarloView, PanelSnapshot, PlaygroundSettings, ResultView, ValueWindow } from '../shared/viewModel';

/** Text selected in a document (or given by a caller), with where it came from. */
export interface PlaygroundInput {
  text: string;
  /** 1-based document position of the text's first character. */
  origin: { line: number; column: number };
  /** The document, when there is one. */
  uri?: string;
  /** e.g. "layer3.json, lines 3–7". */
  label: string;
  /** e.g. "layer3.json". */
  documentLabel: string;
  format?: ActivationFormat;
}

/** How long the panel's changes wait before they are written to the settings. */
const SAVE_DELAY_MS = 500;


export type SettingsChange = Partial<Pick<StoredSettings, 'p' | 'mode' | 'seed' | 'rng' | 'variant' | 'framework'>>;

export class PlaygroundState implements vscode.Disposable {
  private settings: StoredSettings = readSettings();
  /** Channel-wise sharing belongs to one input's shape: kept here, not in the settings, and reset by a new input. */
  private broadcastDims: number[] = [];
  /** The H×W slice of an N-D input the mask shows (an index per leading axis), or null for all of it; reset by a new input. */
  private slice: number[] | null = null;
  private input: PlaygroundInput | undefined;
  /** True while the worker holds the parsed input. */
  private loaded = false;
  private loadGeneration = 0;
  private result: ResultView | null = null;
  /** The label of the input being read, until it is loaded or fails. */
  private loading: string | undefined;
  private error: ErrorView | null = null;
  private snapshot: PanelSnapshot;
  private runQueued = false;
  private running: Promise<void> | undefined;
  private ownWrites = 0;
  /** Panel changes waiting for their write to the settings (see change()). */
  private unsaved: SettingsChange = {};
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly changed = new vscode.EventEmitter<PanelSnapshot>();
  private readonly busy = new vscode.EventEmitter<string | null>();
  private readonly monteCarloChanged = new vscode.EventEmitter<MonteCarloView | null>();
  private monteCarloRun: { stop(): void } | undefined;
  /** The Monte Carlo view last published (null when cleared): a panel opened later shows it too. */
  private monteCarloView: MonteCarloView | null = null;
  /** The load of the current input, while it runs. */
  private loadWork: Promise<void> | undefined;
  private readonly disposables: vscode.Disposable[] = [this.changed, this.busy, this.monteCarloChanged];

  /** Fires after every change of settings, input or result, with the new snapshot. */
  readonly onDidChange = this.changed.event;
  /** Fires with a message while slow work runs, and null when it ends. */
  readonly onBusy = this.busy.event;
  /** Fires with Monte Carlo progress and results, and null when they no longer match the settings. */
  readonly onMonteCarlo = this.monteCarloChanged.event;

  constructor(
    private readonly lastInputs: LastInputStore<PlaygroundInput>,
    private readonly compute: Compute,
  ) {
    this.snapshot = this.buildSnapshot();
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        // Changes waiting to be written win over what the settings still say.
        if (e.affectsConfiguration('dropoutPlayground') && this.ownWrites === 0) void this.apply({ ...readSettings(), ...this.unsaved });
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

  /** Parses and runs a new input. Errors become part of the snapshot, never exceptions. */
  async setInput(input: PlaygroundInput): Promise<PanelSnapshot> {
    this.input = input;
    this.broadcastDims = [];
    this.slice = null;
    this.lastInputs.save(input.text.length <= MAX_PERSISTED_CHARS ? input : undefined).catch(warnNotKept);
    await this.load();
    return this.snapshot;
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
    return this.result !== null;
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
      this.saveTimer = setTimeout(() => this.save().catch(warnNotSaved), SAVE_DELAY_MS);
    } else {
      await this.save();
    }
    await work;
    return this.snapshot.settings;
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
      await writeSettings(changes);
    } finally {
      this.ownWrites--;
    }
  }

  /**
   * Draws `trials` masks from the current seed's stream (trial 0 is the panel's
   * draw) and reports as it goes. Undefined when nothing is loaded.
   */
  async runMonteCarlo(trials: number): Promise<MonteCarloView | undefined> {
    if (!this.loaded) return undefined;
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
    return this.loaded ? this.compute.maskRegion(region, this.slice) : Promise.resolve(undefined);
  }

  mistake(id: MistakeId): Promise<Mistake | undefined> {
    return this.loaded ? this.compute.mistake(id, this.runSettings()) : Promise.resolve(undefined);
  }

  valueWindow(offset: number, count: number): Promise<ValueWindow | undefined> {
    return this.loaded ? this.compute.window(offset, count) : Promise.resolve(undefined);
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
    if (!same('dtype') || !same('maxValues')) return this.load();
    if (['p', 'mode', 'seed', 'rng', 'variant'].every((k) => same(k as keyof StoredSettings))) {
      if (!same('framework')) this.publish(); // labels only
      return Promise.resolve();
    }
    // The mode does not change the draws, so Monte Carlo results stay valid across it.
    if (!['p', 'seed', 'rng', 'variant'].every((k) => same(k as keyof StoredSettings))) this.stopMonteCarlo();
    return this.requestRun();
  }

  private track<T>(title: string, work: Promise<T>): Promise<T> {
    return trackWork(title, work, { onBusy: (m) => this.busy.fire(m), onCancel: () => this.compute.cancel() });
  }

  private load(): Promise<void> {
    const work = this.loadInput();
    this.loadWork = work;
    const done = () => {
      if (this.loadWork === work) this.loadWork = undefined;
    };
    work.then(done, done);
    return work;
  }

  private async loadInput(): Promise<void> {
    const input = this.input;
    if (!input) return;
    const generation = ++this.loadGeneration;
    this.loaded = false;
    this.stopMonteCarlo();
    // The previous input's numbers must not stand for this one's while it is read.
    this.result = null;
    this.error = null;
    this.loading = input.label;
    this.publish();
    const request: LoadRequest = {
      text: input.text,
      dtype: this.settings.dtype,
      origin: input.origin,
      maxValues: this.settings.maxValues,
      label: input.label,
      documentLabel: input.documentLabel,
      ...(input.format ? { format: input.format } : {}),
    };
    try {
      const reply = await this.track(vscode.l10n.t('Dropout Playground: reading {0}…', input.label), this.compute.load(request));
      if (generation !== this.loadGeneration) return;
      this.loading = undefined;
      if (!reply.ok) return this.fail(reply.error);
    } catch (error) {
      if (generation === this.loadGeneration) {
        this.loading = undefined;
        this.fail(errorView(error));
      }
      return;
    }
    this.loaded = true;
    await this.requestRun();
  }

  /** Runs the engine until the latest settings are shown; concurrent callers share one loop. */
  private requestRun(): Promise<void> {
    this.runQueued = true;
    if (this.running) return this.running;
    this.running = (async () => {
      try {
        while (this.runQueued) {
          this.runQueued = false;
          if (!this.loaded) {
            this.publish();
            continue;
          }
          const s = this.runSettings();
          let reply;
          try {
            reply = await this.track(vscode.l10n.t('Dropout Playground: computing…'), this.compute.run(s));
          } catch (error) {
            if (error instanceof CancelledError) this.loaded = false;
            this.fail(errorView(error));
            continue;
          }
          if (this.runQueued) continue; // newer settings are waiting: this result is already stale
          this.result = reply.ok ? reply.view : null;
          this.error = reply.ok ? null : reply.error;
          this.publish();
        }
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }

  private fail(error: ErrorView): void {
    this.result = null;
    this.error = error;
    this.publish();
  }

  private publish(): void {
    this.snapshot = this.buildSnapshot();
    this.changed.fire(this.snapshot);
  }

  private buildSnapshot(): PanelSnapshot {
    const s = this.settings;
    return {
      settings: {
        p: s.p,
        mode: s.mode,
        seed: s.seed,
        rng: s.rng,
        variant: s.variant,
        framework: s.framework,
        broadcastDims: this.broadcastDims,
        // Every convention has a JavaScript route where WebAssembly is missing: all of them draw here.
        // (Probing them would put the engine and its WebAssembly into the host's bundle.)
        availableRngs: [...RNG_KINDS],
        availableVariants: [...VARIANTS],
      },
      result: this.result,
      error: this.error,
      ...(this.loading !== undefined ? { loading: this.loading } : {}),
    };
  }
}

/** The panel shows the input; the user learns it will not come back after a reload. */
function warnNotKept(error: unknown): void {
  const detail = error instanceof Error ? error.message : String(error);
  void vscode.window.showWarningMessage(vscode.l10n.t('Dropout Playground: the input is shown but could not be kept for the next window: {0}', detail));
}

/** The panel already shows the change; the user learns it will not outlive the window. */
function warnNotSaved(error: unknown): void {
  const detail = error instanceof Error ? error.message : String(error);
  void vscode.window.showWarningMessage(vscode.l10n.t('Dropout Playground: the change is shown but could not be saved in the settings: {0}', detail));
}

function errorView(error: unknown): ErrorView {
  if (error instanceof CancelledError) return { message: vscode.l10n.t('Cancelled: run the command again to load the selection.') };
  return { message: error instanceof Error ? error.message : String(error) };
}
