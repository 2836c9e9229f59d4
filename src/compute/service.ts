// The worker's side of the compute API: a session, the text of the next load
// as its slices arrive, and the Monte Carlo jobs running. Monte Carlo runs in slices with
// a turn of the event loop between them, so its progress goes out and a stop
// comes in while it runs.
import type { GridRegion, MaskGrid, Mistake, MonteCarloView, ValueWindow } from '../shared/viewModel';
import type { MistakeId } from '../shared/catalogue';
import type { Tensor } from '../engine/types';
import { type ParsedActivations, TextStream } from '../parse';
import type { ComputeApi, ComputeEvents, ComputeMessage, ComputeRequest } from './messages';
import { nextTurn } from './nextTurn';
import { type Emit, type Endpoint, serve } from './rpc';
import { ComputeSession, transferables } from './session';
import type { LoadReply, LoadRequest, RunReply, RunSettings, TextStreamStart } from './types';

export interface MonteCarloTiming {
  /** How long one slice of Monte Carlo work runs before the event loop gets a turn. */
  sliceMs: number;
  /** How often a running job's progress is sent. */
  progressMs: number;
}

const TIMING: MonteCarloTiming = { sliceMs: 40, progressMs: 250 };

export class ComputeService implements ComputeApi {
  private readonly session = new ComputeSession();
  /** The next load's text: read as it arrives, or its slices to be joined. */
  private incoming: TextStream | string[] = [];
  /** What the text read as it arrived gave, for the next load. */
  private streamed: ParsedActivations | undefined;
  /** Stops for the jobs running, by job. */
  private readonly stops = new Map<number, () => void>();

  constructor(
    private readonly emit: Emit<ComputeEvents>,
    private readonly timing = TIMING,
  ) {}

  expect(n: number): void {
    this.session.expect(n);
  }

  startText(stream: TextStreamStart | undefined): void {
    this.streamed = undefined;
    this.incoming = stream ? new TextStream(stream.length, stream.format, stream) : [];
  }

  appendText(text: string): boolean {
    if (Array.isArray(this.incoming)) {
      this.incoming.push(text);
      return true;
    }
    return this.incoming.append(text);
  }

  endText(): boolean {
    if (Array.isArray(this.incoming)) return true;
    this.streamed = this.incoming.finish();
    this.incoming = [];
    return this.streamed !== undefined;
  }

  load(request: LoadRequest): LoadReply {
    const { incoming, streamed } = this;
    this.incoming = [];
    this.streamed = undefined;
    if (request.kind === 'tensor' || request.kind === 'file' || !request.joinText) return this.session.load(request);
    if (streamed) return this.session.load(request, streamed);
    const slices = Array.isArray(incoming) ? incoming : [];
    const text = slices.join('');
    // The slices are garbage from here: a collection while the text is parsed can free them.
    slices.length = 0;
    return this.session.load({ ...request, text });
  }

  run(settings: RunSettings): RunReply {
    return this.session.run(settings);
  }

  window(offset: number, count: number): ValueWindow | undefined {
    return this.session.window(offset, count);
  }

  maskRegion(region: GridRegion, slice?: number[] | null): MaskGrid | undefined {
    return this.session.maskRegion(region, slice);
  }

  values(limit: number): Tensor | undefined {
    return this.session.values(limit);
  }

  outputsFile(settings: RunSettings): Uint8Array | undefined {
    return this.session.outputsFile(settings);
  }

  mistake(id: MistakeId, settings: RunSettings): Mistake | undefined {
    return this.session.mistake(id, settings);
  }

  monteCarlo(job: number, settings: RunSettings, trials: number): Promise<MonteCarloView | undefined> {
    const work = this.session.monteCarlo(settings, trials);
    if (!work) return Promise.resolve(undefined);
    const now = () => performance.now();
    let stopped = false;
    this.stops.set(job, () => (stopped = true));
    return new Promise((resolve, reject) => {
      let lastProgress = now();
      const slice = () => {
        try {
          if (stopped) return this.end(job, resolve, work.view('cancelled'));
          if (work.advance(this.timing.sliceMs, now)) return this.end(job, resolve, work.view('done'));
          if (now() - lastProgress >= this.timing.progressMs) {
            lastProgress = now();
            this.emit('monteCarloProgress', job, work.view('running'));
          }
          nextTurn(slice);
        } catch (error) {
          this.stops.delete(job);
          reject(error);
        }
      };
      nextTurn(slice);
    });
  }

  stopMonteCarlo(job: number): void {
    this.stops.get(job)?.();
  }

  /** Ends every job after its current slice: the service is being dropped. */
  stopAll(): void {
    for (const stop of this.stops.values()) stop();
  }

  private end(job: number, resolve: (view: MonteCarloView) => void, view: MonteCarloView): void {
    this.stops.delete(job);
    resolve(view);
  }
}

/** Serves the compute API on the worker's end of a channel; returns the service, which its channel's owner may stop. */
export function serveCompute(endpoint: Endpoint<ComputeRequest, ComputeMessage>): ComputeService {
  let service: ComputeService | undefined;
  serve<ComputeApi, ComputeEvents>(endpoint, (emit) => (service = new ComputeService(emit)), {
    run: transferables,
    window: transferables,
    // A copy made for this reply alone.
    values: (tensor) => (tensor ? [tensor.data.buffer as ArrayBuffer] : []),
    // A new file's bytes, made for this reply alone: moved, not copied.
    outputsFile: (bytes) => (bytes ? [bytes.buffer as ArrayBuffer] : []),
  });
  return service!;
}
