// The extension host's side of the compute worker: typed calls over an
// endpoint, cancellation by restarting the worker, and recovery if it dies.
import { Worker } from 'node:worker_threads';
import type { GridRegion, MaskGrid, Mistake, MonteCarloView, ValueWindow } from '../shared/viewModel';
import type { MistakeId } from '../shared/catalogue';
import type { ComputeApi, ComputeEndpoint, ComputeEvents } from './messages';
import { workerThreadEndpoint } from './nodeWorker';
import { RpcClient } from './rpc';
import { ComputeSession } from './session';
import type { LoadReply, LoadRequest, RunReply, RunSettings } from './types';

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

/**
 * The compute API in a worker, over any transport: `connect` starts a worker
 * and returns the host's end of it (called again after a crash or a cancel).
 */
export class RpcCompute implements Compute {
  private readonly rpc: RpcClient<ComputeApi, ComputeEvents>;
  private nextJob = 1;
  private readonly progress = new Map<number, (view: MonteCarloView) => void>();

  constructor(connect: () => ComputeEndpoint) {
    this.rpc = new RpcClient(connect, { monteCarloProgress: (job, view) => this.progress.get(job)?.(view) });
  }

  async load(request: LoadRequest): Promise<LoadReply> {
    const { text } = request;
    if (text.length > TEXT_SLICE) {
      // Posting 100 MB in one message blocks this thread for ~100 ms: send
      // slices, letting the event loop breathe while each is acknowledged.
      const stops = this.rpc.stops;
      for (let i = 0; i < text.length; i += TEXT_SLICE) {
        await this.rpc.call('appendText', text.slice(i, i + TEXT_SLICE));
        // A new worker would join only the later slices.
        if (this.rpc.stops !== stops) throw new CancelledError();
      }
      request = { ...request, text: '', joinText: true };
    }
    return this.rpc.call('load', request);
  }

  run(settings: RunSettings): Promise<RunReply> {
    return this.rpc.call('run', settings);
  }

  window(offset: number, count: number): Promise<ValueWindow | undefined> {
    return this.rpc.call('window', offset, count);
  }

  maskRegion(region: GridRegion, slice?: number[] | null): Promise<MaskGrid | undefined> {
    return this.rpc.call('maskRegion', region, slice);
  }

  mistake(id: MistakeId, settings: RunSettings): Promise<Mistake | undefined> {
    return this.rpc.call('mistake', id, settings);
  }

  monteCarlo(settings: RunSettings, trials: number, onProgress: (view: MonteCarloView) => void) {
    const job = this.nextJob++;
    this.progress.set(job, onProgress);
    const result = this.rpc.call('monteCarlo', job, settings, trials).finally(() => this.progress.delete(job));
    return { result, stop: () => this.rpc.tell('stopMonteCarlo', job) };
  }

  cancel(): void {
    this.rpc.stop(new CancelledError());
  }

  dispose(): void {
    this.rpc.stop(new CancelledError());
  }
}

/** The compute API in a Node worker thread running the script at `scriptPath`. */
export class WorkerCompute extends RpcCompute {
  constructor(scriptPath: string) {
    super(() => workerThreadEndpoint(new Worker(scriptPath)));
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
