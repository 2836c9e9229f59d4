// The extension host's side of the compute worker: promises for requests,
// cancellation by restarting the thread, and recovery if the thread dies.
import { Worker } from 'node:worker_threads';
import type { GridRegion, MaskGrid, Mistake, MonteCarloView, ValueWindow } from '../shared/viewModel';
import type { MistakeId } from '../shared/catalogue';
import type { ComputeReply, ComputeRequest } from './messages';
import { ComputeSession, type LoadReply, type LoadRequest, type RunReply, type RunSettings } from './session';

export interface Compute {
  load(request: LoadRequest): Promise<LoadReply>;
  run(settings: RunSettings): Promise<RunReply>;
  window(offset: number, count: number): Promise<ValueWindow | undefined>;
  mistake(id: MistakeId, settings: RunSettings): Promise<Mistake | undefined>;
  /** The mask over a region of the layout: of one H×W slice when `slice` names one. */
  maskRegion(region: GridRegion, slice?: number[] | null): Promise<MaskGrid | undefined>;
  /** Runs Monte Carlo in slices, reporting progress; `stop()` ends it early with the draws so far. */
  monteCarlo(settings: RunSettings, trials: number, onProgress: (view: MonteCarloView) => void): { result: Promise<MonteCarloView | undefined>; stop(): void };
  /** Abandons the work in flight (its promises reject with CancelledError) and forgets the loaded input. */
  cancel(): void;
  dispose(): void;
}

export class CancelledError extends Error {
  constructor() {
    super('Cancelled.');
    this.name = 'CancelledError';
  }
}

/** Characters per slice when a large text goes to the worker. */
const TEXT_SLICE = 1 << 20;

type Pending = { resolve: (reply: ComputeReply) => void; reject: (error: Error) => void; progress?: (view: MonteCarloView) => void };
type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

export class WorkerCompute implements Compute {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(private readonly scriptPath: string) {}

  async load(request: LoadRequest): Promise<LoadReply> {
    const { text } = request;
    if (text.length > TEXT_SLICE) {
      // Posting 100 MB in one message blocks this thread for ~100 ms: send
      // slices, letting the event loop breathe between them.
      const worker = this.ensureWorker();
      for (let i = 0; i < text.length; i += TEXT_SLICE) {
        worker.postMessage({ id: 0, kind: 'appendText', text: text.slice(i, i + TEXT_SLICE) } satisfies ComputeRequest);
        await new Promise((resolve) => setImmediate(resolve));
        if (this.worker !== worker) throw new CancelledError();
      }
      request = { ...request, text: '', joinText: true };
    }
    const reply = await this.send({ kind: 'load', request });
    return (reply as Extract<ComputeReply, { kind: 'load' }>).reply;
  }

  async run(settings: RunSettings): Promise<RunReply> {
    const reply = await this.send({ kind: 'run', settings });
    return (reply as Extract<ComputeReply, { kind: 'run' }>).reply;
  }

  async window(offset: number, count: number): Promise<ValueWindow | undefined> {
    const reply = await this.send({ kind: 'window', offset, count });
    return (reply as Extract<ComputeReply, { kind: 'window' }>).reply;
  }

  async maskRegion(region: GridRegion, slice?: number[] | null): Promise<MaskGrid | undefined> {
    const reply = await this.send({ kind: 'maskRegion', region, slice });
    return (reply as Extract<ComputeReply, { kind: 'maskRegion' }>).reply;
  }

  async mistake(id: MistakeId, settings: RunSettings): Promise<Mistake | undefined> {
    const reply = await this.send({ kind: 'mistake', mistake: id, settings });
    return (reply as Extract<ComputeReply, { kind: 'mistake' }>).reply;
  }

  monteCarlo(settings: RunSettings, trials: number, onProgress: (view: MonteCarloView) => void) {
    const id = this.nextId;
    const result = this.send({ kind: 'monteCarlo', settings, trials }, onProgress).then(
      (reply) => (reply as Extract<ComputeReply, { kind: 'monteCarlo' }>).reply,
    );
    return { result, stop: () => this.worker?.postMessage({ id, kind: 'cancelMonteCarlo' } satisfies ComputeRequest) };
  }

  cancel(): void {
    this.stop(new CancelledError());
  }

  dispose(): void {
    this.stop(new CancelledError());
  }

  private send(request: WithoutId<ComputeRequest>, progress?: (view: MonteCarloView) => void): Promise<ComputeReply> {
    const id = this.nextId++;
    return new Promise<ComputeReply>((resolve, reject) => {
      this.pending.set(id, { resolve, reject, progress });
      this.ensureWorker().postMessage({ ...request, id } as ComputeRequest);
    });
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.scriptPath);
    worker.on('message', (reply: ComputeReply) => {
      const pending = this.pending.get(reply.id);
      if (!pending) return;
      if (reply.kind === 'monteCarloProgress') return pending.progress?.(reply.reply);
      this.pending.delete(reply.id);
      if (reply.kind === 'crash') pending.reject(new Error(reply.message));
      else pending.resolve(reply);
    });
    worker.on('error', (error) => this.stop(error));
    worker.on('exit', (code) => {
      if (this.worker === worker) this.stop(new Error(`The compute thread stopped (exit code ${code}).`));
    });
    this.worker = worker;
    return worker;
  }

  private stop(reason: Error): void {
    const worker = this.worker;
    this.worker = undefined;
    if (worker) void worker.terminate();
    const pending = [...this.pending.values()];
    this.pending.clear();
    for (const p of pending) p.reject(reason);
  }
}

/** The same work on the calling thread: for environments without worker threads. */
export class InlineCompute implements Compute {
  private session = new ComputeSession();
  load(request: LoadRequest): Promise<LoadReply> {
    return Promise.resolve(this.session.load(request));
  }
  run(settings: RunSettings): Promise<RunReply> {
    return Promise.resolve(this.session.run(settings));
  }
  window(offset: number, count: number): Promise<ValueWindow | undefined> {
    return Promise.resolve(this.session.window(offset, count));
  }
  mistake(id: MistakeId, settings: RunSettings): Promise<Mistake | undefined> {
    return Promise.resolve(this.session.mistake(id, settings));
  }
  maskRegion(region: GridRegion, slice?: number[] | null): Promise<MaskGrid | undefined> {
    return Promise.resolve(this.session.maskRegion(region, slice));
  }
  /** Inline, Monte Carlo runs to the end in one go: there is no other thread to keep free. */
  monteCarlo(settings: RunSettings, trials: number) {
    const job = this.session.monteCarlo(settings, trials);
    if (job) while (!job.advance(Infinity, () => 0));
    return { result: Promise.resolve(job?.view('done')), stop: () => undefined };
  }
  cancel(): void {
    this.session = new ComputeSession();
  }
  dispose(): void {}
}
