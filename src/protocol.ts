// The messages between the extension host and the webview: one union per
// direction, string `type` tags. Imported by both sides; pure (no vscode, Node
// or DOM). Everything from the webview is untrusted and goes through
// parseWebviewMessage before the host acts on it.

import type { DropoutStats, DType, RngKind, Variant } from './engine/types';

export type Mode = 'train' | 'eval';

export const RNG_KINDS: readonly RngKind[] = ['torch', 'numpy', 'jax', 'fast'];
export const VARIANTS: readonly Variant[] = ['inverted', 'classic', 'unscaled', 'alpha', 'gaussian'];
export const MODES: readonly Mode[] = ['train', 'eval'];

/** What the user controls. The host owns it; the webview only shows it. */
export interface PlaygroundSettings {
  p: number;
  mode: Mode;
  /** Decimal integer as text, so seeds above 2^53 survive the trip. */
  seed: string;
  rng: RngKind;
  variant: Variant;
  /** RNG conventions and variants the engine can run now (the selects offer only these). */
  availableRngs: RngKind[];
  availableVariants: Variant[];
}

/** Where the numbers came from. */
export interface SourceInfo {
  /** e.g. "activations.json, lines 3–7". */
  label: string;
  shape: number[];
  dtype: DType;
  n: number;
  /** Column names from a CSV header, when there was one. */
  columnLabels?: string[];
}

/**
 * The mask laid out as a grid for the canvas. When there are more units than
 * cells, each cell stands for a block of `unitsPerCell` units and holds the
 * fraction of them kept; with one unit per cell it is exactly 0 or 255.
 */
export interface MaskGrid {
  rows: number;
  cols: number;
  unitsPerCell: number;
  /** Cells that hold units, counted row-major from the first: a wrapped 1-D input leaves the rest of its last row empty (draw nothing there). */
  filledCells: number;
  /** rows * cols values, row-major: round(255 * fraction kept). */
  keptFraction: Uint8Array;
}

/** A window of the flat (C order) values, for the inputs-vs-outputs table. */
export interface ValueWindow {
  offset: number;
  input: Float64Array;
  /** What the current mode outputs for these units (train: the scaled values; eval: the eval output). */
  output: Float64Array;
  /** The train draw's mask for these units (1 = kept), whatever the mode. */
  mask: Uint8Array;
}

export interface ResultView {
  source: SourceInfo;
  /** 1 − p. */
  keep: number;
  /** What kept values are multiplied by in train mode, as the convention computes it (1 for classic/unscaled). */
  trainScale: number;
  /** What eval mode multiplies the input by (keep for classic, else 1). */
  evalScale: number;
  stats: DropoutStats;
  mask: MaskGrid;
  values: ValueWindow;
}

export interface ErrorView {
  message: string;
  /** 1-based, in the document, when the error has a place. */
  line?: number;
  column?: number;
  /** The document's name, for the "go to" link. */
  documentLabel?: string;
}

/** Everything the panel shows: sent whole on `init` and on every change. */
export interface PanelSnapshot {
  settings: PlaygroundSettings;
  result: ResultView | null;
  error: ErrorView | null;
}

export type HostToWebview =
  | ({ type: 'init' } & PanelSnapshot)
  | ({ type: 'update' } & PanelSnapshot)
  | { type: 'window'; values: ValueWindow }
  | { type: 'busy'; message: string | null };

export type WebviewToHost =
  | { type: 'ready' }
  | { type: 'setP'; p: number }
  | { type: 'setMode'; mode: Mode }
  | { type: 'setSeed'; seed: string }
  | { type: 'resample' }
  | { type: 'setRng'; rng: RngKind }
  | { type: 'setVariant'; variant: Variant }
  | { type: 'revealError' }
  | { type: 'requestWindow'; offset: number; count: number };

/** Largest window of values the webview may ask for at once. */
export const MAX_WINDOW = 1000;

const SEED_TEXT = /^-?\d{1,40}$/;

export function isValidP(p: unknown): p is number {
  return typeof p === 'number' && Number.isFinite(p) && p >= 0 && p <= 1;
}

export function isSeedText(seed: unknown): seed is string {
  return typeof seed === 'string' && SEED_TEXT.test(seed);
}

function isOneOf<T extends string>(value: unknown, allowed: readonly T[]): value is T {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value);
}

function isIndex(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/**
 * Checks a message from the webview. Returns the typed message, or undefined
 * for anything malformed (unknown type, missing or out-of-range fields, extra
 * junk is ignored). Never throws.
 */
export function parseWebviewMessage(raw: unknown): WebviewToHost | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const m = raw as Record<string, unknown>;
  switch (m.type) {
    case 'ready':
    case 'resample':
    case 'revealError':
      return { type: m.type };
    case 'setP':
      return isValidP(m.p) ? { type: 'setP', p: m.p } : undefined;
    case 'setMode':
      return isOneOf(m.mode, MODES) ? { type: 'setMode', mode: m.mode } : undefined;
    case 'setSeed':
      return isSeedText(m.seed) ? { type: 'setSeed', seed: m.seed } : undefined;
    case 'setRng':
      return isOneOf(m.rng, RNG_KINDS) ? { type: 'setRng', rng: m.rng } : undefined;
    case 'setVariant':
      return isOneOf(m.variant, VARIANTS) ? { type: 'setVariant', variant: m.variant } : undefined;
    case 'requestWindow':
      return isIndex(m.offset) && isIndex(m.count) && m.count <= MAX_WINDOW
        ? { type: 'requestWindow', offset: m.offset, count: m.count }
        : undefined;
    default:
      return undefined;
  }
}

/** For exhaustive switches over the unions. */
export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${JSON.stringify(value)}`);
}
