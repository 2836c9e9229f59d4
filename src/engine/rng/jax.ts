// jax.random.PRNGKey(seed) drawing a dropout mask. Placeholder until the
// threefry implementation lands; the engine reports it as unavailable.
import type { MaskSource, Seed } from '../types';

export function createJaxSource(_seed: Seed): MaskSource {
  throw new Error('The jax convention is not available yet.');
}
