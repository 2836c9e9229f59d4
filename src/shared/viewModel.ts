// What the panel shows, as plain data: the view models the host builds (from the engine's results,
// by the builders in src/viewModels) and sends to the panel. Types only; shared by the host, the
// compute worker and the webview.
import type { DropoutStats, DType, RngKind, Variant } from '../engine/types';
import type { Framework, MistakeId, Mode } from './catalogue';

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
  /** Where the values came from beyond the label, e.g. "debug session train.py · frame forward, model.py:42". */
  provenance?: string;
  /** How the values were converted on the way in, e.g. "float16 values, shown as float32". */
  note?: string;
}

/** A warning about the input, at its 1-based document position. */
export interface InputWarning {
  message: string;
  line: number;
  column: number;
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

export interface ErrorView {
  message: string;
  /** 1-based, in the document, when the error has a place. */
  line?: number;
  column?: number;
  /** The document's name, for the "go to" link. */
  documentLabel?: string;
}

/**
 * Everything the panel shows: sent whole on `init` and on every change. One of four states, so a
 * result never stands beside an error or a loading input; `result` and `error` are present (null)
 * in every state, for readers that only look for them.
 */
export type PanelSnapshot = PanelState & { live: LiveView | null; tensors: TensorChoice | null };

type PanelState =
  /** No input yet: the panel says how to bring one. */
  | { status: 'empty'; settings: PlaygroundSettings; result: null; error: null }
  /** A new input is being read: its label (the previous input's numbers must not stand for it). */
  | { status: 'loading'; settings: PlaygroundSettings; loading: string; result: null; error: null }
  | { status: 'loaded'; settings: PlaygroundSettings; result: ResultView; error: null }
  | { status: 'error'; settings: PlaygroundSettings; result: null; error: ErrorView };

/** A file of several tensors: the one shown, and every one the panel can switch to. */
export interface TensorChoice {
  /** In file order; dtype as the file names it ('float16', 'int64', …). */
  entries: { name: string; shape: number[]; dtype: string }[];
  chosen: string;
}

/** An input that can change under the panel (a debug expression, a selection being edited, a file being re-saved). */
export interface LiveView {
  /** True: the panel re-reads the input when it changes; false: the values are pinned. */
  follow: boolean;
  /** Why the panel shows older values than the source has, e.g. "x is not defined in frame step (train.py:12): showing the values from the last stop." */
  notice: string | null;
}

export type PanelStatus = PanelSnapshot['status'];

export interface ExplainStep {
  /** Stable key: 'p', 'mask', 'elementMean', 'elementVariance', 'unscaledSum', 'sumMean', 'sumStd', 'thisDraw' ('allDropped' at p = 1; 'undefinedSums' instead of the sums when they are not numbers). */
  id: string;
  title: string;
  /** Plain Unicode math. */
  formula: string;
  /** The same with the user's numbers. */
  substituted: string;
  note: string;
}

/** Where this seed's draw sits against the closed forms. */
export interface DrawVerdict {
  trainSum: number;
  expectedSum: number;
  evalSum: number;
  std: number;
  /** (trainSum − expectedSum) / std; NaN when std is 0. */
  z: number;
  insideOneSigma: boolean;
  /** How often a draw lands at least this far from the expectation, either way (null when nothing is random or the figures are undefined). */
  tail: DrawTail | null;
  /** Which figure is not a finite number and why (e.g. "the input holds Infinity"); null when they all are. */
  undefinedReason: string | null;
  /** Where this draw falls, in one sentence the panel shows under the lesson. */
  sentence: string;
}

export interface Explanation {
  variant: Variant;
  steps: ExplainStep[];
  verdict: DrawVerdict;
}

export interface DrawTail {
  /** P(|S − E[S]| ≥ |this draw − E[S]|) over masks, S the train sum. */
  probability: number;
  /**
   * 'binomial': exact. Every mask group holds the same inputs, so the train sum is an affine function of
   *   the number of kept groups, which is Binomial(trials, keep).
   * 'normal': exact. Gaussian dropout's sum is a normal variable.
   * 'enumerated': exact. Few mask groups: every kept/dropped pattern was summed with its probability.
   * 'normalApproximation': the sum of many unequal weighted Bernoullis, none dominant, approximated by a normal of the same σ.
   * 'noApproximation': many groups and one (or a few) dominate, so no normal approximation holds; `probability` is NaN.
   */
  method: 'binomial' | 'normal' | 'enumerated' | 'normalApproximation' | 'noApproximation';
  /** For 'binomial': the mask values drawn, and how many of them were kept in this draw. */
  trials?: number;
  keptTrials?: number;
}

export interface ErrorFigures {
  /** Mean of what the buggy code outputs. */
  buggyMean: number;
  /** Mean of what the correct code outputs. */
  correctMean: number;
  /** buggyMean − correctMean. */
  meanError: number;
  /** meanError / |correctMean|; NaN when the correct mean is 0. */
  relativeMeanError: number;
  /** mean over units of |buggyᵢ − correctᵢ|. */
  meanAbsError: number;
  /** max over units of |buggyᵢ − correctᵢ|; NaN if any difference is NaN. */
  maxAbsError: number;
  /** The correct output against itself, for the table's 'correct' column: correctMean − correctMean (NaN when that mean is not finite). */
  correctMeanError: number;
  /** mean over units of |correctᵢ − correctᵢ|: 0, or NaN when a correct output is ±Infinity or NaN. */
  correctMeanAbsError: number;
}

/** One side-by-side figure: the buggy value, the correct value. */
export interface FigureRow {
  /** Stable key for tests and data attributes. */
  name: string;
  label: string;
  buggy: number;
  correct: number;
}

export interface MistakeFigures extends ErrorFigures {
  /**
   * Which outputs are compared: 'inference' = what the buggy code outputs at
   * inference vs the correct eval output; 'training' = the train outputs of
   * this seed's draw (keepAsDrop: inference is identical, training is not).
   */
  stage: 'inference' | 'training';
  rows: FigureRow[];
}

export interface Mistake {
  id: MistakeId;
  title: string;
  /** What the buggy code looks like, one line. */
  oneLine: string;
  explanation: string;
  fix: string;
  figures: MistakeFigures;
}

export interface RunningMean {
  /** Number of draws averaged at each point (1-based), increasing; the last is the total. */
  trials: Float64Array;
  /** Mean of the first trials[k] sums. */
  mean: Float64Array;
}

export interface MonteCarloSummary {
  trials: number;
  /** Average of the sums, and its standard error (sample std / √N). */
  sampleMean: number;
  sampleStd: number;
  standardError: number;
  min: number;
  max: number;
  /** Fraction of draws within ±1σ (closed-form σ) of the expectation, and what a normal law gives. */
  withinOneSigma: number;
  normalWithinOneSigma: number;
  histogram: SumHistogram;
  running: RunningMean;
  /** One sentence for an aria-live region. */
  text: string;
}

export interface KeepFrequencySummary {
  /** 1 − p: what every frequency should be near. */
  expected: number;
  trials: number;
  units: number;
  meanFrequency: number;
  /** Histogram of the frequencies on [0, 1]: bins + 1 edges. */
  edges: Float64Array;
  counts: Uint32Array;
  /** The binomial 95% interval for one unit's frequency. */
  low: number;
  high: number;
  /** Units outside it, and how many to expect by chance (units × the exact outside probability). */
  outside: number;
  expectedOutside: number;
  text: string;
}

export interface SumHistogram {
  /** bins + 1 edges, increasing; bin k is [edges[k], edges[k+1]) (the last one closed). */
  edges: Float64Array;
  counts: Uint32Array;
  binWidth: number;
  /** 'lattice': bins aligned to the lattice step; 'scott': centred on the expectation; 'constant': every draw equal. */
  rule: 'lattice' | 'scott' | 'constant';
  /** The lattice step when rule is 'lattice', else 0. */
  latticeStep: number;
  /** Bin holding the eval sum / the expected sum (both always inside the range when finite), or −1. */
  evalBin: number;
  expectedBin: number;
  /** Draws counted (finite sums). */
  total: number;
  /** Draws left out because their sum is NaN or infinite. */
  nonFinite: number;
}

export interface UnitVarianceShift {
  /** Column index, or −1 for the pooled figure. */
  index: number;
  /** Samples of this unit (rows for a column; all elements when pooled). */
  samples: number;
  meanX: number;
  /** E[x²] over the samples. */
  meanSquareX: number;
  trainMean: number;
  /** Var of the train output over samples and masks (population variance of x, ddof 0). */
  trainVariance: number;
  evalMean: number;
  evalVariance: number;
  /** trainVariance / evalVariance: ∞ when only eval is constant, NaN when both are. */
  ratio: number;
}
