// Requests to the compute worker and its replies, matched by id.
import type { GridRegion, MaskGrid, Mistake, MonteCarloView, ValueWindow } from '../shared/viewModel';
import type { MistakeId } from '../shared/catalogue';
import type { LoadReply, LoadRequest, RunReply, RunSettings } from './session';

export type ComputeRequest =
  | { id: number; kind: 'load'; request: LoadRequest }
  /** A slice of the next load's text (no reply): a huge text sent whole would block the sender. */
  | { id: number; kind: 'appendText'; text: string }
  | { id: number; kind: 'run'; settings: RunSettings }
  | { id: number; kind: 'window'; offset: number; count: number }
  | { id: number; kind: 'maskRegion'; region: GridRegion; slice?: number[] | null }
  | { id: number; kind: 'mistake'; mistake: MistakeId; settings: RunSettings }
  | { id: number; kind: 'monteCarlo'; settings: RunSettings; trials: number }
  /** Stops the Monte Carlo job of request `id` after its current slice. */
  | { id: number; kind: 'cancelMonteCarlo' };

export type ComputeReply =
  | { id: number; kind: 'load'; reply: LoadReply }
  | { id: number; kind: 'run'; reply: RunReply }
  | { id: number; kind: 'window'; reply: ValueWindow | undefined }
  | { id: number; kind: 'maskRegion'; reply: MaskGrid | undefined }
  | { id: number; kind: 'mistake'; reply: Mistake | undefined }
  /** Sent while the job runs; the final view comes as kind 'monteCarlo'. */
  | { id: number; kind: 'monteCarloProgress'; reply: MonteCarloView }
  | { id: number; kind: 'monteCarlo'; reply: MonteCarloView | undefined }
  | { id: number; kind: 'crash'; message: string };
