// The dropout APIs the scanner knows, by their full dotted path: whose they are, which variant they
// compute, how they take the probability (drop or keep, by position or keyword, with what default)
// and which axes share one mask value. Written from each framework's signature.
import type { Variant } from '../../engine/types';

/** The frameworks code can name; the same ids as the playground's framework presets. */
export type CodeFramework = 'pytorch' | 'keras' | 'tf1' | 'flax';

/** The variants a framework's dropout layer computes. */
export type CodeVariant = Extract<Variant, 'inverted' | 'alpha' | 'gaussian'>;

/** Which axes of the input share one mask value. */
export type ChannelSharing =
  /** torch Dropout1d/2d/3d: the last `axes` axes, after the channel (batch optional). */
  | { kind: 'torchSpatial'; axes: 1 | 2 | 3 }
  /** Keras SpatialDropout1D/2D/3D on (N, …spatial, C) or, with data_format='channels_first', (N, C, …spatial). */
  | { kind: 'kerasSpatial'; axes: 1 | 2 | 3; channelsFirst: boolean }
  /** torch FeatureAlphaDropout: every axis after the batch and the channel. */
  | { kind: 'afterChannel' }
  /** Flax broadcast_dims as written (negative axes count from the end). */
  | { kind: 'axes'; axes: number[] };

/** One way a call can pass the probability. */
export interface ProbabilityArgument {
  keyword: 'p' | 'rate' | 'keep_prob';
  /** Its position among the arguments, when it can be passed positionally. */
  position?: number;
}

export interface DropoutApi {
  framework: CodeFramework;
  variant: CodeVariant;
  /** The ways the probability can be passed, in the order they are looked for. */
  probability: ProbabilityArgument[];
  /** The probability when none is passed; absent when the framework requires it. */
  defaultP?: number;
  /** Only a call that passes one of `probability` by keyword is this API (tf.nn.dropout is keep_prob in TF1, rate in TF2). */
  keywordRequired?: boolean;
  sharing?: ChannelSharing;
  /** torch's functional forms: `training` (default True) is passed here. */
  training?: { position: number };
  /** Flax: broadcast_dims may give the shared axes. */
  broadcastDims?: { position?: number };
  /** Keras spatial dropout: data_format chooses where the channel is. */
  dataFormat?: boolean;
}

const torchModule = (variant: CodeVariant, sharing?: ChannelSharing): DropoutApi => ({
  framework: 'pytorch',
  variant,
  probability: [{ keyword: 'p', position: 0 }],
  defaultP: 0.5,
  ...(sharing ? { sharing } : {}),
});

const torchFunction = (variant: CodeVariant, sharing?: ChannelSharing): DropoutApi => ({
  framework: 'pytorch',
  variant,
  probability: [{ keyword: 'p', position: 1 }],
  defaultP: 0.5,
  training: { position: 2 },
  ...(sharing ? { sharing } : {}),
});

const keras = (variant: CodeVariant, spatialAxes?: 1 | 2 | 3): DropoutApi => ({
  framework: 'keras',
  variant,
  probability: [{ keyword: 'rate', position: 0 }],
  ...(spatialAxes ? { sharing: { kind: 'kerasSpatial', axes: spatialAxes, channelsFirst: false }, dataFormat: true } : {}),
});

const flax = (broadcastPosition?: number): DropoutApi => ({
  framework: 'flax',
  variant: 'inverted',
  probability: [{ keyword: 'rate', position: 0 }],
  broadcastDims: broadcastPosition === undefined ? {} : { position: broadcastPosition },
});

export const DROPOUT_APIS: ReadonlyMap<string, DropoutApi> = new Map([
  ['torch.nn.Dropout', torchModule('inverted')],
  ['torch.nn.Dropout1d', torchModule('inverted', { kind: 'torchSpatial', axes: 1 })],
  ['torch.nn.Dropout2d', torchModule('inverted', { kind: 'torchSpatial', axes: 2 })],
  ['torch.nn.Dropout3d', torchModule('inverted', { kind: 'torchSpatial', axes: 3 })],
  ['torch.nn.AlphaDropout', torchModule('alpha')],
  ['torch.nn.FeatureAlphaDropout', torchModule('alpha', { kind: 'afterChannel' })],
  ['torch.nn.functional.dropout', torchFunction('inverted')],
  ['torch.nn.functional.dropout1d', torchFunction('inverted', { kind: 'torchSpatial', axes: 1 })],
  ['torch.nn.functional.dropout2d', torchFunction('inverted', { kind: 'torchSpatial', axes: 2 })],
  ['torch.nn.functional.dropout3d', torchFunction('inverted', { kind: 'torchSpatial', axes: 3 })],
  ['torch.nn.functional.alpha_dropout', torchFunction('alpha')],
  ['torch.nn.functional.feature_alpha_dropout', torchFunction('alpha', { kind: 'afterChannel' })],
  ['keras.layers.Dropout', keras('inverted')],
  ['keras.layers.SpatialDropout1D', keras('inverted', 1)],
  ['keras.layers.SpatialDropout2D', keras('inverted', 2)],
  ['keras.layers.SpatialDropout3D', keras('inverted', 3)],
  ['keras.layers.GaussianDropout', keras('gaussian')],
  ['keras.layers.AlphaDropout', keras('alpha')],
  [
    'tensorflow.compat.v1.nn.dropout',
    { framework: 'tf1', variant: 'inverted', probability: [{ keyword: 'keep_prob', position: 1 }, { keyword: 'rate' }] },
  ],
  ['tensorflow.nn.dropout', { framework: 'tf1', variant: 'inverted', probability: [{ keyword: 'keep_prob' }], keywordRequired: true }],
  // linen's Dropout is a dataclass: rate, broadcast_dims, … positionally; nnx takes broadcast_dims by keyword only.
  ['flax.linen.Dropout', flax(1)],
  ['flax.nnx.Dropout', flax()],
]);

/** Other spellings of the same modules. */
const SAME_MODULE: readonly [string, string][] = [
  ['tensorflow.keras.', 'keras.'],
  ['tf_keras.', 'keras.'],
  ['flax.experimental.nnx.', 'flax.nnx.'],
];

/** The dropout API a resolved dotted path names, with its canonical path; undefined when it is not one. */
export function dropoutApi(path: string): { path: string; api: DropoutApi } | undefined {
  const same = SAME_MODULE.find(([alias]) => path.startsWith(alias));
  const canonical = same ? same[1] + path.slice(same[0].length) : path;
  const api = DROPOUT_APIS.get(canonical);
  return api && { path: canonical, api };
}
