// What goes into and comes out of loading and running, on both sides of the
// worker: its own file so the session and the Monte Carlo job can both use it
// without importing each other.
import type { DType } from '../engine/types';
import type { ActivationFormat, StreamedFormat, TensorSlice } from '../parse';
import type { ErrorView, PlaygroundSettings, ResultView, SourceInfo } from '../shared/viewModel';
import type { ViewChoice } from '../viewModels/result/resultView';

/** What every load carries besides its values. */
interface LoadCommon {
  /** The dtype text is parsed to; values that arrive as numbers keep their own. */
  dtype: DType;
  maxValues: number;
  label: string;
  documentLabel?: string;
  provenance?: string;
}

export interface TextLoad extends LoadCommon {
  kind?: 'text';
  text: string;
  /** The text came ahead in slices (appendText calls): join them instead of `text`. */
  joinText?: boolean;
  format?: ActivationFormat;
  /** 1-based document position of the text's first character. */
  origin: { line: number; column: number };
}

/** How a text sent in slices is read as it arrives: the load's format (detected on the whole text), dtype and limit. */
export interface TextStreamStart {
  length: number;
  format: StreamedFormat;
  dtype: DType;
  maxValues: number;
}

export interface TensorLoad extends LoadCommon {
  kind: 'tensor';
  shape: number[];
  data: Float32Array | Float64Array;
  note?: string;
}

export interface FileLoad extends LoadCommon {
  kind: 'file';
  /** Handed over to the worker when they are a whole buffer: the caller must not use them again. */
  bytes: Uint8Array;
  fileName: string;
  name?: string;
  slice?: TensorSlice;
  note?: string;
}

export type LoadRequest = TextLoad | TensorLoad | FileLoad;

export type RunSettings = Pick<PlaygroundSettings, 'p' | 'mode' | 'seed' | 'rng' | 'variant' | 'broadcastDims'> & ViewChoice;

export type LoadReply = { ok: true; source: SourceInfo } | { ok: false; error: ErrorView };
export type RunReply = { ok: true; view: ResultView } | { ok: false; error: ErrorView };
