// A histogram of the Monte Carlo sums whose bins line up with what the chart
// marks. Bin width: Scott's rule (3.49·s·N^(−1/3), near-optimal for a bell
// shape such as a sum over many units). Two alignments:
// - the sums sit on a lattice (inputs of equal magnitude: every sum is
//   c + k·g, e.g. k/0.6 for ones at p = 0.4). Bins are then a whole number of
//   lattice steps wide with edges halfway between lattice points, so no bin is
//   empty or double-counted by aliasing (the comb a naive width draws);
// - otherwise the expectation sits at the centre of a bin.
// Pure.
import type { SumHistogram } from '../../shared/viewModel';

export interface SumHistogramOptions {
  /** The eval output's sum, marked on the chart. */
  evalSum: number;
  /** E[sum] over masks, marked on the chart. */
  expectedSum: number;
  /** Upper bound on the number of bins (default 60). */
  maxBins?: number;
}

/** The common step g when every gap between sorted distinct values is a whole multiple of it (within rounding), else 0. */
export function latticeStep(sorted: Float64Array): number {
  let g = Infinity;
  const scale = Math.max(Math.abs(sorted[0]), Math.abs(sorted[sorted.length - 1]));
  const tiny = 1e-12 * scale;
  for (let i = 1; i < sorted.length; i++) {
    const d = sorted[i] - sorted[i - 1];
    if (d > tiny && d < g) g = d;
  }
  if (!Number.isFinite(g)) return 0;
  const tol = 1e-6 * g + tiny;
  for (let i = 1; i < sorted.length; i++) {
    const d = sorted[i] - sorted[i - 1];
    if (d <= tiny) continue;
    if (Math.abs(d - Math.round(d / g) * g) > tol) return 0;
  }
  return g;
}

function sampleStdOf(sorted: Float64Array): number {
  const n = sorted.length;
  let s = 0;
  for (let i = 0; i < n; i++) s += sorted[i];
  const m = s / n;
  let v = 0;
  for (let i = 0; i < n; i++) v += (sorted[i] - m) * (sorted[i] - m);
  return n > 1 ? Math.sqrt(v / (n - 1)) : 0;
}

export function sumHistogram(sums: ArrayLike<number>, options: SumHistogramOptions): SumHistogram {
  const maxBins = Math.max(1, Math.floor(options.maxBins ?? 60));
  const finite: number[] = [];
  for (let i = 0; i < sums.length; i++) if (Number.isFinite(sums[i])) finite.push(sums[i]);
  const sorted = Float64Array.from(finite).sort();
  const nonFinite = sums.length - sorted.length;
  const marks = [options.evalSum, options.expectedSum].filter(Number.isFinite);
  const values = sorted.length > 0 ? [sorted[0], sorted[sorted.length - 1], ...marks] : marks;
  if (values.length === 0) {
    return {
      edges: new Float64Array(0),
      counts: new Uint32Array(0),
      binWidth: 0,
      rule: 'constant',
      latticeStep: 0,
      evalBin: -1,
      expectedBin: -1,
      total: 0,
      nonFinite,
    };
  }
  const lo = Math.min(...values);
  const hi = Math.max(...values);

  let rule: SumHistogram['rule'];
  let h: number;
  let g = 0;
  let firstEdgeAnchor: number; // some bin edge; all edges are firstEdgeAnchor + j·h
  const s = sorted.length > 1 ? sampleStdOf(sorted) : 0;
  if (s === 0 || !(s > 0)) {
    rule = 'constant';
    const v = sorted.length > 0 ? sorted[0] : lo;
    // One bin per distinct marked value at most: a width covering the span, or 1 when all coincide.
    h = hi > lo ? (hi - lo) / Math.min(maxBins, 10) : Math.max(Math.abs(v) * 1e-3, 1e-9);
    firstEdgeAnchor = v - h / 2;
  } else {
    h = 3.49 * s * Math.pow(sorted.length, -1 / 3);
    g = latticeStep(sorted);
    if (g > 0) {
      rule = 'lattice';
      h = g * Math.max(1, Math.round(h / g));
      firstEdgeAnchor = sorted[0] - g / 2;
    } else {
      rule = 'scott';
      const centre = Number.isFinite(options.expectedSum) ? options.expectedSum : sorted[0];
      firstEdgeAnchor = centre - h / 2;
    }
  }
  const binsFor = (width: number, e0: number) => Math.max(1, Math.floor((hi - e0) / width) + 1);
  let e0 = firstEdgeAnchor - width0(firstEdgeAnchor, lo, h);
  let bins = binsFor(h, e0);
  if (bins > maxBins) {
    // Widen by a whole factor so lattice alignment survives.
    h *= Math.ceil(bins / maxBins);
    e0 = firstEdgeAnchor - width0(firstEdgeAnchor, lo, h);
    bins = binsFor(h, e0);
    while (bins > maxBins) {
      h *= 2;
      e0 = firstEdgeAnchor - width0(firstEdgeAnchor, lo, h);
      bins = binsFor(h, e0);
    }
  }
  const edges = new Float64Array(bins + 1);
  for (let k = 0; k <= bins; k++) edges[k] = e0 + k * h;
  const binOf = (v: number) => (Number.isFinite(v) ? Math.min(bins - 1, Math.max(0, Math.floor((v - e0) / h))) : -1);
  const counts = new Uint32Array(bins);
  for (let i = 0; i < sorted.length; i++) counts[binOf(sorted[i])]++;
  return {
    edges,
    counts,
    binWidth: h,
    rule,
    latticeStep: g,
    evalBin: binOf(options.evalSum),
    expectedBin: binOf(options.expectedSum),
    total: sorted.length,
    nonFinite,
  };
}

/** How far below `anchor` the first edge must go (a whole number of widths) to reach `lo`. */
function width0(anchor: number, lo: number, h: number): number {
  return anchor > lo ? Math.ceil((anchor - lo) / h) * h : -Math.floor((lo - anchor) / h) * h;
}
