// The random streams a mask can be drawn from: whose stream each is, as the panel, the pickers and the
// copied scripts name it, and what choosing it reproduces.
import type { RngKind } from '../../engine/types';
import type { CatalogueEntry } from './entry';

/** label: whose stream it is, e.g. "PyTorch"; detail: how the framework seeds and draws it. */
export type RngEntry = CatalogueEntry;

/** In the order the panel and the picker offer them. */
export const RNG_KINDS: readonly RngKind[] = ['torch', 'numpy', 'jax', 'fast'];

export const RNGS: Record<RngKind, RngEntry> = {
  torch: { label: 'PyTorch', detail: 'torch.manual_seed(seed); F.dropout(x, p) on CPU — bit for bit' },
  numpy: { label: 'NumPy', detail: 'np.random.default_rng(seed); rng.random(shape) < 1 − p — bit for bit' },
  jax: { label: 'JAX / Flax', detail: 'jax.random.PRNGKey(seed); nnx.Dropout(rate) — bit for bit' },
  fast: { label: 'Fast (own)', detail: "The playground's own generator: the fastest, tied to no framework" },
};
