// Framework presets: how each framework names the probability and whose random
// stream reproduces its masks. A preset changes labels and the convention,
// never the maths: p is always the DROP probability inside the playground.
// Pure: shared by the host and the webview.
import type { RngKind } from './engine/types';

export type Framework = 'pytorch' | 'numpy' | 'flax' | 'keras' | 'tf1';

export const FRAMEWORKS: readonly Framework[] = ['pytorch', 'numpy', 'flax', 'keras', 'tf1'];

export interface FrameworkPreset {
  label: string;
  /** The argument's name in the framework's API. */
  parameter: string;
  /** Whether that argument is the keep probability (TF1's keep_prob) rather than the drop probability. */
  parameterIsKeep: boolean;
  /** The convention that draws this framework's masks, or the closest the playground has. */
  rng: RngKind;
  /** How faithful the masks are. */
  note: string;
}

export const FRAMEWORK_PRESETS: Record<Framework, FrameworkPreset> = {
  pytorch: { label: 'PyTorch', parameter: 'p', parameterIsKeep: false, rng: 'torch', note: 'nn.Dropout(p): masks bit-identical on CPU.' },
  numpy: { label: 'NumPy', parameter: 'p', parameterIsKeep: false, rng: 'numpy', note: 'rng.random(shape) < 1 − p: masks bit-identical.' },
  flax: { label: 'Flax', parameter: 'rate', parameterIsKeep: false, rng: 'jax', note: 'nnx.Dropout(rate): masks bit-identical for a PRNGKey.' },
  keras: { label: 'Keras', parameter: 'rate', parameterIsKeep: false, rng: 'fast', note: "Dropout(rate): Keras draws from its backend's seed generator, so its masks are not reproduced." },
  tf1: { label: 'TensorFlow 1', parameter: 'keep_prob', parameterIsKeep: true, rng: 'fast', note: 'tf.nn.dropout(x, keep_prob): the KEEP probability, 1 − p. Masks are not reproduced.' },
};

/** "rate = 0.4" or "keep_prob = 0.6": the framework's own argument for this drop probability. */
export function frameworkArgument(framework: Framework, p: number, format: (v: number) => string): string {
  const preset = FRAMEWORK_PRESETS[framework];
  return `${preset.parameter} = ${format(preset.parameterIsKeep ? 1 - p : p)}`;
}
