// Framework presets: how each framework names the probability and, where the
// playground has it, whose random stream reproduces its masks. Choosing PyTorch,
// NumPy or Flax also switches the random stream to theirs (a new mask, and the
// panel and the command say so); Keras and TF1 have no stream here, so choosing
// them changes names only. p is always the DROP probability inside the playground.
import type { RngKind } from '../../engine/types';
import { RNGS } from './rngs';

export type Framework = 'pytorch' | 'numpy' | 'flax' | 'keras' | 'tf1';

export const FRAMEWORKS: readonly Framework[] = ['pytorch', 'numpy', 'flax', 'keras', 'tf1'];

export interface FrameworkPreset {
  label: string;
  /** The argument's name in the framework's API. */
  parameter: string;
  /** Whether that argument is the keep probability (TF1's keep_prob) rather than the drop probability. */
  parameterIsKeep: boolean;
  /** The stream that draws this framework's masks bit for bit; none when the playground cannot reproduce them. */
  rng?: RngKind;
  /** What the preset does, for the picker. */
  note: string;
}

export const FRAMEWORK_PRESETS: Record<Framework, FrameworkPreset> = {
  pytorch: {
    label: 'PyTorch',
    parameter: 'p',
    parameterIsKeep: false,
    rng: 'torch',
    note: "nn.Dropout(p). Switches the random stream to PyTorch's: masks bit-identical on CPU.",
  },
  numpy: {
    label: 'NumPy',
    parameter: 'p',
    parameterIsKeep: false,
    rng: 'numpy',
    note: "rng.random(shape) < 1 − p. Switches the random stream to NumPy's: masks bit-identical.",
  },
  flax: {
    label: 'Flax',
    parameter: 'rate',
    parameterIsKeep: false,
    rng: 'jax',
    note: "nnx.Dropout(rate). Switches the random stream to JAX's: masks bit-identical for a PRNGKey.",
  },
  keras: {
    label: 'Keras',
    parameter: 'rate',
    parameterIsKeep: false,
    note: "Dropout(rate). Keras draws from its backend's seed generator, which the playground does not reproduce: names only, the random stream stays.",
  },
  tf1: {
    label: 'TensorFlow 1',
    parameter: 'keep_prob',
    parameterIsKeep: true,
    note: 'tf.nn.dropout(x, keep_prob): the KEEP probability, 1 − p. TF1 masks are not reproduced: names only, the random stream stays.',
  },
};

/** "rate = 0.4" or "keep_prob = 0.6": the framework's own argument for this drop probability. */
export function frameworkArgument(framework: Framework, p: number, format: (v: number) => string): string {
  const preset = FRAMEWORK_PRESETS[framework];
  return `${preset.parameter} = ${format(preset.parameterIsKeep ? 1 - p : p)}`;
}

/** The stream choosing `framework` leaves in place: its own when the playground has it, otherwise `current`. */
export function streamAfterChoosing(framework: Framework, current: RngKind, available: readonly RngKind[]): RngKind {
  const own = FRAMEWORK_PRESETS[framework].rng;
  return own !== undefined && available.includes(own) ? own : current;
}

/** Whether the mask the playground draws is the one this framework would draw, in one sentence. */
export function maskOrigin(framework: Framework, rng: RngKind): string {
  const preset = FRAMEWORK_PRESETS[framework];
  const stream = `the ${RNGS[rng].label} random stream`;
  if (preset.rng === rng) return `Masks are ${preset.label}'s own, bit for bit (${stream}).`;
  if (preset.rng === undefined) return `${preset.label}'s masks cannot be reproduced: ${stream} draws this one.`;
  return `Not ${preset.label}'s masks: ${stream} draws this one.`;
}

/** What choosing a framework did, for the command's feedback; says when the stream, and so the mask, changed. */
export function frameworkChangeMessage(framework: Framework, before: RngKind, after: RngKind): string {
  const preset = FRAMEWORK_PRESETS[framework];
  const names = `${preset.label}'s names (${preset.parameter})`;
  return before === after
    ? `Dropout: ${names}; the random stream stays ${RNGS[after].label}, so the mask is unchanged.`
    : `Dropout: ${names}; random stream switched from ${RNGS[before].label} to ${RNGS[after].label}, so the mask changed.`;
}
