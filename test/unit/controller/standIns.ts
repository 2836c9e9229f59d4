// Stand-ins for the controller's ports: settings and input stores in memory, a host that records
// warnings, and a Compute that does the real work on this thread (InlineCompute) but can be slowed,
// failed and killed, and that counts what it was asked.
import { CancelledError, type Compute } from '../../../src/compute/compute';
import { InlineCompute } from '../../../src/compute/inlineCompute';
import type { LoadReply, LoadRequest, RunReply, RunSettings } from '../../../src/compute/session';
import type { ControllerHost, InputStore, TextInput, SettingsStore } from '../../../src/controller/ports';
import { DEFAULTS, type SettingsChange, type StoredSettings } from '../../../src/controller/settings';
import type { MistakeId } from '../../../src/shared/catalogue';
import type { GridRegion, MonteCarloView } from '../../../src/shared/viewModel';

export class MemorySettings implements SettingsStore {
  values: StoredSettings;
  /** Every write the controller made, in order. */
  readonly writes: SettingsChange[] = [];
  private readonly listeners = new Set<() => void>();

  constructor(initial: Partial<StoredSettings> = {}) {
    this.values = { ...DEFAULTS, ...initial };
  }

  read(): StoredSettings {
    return { ...this.values };
  }

  async write(changes: SettingsChange): Promise<void> {
    this.writes.push(changes);
    this.values = { ...this.values, ...changes };
    this.fire();
  }

  /** The user edits settings.json by hand. */
  editFromOutside(changes: Partial<StoredSettings>): void {
    this.values = { ...this.values, ...changes };
    this.fire();
  }

  onDidChange(listener: () => void) {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  private fire(): void {
    for (const listener of this.listeners) listener();
  }
}

export class MemoryInputs implements InputStore<TextInput> {
  constructor(public saved: TextInput | undefined = undefined) {}
  async load() {
    return this.saved;
  }
  async save(input: TextInput | undefined) {
    this.saved = input;
  }
}

export class RecordingHost implements ControllerHost {
  readonly warnings: string[] = [];
  track<T>(_title: string, work: Promise<T>): Promise<T> {
    return work;
  }
  warn(message: string): void {
    this.warnings.push(message);
  }
  t(message: string, ...args: (string | number)[]): string {
    return message.replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)]));
  }
}

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A Compute on this thread whose runs take `runDelayMs`, and which can die like a worker. */
export class StandInCompute implements Compute {
  runDelayMs = 0;
  loadDelayMs = 0;
  valuesDelayMs = 0;
  loads = 0;
  runs: RunSettings[] = [];
  private inner = new InlineCompute();
  /** Rejects everything in flight, as a dying worker does. */
  private readonly inFlight = new Set<(error: Error) => void>();

  /** The thread dies: work in flight fails, and the loaded input is gone (a new thread starts empty). */
  kill(code = 1): void {
    this.inner = new InlineCompute();
    for (const reject of [...this.inFlight]) reject(new Error(`The compute thread stopped (exit code ${code}).`));
  }

  /** The sizes of the inputs announced before their bytes arrived. */
  expected: number[] = [];
  expect(n: number): void {
    this.expected.push(n);
    this.inner.expect(n);
  }

  load(request: LoadRequest): Promise<LoadReply> {
    this.loads++;
    return this.settle(() => this.inner.load(request), this.loadDelayMs);
  }

  run(settings: RunSettings): Promise<RunReply> {
    this.runs.push(settings);
    // The result is of the input held when the run starts, like a worker's.
    const reply = this.inner.run(settings);
    return this.settle(() => reply, this.runDelayMs);
  }

  window(offset: number, count: number) {
    return this.inner.window(offset, count);
  }

  mistake(id: MistakeId, settings: RunSettings) {
    return this.inner.mistake(id, settings);
  }

  maskRegion(region: GridRegion, slice?: number[] | null) {
    return this.inner.maskRegion(region, slice);
  }

  /** The values held when asked, like a worker's, arriving `valuesDelayMs` later. */
  values(limit: number) {
    const reply = this.inner.values(limit);
    return this.settle(() => reply, this.valuesDelayMs);
  }

  outputsFile(settings: RunSettings) {
    return this.inner.outputsFile(settings);
  }

  /**
   * Reports one view per 5 ms until `trials` or stop(); the final view says which. Like the worker,
   * a stop takes effect after the slice in flight, whose progress still arrives.
   */
  monteCarlo(_settings: RunSettings, trials: number, onProgress: (view: MonteCarloView) => void) {
    let stopped = false;
    const view = (status: MonteCarloView['status'], done: number) => ({ status, done, total: trials }) as MonteCarloView;
    const result = (async () => {
      for (let done = 1; done < trials; done++) {
        await tick(5);
        onProgress(view('running', done));
        if (stopped) return view('cancelled', done);
      }
      return view('done', trials);
    })();
    return { result, stop: () => (stopped = true) };
  }

  cancel(): void {
    this.inner.cancel();
    for (const reject of [...this.inFlight]) reject(new CancelledError());
  }

  dispose(): void {}

  private settle<T>(work: () => Promise<T>, delayMs: number): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const fail = (error: Error) => {
        this.inFlight.delete(fail);
        clearTimeout(timer);
        reject(error);
      };
      this.inFlight.add(fail);
      const timer = setTimeout(() => {
        this.inFlight.delete(fail);
        work().then(resolve, reject);
      }, delayMs);
    });
  }
}

export function input(values: number[], label: string): TextInput {
  return { text: JSON.stringify(values), origin: { line: 1, column: 1 }, label, documentLabel: `${label}.json` };
}
