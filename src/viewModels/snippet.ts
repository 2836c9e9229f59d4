// "Copy as code": a short PyTorch, NumPy or JAX/Flax script of the playground's
// current run (same seed, p, shape, variant) that prints its mask, so anyone can
// check the panel against their own installation. It prints the panel's mask
// only when its framework owns the random stream that drew it, and its header
// says which case it is. Pure.
import { ALPHA } from '../engine/rules';
import type { DType, RngKind, Variant } from '../engine/types';
import { RNGS } from '../shared/catalogue';
import type { PlaygroundSettings, ResultView } from '../shared/viewModel';

export const SNIPPET_LANGUAGES = ['torch', 'numpy', 'jax'] as const;
export type SnippetLanguage = (typeof SNIPPET_LANGUAGES)[number];

export function isSnippetLanguage(value: unknown): value is SnippetLanguage {
  return typeof value === 'string' && (SNIPPET_LANGUAGES as readonly string[]).includes(value);
}

export interface SnippetRun {
  seed: string;
  p: number;
  shape: number[];
  dtype: DType;
  variant: Variant;
  /** The random stream that drew the playground's mask. */
  rng: RngKind;
  broadcastDims?: number[];
  /** The input in C order when small enough to paste; otherwise the script uses ones (the mask does not depend on values). */
  input?: ArrayLike<number>;
}

/** Inputs up to this many values are pasted into the snippet; larger ones use ones (the mask does not depend on values). */
export const MAX_SNIPPET_VALUES = 200;

/** The run the panel shows, as a snippet takes it: its input pasted when the panel holds every value and there are few. */
export function snippetRunOf(settings: PlaygroundSettings, result: Pick<ResultView, 'source' | 'values'>): SnippetRun {
  const { source, values } = result;
  return {
    seed: settings.seed,
    p: settings.p,
    shape: source.shape,
    dtype: source.dtype,
    variant: settings.variant,
    rng: settings.rng,
    ...(settings.broadcastDims.length ? { broadcastDims: settings.broadcastDims } : {}),
    ...(source.n <= MAX_SNIPPET_VALUES && values.input.length === source.n ? { input: values.input } : {}),
  };
}

/** The snippet language that reproduces a convention's mask ('fast' has no framework twin). */
export function snippetLanguageFor(rng: RngKind): SnippetLanguage | undefined {
  return rng === 'fast' ? undefined : rng;
}

/** A Python float literal that round-trips exactly (repr of a double). */
export function pyFloat(v: number): string {
  if (Number.isNaN(v)) return "float('nan')";
  if (v === Infinity) return "float('inf')";
  if (v === -Infinity) return "float('-inf')";
  if (Object.is(v, -0)) return '-0.0';
  const s = String(v);
  return /[.eE]/.test(s) ? s : `${s}.0`;
}

const pyTuple = (xs: readonly number[]) => `(${xs.join(', ')}${xs.length === 1 ? ',' : ''})`;
const pyList = (xs: ArrayLike<number>) => `[${Array.from(xs, pyFloat).join(', ')}]`;

function maskShape(run: SnippetRun): number[] {
  const dims = new Set(run.broadcastDims ?? []);
  return run.shape.map((d, i) => (dims.has(i) ? 1 : d));
}

/** Whether a snippet in `language` prints the mask that the `rng` stream drew: only the stream's own framework draws it. */
export function snippetReproducesMask(language: SnippetLanguage, rng: RngKind): boolean {
  return snippetLanguageFor(rng) === language;
}

const FRAMEWORK_NAMES: Record<SnippetLanguage, string> = { torch: 'PyTorch on CPU', numpy: 'NumPy', jax: 'JAX and Flax (nnx)' };

/** What the script claims about the playground's mask, true for this language and stream. */
function claim(language: SnippetLanguage, run: SnippetRun): string[] {
  const framework = FRAMEWORK_NAMES[language];
  if (run.variant === 'gaussian') {
    return [`# Gaussian dropout keeps every unit (its mask is all ones); ${framework} draws its own noise, not the playground's.`];
  }
  if (snippetReproducesMask(language, run.rng)) return [`# Reproduces the playground's training mask for this seed with ${framework}.`];
  const own = `this script does the same computation with ${framework} but draws its own mask, which can differ from the panel's.`;
  if (run.rng === 'fast') return ['# The playground drew its mask with its own fast generator, which no framework reproduces:', `# ${own}`];
  return [
    `# The playground drew its mask with the ${RNGS[run.rng].label} random stream, not the ${RNGS[language].label} one:`,
    `# ${own}`,
    `# Set the playground's random stream to ${RNGS[language].label} to compare masks.`,
  ];
}

function header(run: SnippetRun, language: SnippetLanguage): string {
  return [
    `# Dropout Playground: ${run.variant} dropout, p = ${pyFloat(run.p)} (keep ${pyFloat(1 - run.p)}), seed ${run.seed},`,
    `# shape ${pyTuple(run.shape)}, ${run.dtype}.`,
    ...claim(language, run),
  ].join('\n');
}

/** torch's AlphaDropout on a mask, in Python: y = x·m·a + α·a·(m − 1 + p). */
function alphaLines(module: 'np' | 'jnp'): string[] {
  return [
    `alpha = ${pyFloat(ALPHA)}  # SELU alpha * scale, as torch AlphaDropout writes it; a dropped unit saturates at -alpha`,
    `a = 1 / ${module}.sqrt((alpha ** 2 * p + 1) * (1 - p))`,
    'noise = mask.astype(x.dtype)',
    'y = x * (noise * a) + ((noise - 1) * (alpha * a) + alpha * a * p)',
  ];
}

function torchSnippet(run: SnippetRun): string {
  const dt = `torch.${run.dtype}`;
  const shape = pyTuple(run.shape);
  const x = run.input
    ? `torch.tensor(${pyList(run.input)}, dtype=${dt}).reshape(${shape})`
    : `torch.ones(${shape}, dtype=${dt})  # the mask does not depend on the values`;
  const lines = [header(run, 'torch'), 'import torch', 'import torch.nn.functional as F', '', `x = ${x}`, `p = ${pyFloat(run.p)}`, ''];
  const reduced = pyTuple(maskShape(run));
  switch (run.variant) {
    case 'alpha': {
      const module = run.broadcastDims?.length ? 'FeatureAlphaDropout' : 'AlphaDropout';
      lines.push(`torch.manual_seed(${run.seed})`, `y = torch.nn.${module}(p).train()(x)`);
      lines.push('', '# The mask: the same draws on ones mark the kept units.', `torch.manual_seed(${run.seed})`);
      lines.push(`mask = F.dropout(torch.ones(${reduced}, dtype=${dt}), p, training=True) != 0`);
      break;
    }
    case 'gaussian':
      lines.push("# Gaussian dropout draws normal noise; no framework shares the playground's noise bit for bit.");
      lines.push(
        `torch.manual_seed(${run.seed})`,
        `y = x * (1 + (p / (1 - p)) ** 0.5 * torch.randn_like(x))`,
        `mask = torch.ones_like(x, dtype=torch.bool)`,
      );
      break;
    default: {
      // Feature dropout (Dropout1d/2d/3d) draws one bernoulli per reduced element, exactly as F.dropout on the reduced shape.
      lines.push(`torch.manual_seed(${run.seed})`, `mask = F.dropout(torch.ones(${reduced}, dtype=${dt}), p, training=True) != 0`);
      if (run.variant === 'inverted')
        lines.push(
          `torch.manual_seed(${run.seed})`,
          run.broadcastDims?.length
            ? `y = x * F.dropout(torch.ones(${reduced}, dtype=${dt}), p, training=True)`
            : 'y = F.dropout(x, p, training=True)',
        );
      else lines.push(`y = x * mask  # ${run.variant}: no scaling in training`);
      lines.push(run.variant === 'classic' ? 'y_eval = x * (1 - p)' : 'y_eval = x');
    }
  }
  lines.push('', 'print(mask.expand(x.shape).to(torch.uint8).flatten().tolist())');
  return lines.join('\n') + '\n';
}

function numpySnippet(run: SnippetRun): string {
  const dt = `np.${run.dtype}`;
  const shape = pyTuple(run.shape);
  const x = run.input
    ? `np.array(${pyList(run.input)}, dtype=${dt}).reshape(${shape})`
    : `np.ones(${shape}, dtype=${dt})  # the mask does not depend on the values`;
  const lines = [
    header(run, 'numpy'),
    'import numpy as np',
    '',
    `x = ${x}`,
    `p = ${pyFloat(run.p)}`,
    `keep = ${dt}(1 - p)`,
    `rng = np.random.default_rng(${run.seed})`,
  ];
  if (run.variant === 'gaussian') {
    lines.push("# Gaussian dropout draws normal noise; no framework shares the playground's noise bit for bit.");
    lines.push('y = x * (1 + np.sqrt(p / (1 - p)) * rng.standard_normal(x.shape))', 'mask = np.ones(x.shape, dtype=bool)');
  } else {
    lines.push(`mask = rng.random(${pyTuple(maskShape(run))}, dtype=${dt}) < keep`);
    if (run.variant === 'alpha') lines.push(...alphaLines('np'));
    else lines.push(run.variant === 'inverted' ? 'y = x * mask / keep' : `y = x * mask  # ${run.variant}: no scaling in training`);
  }
  lines.push('', 'print(np.broadcast_to(mask, x.shape).astype(np.uint8).ravel().tolist())');
  return lines.join('\n') + '\n';
}

function jaxSnippet(run: SnippetRun): string {
  const shape = pyTuple(run.shape);
  const dt = `jnp.${run.dtype}`;
  const x = run.input
    ? `jnp.array(${pyList(run.input)}, dtype=${dt}).reshape(${shape})`
    : `jnp.ones(${shape}, dtype=${dt})  # the mask does not depend on the values`;
  const dims = run.broadcastDims?.length ? `, broadcast_dims=${pyTuple(run.broadcastDims)}` : '';
  const lines = [
    header(run, 'jax'),
    'import jax',
    'import jax.numpy as jnp',
    'from flax import nnx',
    '',
    "jax.config.update('jax_threefry_partitionable', True)  # the layout the playground draws (JAX's default from 0.5)",
    `x = ${x}`,
    `p = ${pyFloat(run.p)}`,
    `key = jax.random.PRNGKey(${run.seed})`,
    '',
  ];
  if (run.variant === 'gaussian') {
    lines.push("# Gaussian dropout draws normal noise; no framework shares the playground's noise bit for bit.");
    lines.push('y = x * (1 + (p / (1 - p)) ** 0.5 * jax.random.normal(key, x.shape))', 'mask = jnp.ones(x.shape, dtype=bool)');
  } else {
    lines.push(`mask = jax.random.bernoulli(key, 1 - p, ${pyTuple(maskShape(run))})`);
    if (run.variant === 'alpha') lines.push(...alphaLines('jnp'));
    else
      lines.push(
        run.variant === 'inverted'
          ? `y = nnx.Dropout(p${dims})(x, deterministic=False, rngs=key)`
          : `y = x * mask  # ${run.variant}: no scaling in training`,
      );
  }
  lines.push('', 'print(jnp.broadcast_to(mask, x.shape).astype(jnp.uint8).ravel().tolist())');
  return lines.join('\n') + '\n';
}

export function buildSnippet(language: SnippetLanguage, run: SnippetRun): string {
  switch (language) {
    case 'torch':
      return torchSnippet(run);
    case 'numpy':
      return numpySnippet(run);
    case 'jax':
      return jaxSnippet(run);
  }
}
