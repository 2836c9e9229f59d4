// What goes into and comes out of loading and running, on both sides of the
// worker: its own file so the session and the Monte Carlo job can both use it
// without importing each other.
import type { DType } from '../engine/types';
import type { ActivationFormat } from '../parse';
import type { ErrorView, PlaygroundSettings, ResultView, SourceInfo } from '../shared/viewModel';
import type { ViewChoice } from '../viewModels/result/resultView';

export interface LoadRequest {
  text: string;
  /** The text came ahead in slices (appendText calls): join them instead of `text`. */
  joinText?: boolean;
  format?: ActivationFormat;
  dtype: DType;
  /** 1-based document position of the text's first character. */
  origin: { line: number; column: number };
  maxValues: number;
  label: string;
  documentLabel?: string;
}

export type RunSettings = Pick<PlaygroundSettings, 'p' | 'mode' | 'seed' | 'rng' | 'variant' | 'broadcastDims'> & ViewChoice;

export type LoadReply = { ok: true; source: SourceInfo } | { ok: false; error: ErrorView };
export type RunReply = { ok: true; view: ResultView } | { ok: false; error: ErrorView };
