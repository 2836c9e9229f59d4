// The playground's settings as the user keeps them, and how a raw value (a hand-edited settings.json)
// becomes a valid one: anything malformed falls back to the default.
import type { DType } from '../engine/types';
import { FRAMEWORKS, MODES, RNG_KINDS, VARIANTS } from '../shared/catalogue';
import { isSeedText, isValidP, MAX_TRIALS } from '../shared/protocol';
import type { PlaygroundSettings } from '../shared/viewModel';

/** The playground's settings as stored: what the panel shows, plus limits the panel does not. */
export interface StoredSettings extends Pick<PlaygroundSettings, 'p' | 'mode' | 'seed' | 'rng' | 'variant' | 'framework'> {
  dtype: DType;
  maxValues: number;
  monteCarloTrials: number;
}

/** What the panel and the commands change; the limits are changed in the settings only. */
export type SettingsChange = Partial<Pick<StoredSettings, 'p' | 'mode' | 'seed' | 'rng' | 'variant' | 'framework'>>;

export const DEFAULTS: StoredSettings = {
  p: 0.5,
  mode: 'train',
  seed: '0',
  rng: 'torch',
  variant: 'inverted',
  framework: 'pytorch',
  dtype: 'float32',
  maxValues: 10_000_000,
  monteCarloTrials: 1000,
};

function pick<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as T) : fallback;
}

/** A seed setting may be a JSON number or a decimal string (for seeds above 2^53). */
export function seedToText(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  if (typeof value === 'string' && isSeedText(value.trim())) return value.trim();
  return undefined;
}

function wholeNumber(value: unknown, min: number, max: number): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= min && value <= max ? value : undefined;
}

/** The settings from raw values (`get(key)` as the settings file holds them), each malformed one replaced by its default. */
export function validSettings(get: (key: keyof StoredSettings) => unknown): StoredSettings {
  const p = get('p');
  const maxValues = get('maxValues');
  return {
    p: isValidP(p) ? p : DEFAULTS.p,
    mode: pick(get('mode'), MODES, DEFAULTS.mode),
    seed: seedToText(get('seed')) ?? DEFAULTS.seed,
    rng: pick(get('rng'), RNG_KINDS, DEFAULTS.rng),
    variant: pick(get('variant'), VARIANTS, DEFAULTS.variant),
    framework: pick(get('framework'), FRAMEWORKS, DEFAULTS.framework),
    dtype: pick(get('dtype'), ['float32', 'float64'] as const, DEFAULTS.dtype),
    maxValues: typeof maxValues === 'number' && Number.isSafeInteger(maxValues) && maxValues > 0 ? maxValues : DEFAULTS.maxValues,
    monteCarloTrials: wholeNumber(get('monteCarloTrials'), 1, MAX_TRIALS) ?? DEFAULTS.monteCarloTrials,
  };
}
