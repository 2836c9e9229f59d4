// What the controller asks of the compute side, wherever it runs (a Node worker thread, a Web Worker,
// or the calling thread), and how abandoned work ends.
import type { MistakeId } from '../shared/catalogue';
import type { Tensor } from '../engine/types';
import type { GridRegion, MaskGrid, Mistake, MonteCarloView, ValueWindow } from '../shared/viewModel';
import type { LoadReply, LoadRequest, RunReply, RunSettings } from './types';

export interface Compute {
  /** An input of n values of `dtype` is on its way (its bytes are being read): the worker readies its first draw meanwhile. */
  expect(n: number): void;
  load(request: LoadRequest): Promise<LoadReply>;
  run(settings: RunSettings): Promise<RunReply>;
  window(offset: number, count: number): Promise<ValueWindow | undefined>;
  /** A copy of the loaded values when there are at most `limit` of them (for the panel to draw with). */
  values(limit: number): Promise<Tensor | undefined>;
  /** The .npz file of this seed's train draw (output, mask, input), or undefined when nothing is loaded. */
  outputsFile(settings: RunSettings): Promise<Uint8Array | undefined>;
  mistake(id: MistakeId, settings: RunSettings): Promise<Mistake | undefined>;
  /** The mask over a region of the layout: of one H×W slice when `slice` names one. */
  maskRegion(region: GridRegion, slice?: number[] | null): Promise<MaskGrid | undefined>;
  /** Runs Monte Carlo in slices, reporting progress; `stop()` ends it early with the draws so far. */
  monteCarlo(
    settings: RunSettings,
    trials: number,
    onProgress: (view: MonteCarloView) => void,
  ): { result: Promise<MonteCarloView | undefined>; stop(): void };
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
