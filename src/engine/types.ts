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

/**
 * Buffers of a previous dropout() call, offered for reuse: each is written over
 * and returned when its type and length fit the input, else a new one is made.
 */
export interface DropoutBuffers {
  mask?: Uint8Array;
  output?: Float32Array | Float64Array;
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
 *
 * How the engine calls it (the contract a source may rely on):
 * - One call per draw: dropout() makes exactly one fillKeepMask call (or one
 *   fillStandardNormal call for the gaussian variant) with the WHOLE mask;
 *   monteCarlo() makes one such call per trial, trial t being the t-th call
 *   (t = 0, 1, ...). A convention whose trials are keyed rather than streamed
 *   (jax: trial 0 uses the key, trial t >= 1 uses fold_in(key, t)) counts its
 *   calls to know t.
 * - With broadcastDims, `mask` has the reduced shape (broadcast dims set to 1),
 *   in C order; the engine expands it.
 * - Never called at p = 0 or p = 1 (no draws there), so
 *   keep = 1 - p as a double, in (0, 1] (1 only when p is below 2^-54).
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
