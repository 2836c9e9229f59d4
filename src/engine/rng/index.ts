// The registry of random streams: one MaskSource per convention, already seeded.
import type { MaskSource, RngKind, Seed } from '../types';
import { createFastSource } from './fast';
import { createJaxSource } from './jax';
import { createNumpySource } from './numpy';
import { createTorchSource } from './torch';

const ALL_RNGS: readonly RngKind[] = ['torch', 'numpy', 'jax', 'fast'];

export function createMaskSource(rng: RngKind, seed: Seed): MaskSource {
  switch (rng) {
    case 'torch':
      return createTorchSource(seed);
    case 'numpy':
      return createNumpySource(seed);
    case 'jax':
      return createJaxSource(seed);
    case 'fast':
      return createFastSource(seed);
    default:
      throw new Error(`Unknown RNG convention ${JSON.stringify(rng)}; expected one of ${ALL_RNGS.join(', ')}.`);
  }
}

let available: RngKind[] | undefined;

/** The conventions that can draw masks in this build (probed once by seeding each with 0). */
export function availableRngs(): RngKind[] {
  if (!available) {
    available = ALL_RNGS.filter((rng) => {
      try {
        createMaskSource(rng, 0);
        return true;
      } catch {
        return false;
      }
    });
  }
  return available.slice();
}
