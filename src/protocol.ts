// The messages between the extension host and the webview: one union per
// direction, string `type` tags. Imported by both sides; pure (no vscode, Node
// or DOM). Everything from the webview is untrusted and goes through
// parseWebviewMessage before the host acts on it.

import type { DropoutStats, DType, RngKind, Variant } from './engine/types';
import { FRAMEWORKS, type Framework } from './frameworks';
import type { Explanation } from './teach/explain';
import type { UnitVarianceShift } from './teach/varianceShift';
import type { Mistake } from './teach/mistakes';
import { MISTAKE_IDS, type MistakeId } from './teach/mistakeIds';
import type { KeepFrequencySummary, MonteCarloSummary } from './teach/monteCarloSummary';
import { isSliceOf } from './view/slice';

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
  /** Whose names the panel uses (p, rate, keep_prob). */
  framework: Framework;
  /** Axes along which one mask value is shared (channel-wise dropout: [2, 3] on NCHW is Dropout2d); [] = element-wise. */
  broadcastDims: number[];
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
  /** How the numbers were read that the user should know (a number too large for the dtype became Infinity). */
  warning?: InputWarning;
}

/** A warning about the input, at its 1-based document position. */
export interface InputWarning {
  message: string;
  line: number;
  column: number;
}

/** True for a well-formed InputWarning: the panel shows only those (a text message at a real position). */
export function isInputWarning(value: unknown): value is InputWarning {
  if (typeof value !== 'object' || value === null) return false;
  const w = value as Record<string, unknown>;
  return typeof w.message === 'string' && w.message.length > 0 && w.message.length <= 1000 &&
    Number.isSafeInteger(w.line) && (w.line as number) >= 1 && Number.isSafeInteger(w.column) && (w.column as number) >= 1;
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
  /** Each cell covers blockRows × blockCols units. */
  blockRows: number;
  blockCols: number;
  /** The whole layout in units (1-D wrapped, N-D as rows × last axis). */
  unitRows: number;
  unitCols: number;
  /** The part of the layout this grid shows, in units. */
  region: GridRegion;
  /** Cells that hold units, counted row-major from the first: a wrapped 1-D input leaves the rest of its last row empty (draw nothing there). */
  filledCells: number;
  /** rows * cols values, row-major: round(255 * fraction kept). */
  keptFraction: Uint8Array;
  /** Present when the grid shows one H×W slice of an N-D input; the layout (unitRows × unitCols) is then that slice's. */
  slice?: SliceView;
}

/** One H×W slice of an N-D input, as the mask canvas shows it. */
export interface SliceView {
  /** One index per leading axis (all but the last two): tensor[index…, :, :]. */
  index: number[];
  /** Flat (C order) index of the slice's first value. */
  offset: number;
  /** Units in the slice, and how many of them the mask keeps. */
  n: number;
  kept: number;
}

/**
 * The fraction of the mask kept per index along one axis (per channel for
 * axis 1 of NCHW). An axis longer than the entry limit is cut into runs of
 * `indicesPerEntry` neighbouring indices; each entry pools its run.
 */
export interface AxisSummary {
  axis: number;
  /** Indices along the axis. */
  length: number;
  /** Neighbouring indices pooled per entry: 1 unless the axis is longer than the limit. */
  indicesPerEntry: number;
  /** Units that share one index along the axis: n / length. */
  unitsPerIndex: number;
  /** Per entry: units kept, and that as a fraction of the entry's units. */
  kept: Float64Array;
  fraction: Float64Array;
  /** Per entry: the smallest and largest fraction of a single index in it (both equal `fraction` with one index per entry). */
  min: Float64Array;
  max: Float64Array;
}

/** A rectangle of the mask layout, in units. */
export interface GridRegion {
  row: number;
  col: number;
  rows: number;
  cols: number;
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
  /** Fraction kept per index along each axis, for inputs of 2 or more axes ([] otherwise). */
  axes: AxisSummary[];
  values: ValueWindow;
  /** The worked "why", on these numbers and this draw (null when it cannot be worked, e.g. no values). */
  explanation: Explanation | null;
  /** Before a normalisation layer: the variance a unit has in training vs at eval, pooled over all values. */
  varianceShift: { note: string; pooled: UnitVarianceShift } | null;
}

/** Monte Carlo: many draws of the same seeded stream, and what they show. */
export interface MonteCarloView {
  status: 'running' | 'done' | 'cancelled' | 'failed';
  done: number;
  total: number;
  /** The eval output's sum, and the train sum's expectation and standard deviation over masks (closed forms). */
  evalSum: number;
  expectedSum: number;
  sumStd: number;
  /** The train sum over the draws so far: histogram, running mean, ±1σ share. */
  summary: MonteCarloSummary | null;
  /** How often each unit was kept, against 1 − p. */
  keepFrequency: KeepFrequencySummary | null;
  /** MC dropout per unit, for the first units: mean and spread of the train output over the draws. */
  units: { mean: Float64Array; std: Float64Array; keepFrequency: Float64Array; evalOutput: Float64Array } | null;
  /** What the MC dropout spread means, on these numbers. */
  note: string;
  message?: string;
}

/** Largest number of Monte Carlo draws one run may ask for. */
export const MAX_TRIALS = 100_000;

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
  /** While a new input is read: its label (result and error are then null, not the previous input's). */
  loading?: string;
}

/** The panel's sections a command can bring into view. */
export const SECTIONS = ['monteCarlo', 'mistakes'] as const;
export type Section = (typeof SECTIONS)[number];

export function isSection(value: unknown): value is Section {
  return isOneOf(value, SECTIONS);
}

export type HostToWebview =
  | ({ type: 'init' } & PanelSnapshot)
  | ({ type: 'update' } & PanelSnapshot)
  | { type: 'window'; values: ValueWindow }
  | { type: 'maskRegion'; mask: MaskGrid }
  | { type: 'busy'; message: string | null }
  | { type: 'monteCarlo'; view: MonteCarloView | null }
  | { type: 'mistake'; mistake: Mistake | null }
  /** Scroll this section into view (a command just put its result there), once it shows a result. */
  | { type: 'reveal'; section: Section };

export type WebviewToHost =
  | { type: 'ready' }
  | { type: 'setP'; p: number }
  | { type: 'setMode'; mode: Mode }
  | { type: 'setSeed'; seed: string }
  | { type: 'resample' }
  | { type: 'setRng'; rng: RngKind }
  | { type: 'setVariant'; variant: Variant }
  | { type: 'setFramework'; framework: Framework }
  | { type: 'setBroadcastDims'; dims: number[] }
  /** Put a script reproducing this run on the clipboard (and offer to open it). */
  | { type: 'copyAsCode' }
  | { type: 'revealError' }
  | { type: 'requestWindow'; offset: number; count: number }
  /** Zoom and pan: the mask over this region of the layout. */
  | { type: 'requestMaskRegion'; region: GridRegion }
  /** Show one H×W slice of an N-D input in the mask (an index per leading axis), or null for all of it. */
  | { type: 'setSlice'; slice: number[] | null }
  | { type: 'runMonteCarlo'; trials: number }
  | { type: 'cancelMonteCarlo' }
  | { type: 'showMistake'; id: MistakeId | null };

/** More axes than any activation tensor has. */
const MAX_RANK = 16;

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

/** What the host knows that a message must fit: the loaded input's shape (undefined when nothing is loaded). */
export interface MessageContext {
  shape?: readonly number[];
}

/**
 * Checks a message from the webview. Returns the typed message, or undefined
 * for anything malformed (unknown type, missing or out-of-range fields, extra
 * junk is ignored). Never throws. A slice must fit `context.shape`.
 */
export function parseWebviewMessage(raw: unknown, context: MessageContext = {}): WebviewToHost | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const m = raw as Record<string, unknown>;
  switch (m.type) {
    case 'ready':
    case 'resample':
    case 'revealError':
    case 'cancelMonteCarlo':
    case 'copyAsCode':
      return { type: m.type };
    case 'requestMaskRegion': {
      const r = m.region as Record<string, unknown> | null;
      if (typeof r !== 'object' || r === null) return undefined;
      const { row, col, rows, cols } = r;
      return isIndex(row) && isIndex(col) && isIndex(rows) && isIndex(cols) && rows >= 1 && cols >= 1
        ? { type: 'requestMaskRegion', region: { row, col, rows, cols } }
        : undefined;
    }
    case 'setSlice':
      if (m.slice === null) return { type: 'setSlice', slice: null };
      return context.shape && isSliceOf(m.slice, context.shape) ? { type: 'setSlice', slice: [...m.slice] } : undefined;
    case 'runMonteCarlo':
      return Number.isSafeInteger(m.trials) && (m.trials as number) >= 1 && (m.trials as number) <= MAX_TRIALS
        ? { type: 'runMonteCarlo', trials: m.trials as number }
        : undefined;
    case 'showMistake':
      return m.id === null || isOneOf(m.id, MISTAKE_IDS) ? { type: 'showMistake', id: m.id } : undefined;
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
    case 'setBroadcastDims':
      return Array.isArray(m.dims) && m.dims.length <= MAX_RANK && m.dims.every((d) => isIndex(d) && d < MAX_RANK) && new Set(m.dims).size === m.dims.length
        ? { type: 'setBroadcastDims', dims: [...(m.dims as number[])].sort((a, b) => a - b) }
        : undefined;
    case 'setFramework':
      return isOneOf(m.framework, FRAMEWORKS) ? { type: 'setFramework', framework: m.framework } : undefined;
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
