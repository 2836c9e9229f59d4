// The compute worker's operations, written once. The messages between the
// extension host and the worker are derived from these two interfaces (see
// rpc.ts), so adding an operation means a method here, its implementation in
// the service, and one line in the client that calls it.
import type { GridRegion, MaskGrid, Mistake, MonteCarloView, ValueWindow } from '../shared/viewModel';
import type { MistakeId } from '../shared/catalogue';
import type { Tensor } from '../engine/types';
import type { FromWorker, Request, WorkerEndpoint } from './rpc';
import type { LoadReply, LoadRequest, RunReply, RunSettings, TextStreamStart } from './types';

/** What the worker does on request. */
export interface ComputeApi {
  /**
   * Starts taking the next load's text in slices (a huge text posted whole would block the sender):
   * read as they arrive when `stream` says how, else kept to be joined.
   */
  startText(stream: TextStreamStart | undefined): void;
  /** Takes a slice of the text; false once reading it as it arrives gave up, and it has to be sent again to be joined. */
  appendText(text: string): boolean;
  /** After the last slice; false when reading it as it arrived gave up, as for appendText. */
  endText(): boolean;
  /** An input of n values of `dtype` is on its way: makes and touches the buffers of its first draw. */
  expect(n: number): void;
  /** Parses the text (or takes what the slices sent since the last load gave, when `joinText` says so). */
  load(request: LoadRequest): LoadReply;
  run(settings: RunSettings): RunReply;
  window(offset: number, count: number): ValueWindow | undefined;
  /** A copy of the loaded values when there are at most `limit` of them. */
  values(limit: number): Tensor | undefined;
  /** The .npz file of this seed's train draw (output, mask, input), or undefined when nothing is loaded. */
  outputsFile(settings: RunSettings): Uint8Array | undefined;
  maskRegion(region: GridRegion, slice?: number[] | null): MaskGrid | undefined;
  mistake(id: MistakeId, settings: RunSettings): Mistake | undefined;
  /** Runs Monte Carlo job `job` in slices, notifying its progress; the result is the final view. */
  monteCarlo(job: number, settings: RunSettings, trials: number): Promise<MonteCarloView | undefined>;
  /** Ends job `job` after its current slice: its result is then the draws so far. */
  stopMonteCarlo(job: number): void;
}

/** What the worker tells the host unasked. */
export interface ComputeEvents {
  monteCarloProgress(job: number, view: MonteCarloView): void;
}

export type ComputeRequest = Request<ComputeApi>;
export type ComputeMessage = FromWorker<ComputeApi, ComputeEvents>;
/** The host's end of a compute worker, whatever carries the messages. */
export type ComputeEndpoint = WorkerEndpoint<ComputeMessage, ComputeRequest>;
