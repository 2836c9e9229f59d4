// The extension host's side of the compute worker: typed calls over an
// endpoint, cancellation by restarting the worker, and recovery if it dies.
// No Node or DOM here: each host's transport (nodeWorker.ts, webWorker.ts,
// inProcess.ts) plugs in as the endpoint.
import type { MistakeId } from '../shared/catalogue';
import type { Tensor } from '../engine/types';
import { detectFormat } from '../parse/detectFormat';
import { isStreamed } from '../parse/textStream';
import type { GridRegion, MaskGrid, Mistake, MonteCarloView, ValueWindow } from '../shared/viewModel';
import { CancelledError, type Compute } from './compute';
import type { ComputeApi, ComputeEndpoint, ComputeEvents } from './messages';
import { RpcClient } from './rpc';
import type { LoadReply, LoadRequest, RunReply, RunSettings, TextStreamStart } from './types';

export { CancelledError, type Compute } from './compute';

/** Characters per slice when a large text goes to the worker. */
const TEXT_SLICE = 1 << 20;
/** Slices sent ahead of the worker's answers. */
const SLICES_IN_FLIGHT = 4;

/**
 * The compute API in a worker, over any transport: `connect` starts a worker
 * and returns the host's end of it (called again after a crash or a cancel).
 */
export class RpcCompute implements Compute {
  private readonly rpc: RpcClient<ComputeApi, ComputeEvents>;
  private nextJob = 1;
  private readonly progress = new Map<number, (view: MonteCarloView) => void>();

  constructor(connect: () => ComputeEndpoint) {
    this.rpc = new RpcClient(
      connect,
      { monteCarloProgress: (job, view) => this.progress.get(job)?.(view) },
      // A file's bytes are handed over, not cloned: a clone of 40 MB costs the worker ~0.3 s of fresh pages.
      { load: (request) => (request.kind === 'file' ? wholeBuffer(request.bytes) : []) },
    );
  }

  expect(n: number): void {
    this.rpc.tell('expect', n);
  }

  async load(request: LoadRequest): Promise<LoadReply> {
    if (request.kind !== 'tensor' && request.kind !== 'file' && request.text.length > TEXT_SLICE) {
      const { text } = request;
      const format = request.format ?? detectFormat(text);
      const stream = isStreamed(format) ? { length: text.length, format, dtype: request.dtype, maxValues: request.maxValues } : undefined;
      // Read as it arrives when the worker can, else (or when that gives up) sent again, to be joined.
      if (!(await this.sendText(text, stream)) && stream) await this.sendText(text, undefined);
      request = { ...request, text: '', format, joinText: true };
    }
    return this.rpc.call('load', request);
  }

  /**
   * Posting 100 MB in one message blocks this thread for ~100 ms: the text goes
   * in slices, letting the event loop breathe while they are acknowledged. A
   * few are in flight at a time: waiting for each answer before the next slice
   * cost more than the copying, and more would only queue up memory. False
   * when the worker gave up reading the text as it arrived.
   */
  private async sendText(text: string, stream: TextStreamStart | undefined): Promise<boolean> {
    const stops = this.rpc.stops;
    const started = this.rpc.call('startText', stream);
    started.catch(() => undefined); // a failure is thrown where the slices' answers are awaited
    let reading = true;
    const inFlight: Promise<boolean>[] = [started.then(() => true)];
    for (let i = 0; i < text.length && reading; i += TEXT_SLICE) {
      // A new worker would join only the later slices.
      if (this.rpc.stops !== stops) throw new CancelledError();
      const appended = this.rpc.call('appendText', text.slice(i, i + TEXT_SLICE));
      appended.catch(() => undefined); // a failure is thrown where it is awaited, below
      inFlight.push(appended);
      if (inFlight.length >= SLICES_IN_FLIGHT) reading = (await inFlight.shift()) !== false;
    }
    reading = (await Promise.all(inFlight)).every(Boolean) && reading;
    if (this.rpc.stops !== stops) throw new CancelledError();
    return reading && (await this.rpc.call('endText'));
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

  values(limit: number): Promise<Tensor | undefined> {
    return this.rpc.call('values', limit);
  }

  outputsFile(settings: RunSettings): Promise<Uint8Array | undefined> {
    return this.rpc.call('outputsFile', settings);
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

/** The array's buffer when the array is all of it, so handing it over takes nothing else with it. */
function wholeBuffer(bytes: Uint8Array): ArrayBuffer[] {
  const { buffer } = bytes;
  return buffer instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === buffer.byteLength ? [buffer] : [];
}
