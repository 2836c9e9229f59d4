// Validates a (tensor, spec) pair once and gathers everything the kernels need.
import type { DropoutSpec, DType, RngKind, Tensor, Variant } from './types';
import { checkBroadcastDims, elementCount, groupIndex, reducedShape } from './shape';
import { nonNegativeSeed, seedToBigInt } from './seed';

const RNGS: readonly RngKind[] = ['torch', 'numpy', 'jax', 'fast'];
const VARIANTS: readonly Variant[] = ['inverted', 'classic', 'unscaled', 'alpha', 'gaussian'];

export interface Plan {
  x: Float32Array | Float64Array;
  shape: number[];
  dtype: DType;
  n: number;
  p: number;
  keep: number;
  variant: Variant;
  rng: RngKind;
  mode: 'train' | 'eval';
  spec: DropoutSpec;
  /** Sorted broadcast dims (empty: one mask element per tensor element). */
  dims: number[];
  /** Number of mask elements actually drawn. */
  reducedSize: number;
  /** For each element, its mask element; null when nothing is broadcast. */
  group: Int32Array | null;
}

export function checkP(p: unknown): number {
  if (typeof p !== 'number' || Number.isNaN(p) || p < 0 || p > 1) {
    throw new Error(`The drop probability p must be a number in [0, 1], got ${String(p)}.`);
  }
  return p;
}

function tensorData(x: Tensor): Float32Array | Float64Array {
  if (x.dtype !== 'float32' && x.dtype !== 'float64') {
    throw new Error(`The tensor dtype must be 'float32' or 'float64', got ${JSON.stringify(x.dtype)}.`);
  }
  const n = elementCount(x.shape);
  if (!x.shape.every((d) => Number.isInteger(d) && d >= 0)) {
    throw new Error(`The tensor shape must hold non-negative integers, got [${x.shape.join(', ')}].`);
  }
  if (x.data.length !== n) {
    throw new Error(`The tensor data has ${x.data.length} values but the shape [${x.shape.join(', ')}] needs ${n}.`);
  }
  // Data in the other float type is converted (rounding to float32 where needed) rather than refused.
  if (x.dtype === 'float32') return x.data instanceof Float32Array ? x.data : Float32Array.from(x.data);
  return x.data instanceof Float64Array ? x.data : Float64Array.from(x.data);
}

export function makePlan(x: Tensor, spec: DropoutSpec, mode: 'train' | 'eval' = spec.mode): Plan {
  const p = checkP(spec.p);
  if (mode !== 'train' && mode !== 'eval') throw new Error(`The mode must be 'train' or 'eval', got ${JSON.stringify(mode)}.`);
  if (!RNGS.includes(spec.rng)) throw new Error(`Unknown RNG convention ${JSON.stringify(spec.rng)}; expected one of ${RNGS.join(', ')}.`);
  const variant = spec.variant ?? 'inverted';
  if (!VARIANTS.includes(variant))
    throw new Error(`Unknown dropout variant ${JSON.stringify(variant)}; expected one of ${VARIANTS.join(', ')}.`);
  if (variant === 'gaussian' && p === 1) {
    throw new Error('The gaussian variant is undefined at p = 1 (sigma = sqrt(p/(1-p)) is infinite); use p < 1.');
  }
  // A malformed seed is an error for every convention, and a negative one for
  // numpy (as np.random.default_rng refuses it), even at p = 0 where nothing is drawn.
  if (spec.rng === 'numpy') nonNegativeSeed(spec.seed, 'numpy');
  else seedToBigInt(spec.seed);
  const data = tensorData(x);
  const dims = checkBroadcastDims(spec.broadcastDims, x.shape.length);
  const group = dims.length > 0 ? groupIndex(x.shape, dims) : null;
  return {
    x: data,
    shape: x.shape.slice(),
    dtype: x.dtype,
    n: data.length,
    p,
    keep: 1 - p,
    variant,
    rng: spec.rng,
    mode,
    spec,
    dims,
    reducedSize: elementCount(reducedShape(x.shape, dims)),
    group,
  };
}
