// Runs the engine for the current settings and packs what the panel shows:
// stats, the mask grid (of one slice, when one is picked), the fraction kept
// along each axis and a window of values. Pure: the same code serves the
// extension host and tests.
import { alphaA } from '../../shared/catalogue';
import { invertedScale } from '../../engine/rules';
import { leanDropout, type LeanDropoutResult } from '../../engine';
import type { DropoutBuffers, DropoutSpec, DType, Tensor, Variant } from '../../engine/types';
import { groupIndex } from '../../engine/shape';
import type { Explanation, GridRegion, MaskGrid, PlaygroundSettings, ResultView, SourceInfo, ValueWindow } from '../../shared/viewModel';
import { explain } from '../teach/explain';
import { InputFigures } from '../teach/inputFigures';
import { pooledVarianceShift } from '../teach/varianceShift';
import { summariseAxes } from './axisSummary';
import { buildMaskGrid, buildSliceMaskGrid, MAX_GRID_SIDE } from './maskGrid';
import { isSliceOf } from '../../shared/slice';

/** Values sent with every update; more come on request. */
export const FIRST_WINDOW = 200;

/**
 * One draw for the panel: the train draw's mask for this seed (what the panel
 * shows, in either mode), its stats (the same in either mode), and what the
 * current mode outputs, made for a range on request (`output(from, to)`).
 */
export type Computation = LeanDropoutResult;

type Settings = Pick<PlaygroundSettings, 'p' | 'mode' | 'seed' | 'rng' | 'variant' | 'broadcastDims'>;

/** What the panel looks at, beside the settings: one H×W slice of an N-D input (an index per leading axis), or all of it. */
export interface ViewChoice {
  slice?: readonly number[] | null;
}

/**
 * The mask grid of the slice when `slice` names one of `shape`'s, else of the
 * whole layout. A slice that does not fit (the input changed under it) is
 * ignored rather than trusted: the grid says which slice it shows.
 */
export function maskGridFor(
  mask: Uint8Array,
  shape: readonly number[],
  slice: readonly number[] | null | undefined,
  region?: GridRegion,
): MaskGrid {
  return isSliceOf(slice, shape)
    ? buildSliceMaskGrid(mask, shape, slice, MAX_GRID_SIDE, region)
    : buildMaskGrid(mask, shape, MAX_GRID_SIDE, region);
}

export function specFor(settings: Settings, mode: 'train' | 'eval'): DropoutSpec {
  return {
    p: settings.p,
    mode,
    seed: settings.seed,
    rng: settings.rng,
    variant: settings.variant,
    ...(settings.broadcastDims.length ? { broadcastDims: settings.broadcastDims } : {}),
  };
}

/** This seed's train draw, into `into`'s buffers where they fit; the outputs it serves are the current mode's. */
export function compute(x: Tensor, settings: Settings, into?: DropoutBuffers): Computation {
  return leanDropout(x, specFor(settings, settings.mode), into);
}

/** The factor kept values get in train mode, as the convention computes it (display only). */
export function trainScale(variant: Variant, p: number, dtype: DType): number {
  if (variant === 'classic' || variant === 'unscaled' || variant === 'gaussian' || p === 1) return 1;
  return variant === 'alpha' ? alphaA(p) : invertedScale(1 - p, dtype);
}

export function evalScale(variant: Variant, p: number): number {
  return variant === 'classic' ? 1 - p : 1;
}

export function valueWindow(x: Tensor, c: Computation, offset: number, count: number): ValueWindow {
  const start = Math.min(Math.max(0, offset), x.data.length);
  const end = Math.min(start + count, x.data.length);
  return {
    offset: start,
    input: Float64Array.from(x.data.subarray(start, end)),
    output: Float64Array.from(c.output(start, end)),
    mask: c.mask.slice(start, end),
  };
}

/**
 * What the panel shows of draw `c` of `x`. `figures`: those of `x.data`, kept
 * by a caller that redraws the same input (computed here otherwise).
 */
export function buildResultView(
  x: Tensor,
  source: SourceInfo,
  settings: Settings & ViewChoice,
  c: Computation,
  figures = new InputFigures(x.data),
): ResultView {
  const mask = maskGridFor(c.mask, x.shape, settings.slice);
  return {
    source,
    keep: 1 - settings.p,
    trainScale: trainScale(settings.variant, settings.p, x.dtype),
    evalScale: evalScale(settings.variant, settings.p),
    stats: c.stats,
    mask,
    axes: summariseAxes(c.mask, x.shape),
    // With a slice picked, the values start at its first unit.
    values: valueWindow(x, c, mask.slice?.offset ?? 0, FIRST_WINDOW),
    explanation: explanationFor(x, settings, c, figures),
    varianceShift: varianceShiftFor(x, settings, figures),
  };
}

function varianceShiftFor(x: Tensor, settings: Settings, figures: InputFigures): ResultView['varianceShift'] {
  try {
    const { note, pooled } = pooledVarianceShift(x, settings.p, settings.variant, figures);
    return { note, pooled };
  } catch {
    return null; // no values
  }
}

function explanationFor(x: Tensor, settings: Settings, c: Computation, figures: InputFigures): Explanation | null {
  try {
    const groupSize = settings.broadcastDims.reduce((size, dim) => size * (x.shape[dim] ?? 1), 1);
    const sharedMask = settings.broadcastDims.length > 0;
    const maskGroup = sharedMask ? groupIndex(x.shape, settings.broadcastDims) : undefined;
    return explain({ x: x.data, p: settings.p, variant: settings.variant, stats: c.stats, sharedMask, groupSize, maskGroup, figures });
  } catch {
    return null; // nothing to explain (no values)
  }
}
