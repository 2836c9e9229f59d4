// np.random.default_rng(seed) drawing a dropout mask. Placeholder until the
// PCG64 implementation lands; the engine reports it as unavailable.
import type { MaskSource, Seed } from '../types';

export function createNumpySource(_seed: Seed): MaskSource {
  throw new Error('The numpy convention is not available yet.');
}
