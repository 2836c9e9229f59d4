// The engine contract (see DESIGN.md). These names and fields are called by
// tests outside the project: keep them stable.

export type DType = 'float32' | 'float64';

/** A dense tensor in C order. */
export interface Tensor {
  shape: number[];
  dtype: DType;
  data: Float32Array | Float64Array;
}

/**
 * Whose random stream draws the mask:
 * - 'torch': torch.manual_seed(seed) then F.dropout on CPU (MT19937, two draws per element);
 * - 'numpy': np.random.default_rng(seed) (SeedSequence + PCG64), mask = rng.random(shape, dtype) < keep;
 * - 'jax':   jax.random.PRNGKey(seed) (threefry2x32, partitionable), as Flax nnx Dropout uses it;
 * - 'fast':  the playground's own generator, not tied to a framework.
 */
export type RngKind = 'torch' | 'numpy' | 'jax' | 'fast';

export type Variant = 'inverted' | 'classic' | 'unscaled' | 'alpha' | 'gaussian';

export type Seed = number | bigint | string;

export interface DropoutSpec {
  /** DROP probability, 0 <= p <= 1. */
  p: number;
  mode: 'train' | 'eval';
  /** A decimal string is allowed for seeds above 2^53. */
  seed: Seed;
  rng: RngKind;
  /** Default 'inverted'. */
  variant?: Variant;
  /** Dims along which one mask value is shared; the mask is drawn on the shape with those dims set to 1. */
  broadcastDims?: number[];
}

export interface DropoutStats {
  n: number;
  kept: number;
  keptFraction: number;
  /** Mean of what eval mode outputs. */
  evalMean: number;
  /** Mean of x * mask (no scaling): the "60 instead of 100". */
  trainMeanUnscaled: number;
  /** Mean of the train-mode output. */
  trainMean: number;
  /** E[train mean] over masks, closed form. */
  expectedTrainMean: number;
  /** Standard deviation of the train mean over masks, closed form. */
  trainMeanStd: number;
}

export interface DropoutResult {
  /** 1 = kept, full shape. All ones in eval mode. */
  mask: Uint8Array;
  output: Float32Array | Float64Array;
  stats: DropoutStats;
}

/**
 * One framework's random stream, already seeded. Each call continues the
 * stream, as consecutive framework calls after one seeding do.
 */
export interface MaskSource {
  /**
   * Fills mask[i] = 1 (kept) or 0 (dropped) for every i, in C order, drawing
   * exactly as the framework's dropout draws for keep probability `keep` on a
   * tensor of `dtype`. Returns nothing: the mask is the output.
   */
  fillKeepMask(mask: Uint8Array, keep: number, dtype: DType): void;
  /** Fills `out` with standard normal draws (the Gaussian variant). */
  fillStandardNormal(out: Float64Array): void;
}
