// Typed access to the dropoutPlayground.* settings. The settings are where the
// user's choices live between sessions; the commands write them globally.
import * as vscode from 'vscode';
import type { DType } from '../engine/types';
import { FRAMEWORKS, MODES, RNG_KINDS, VARIANTS } from '../shared/catalogue';
import { isSeedText, isValidP, MAX_TRIALS } from '../shared/protocol';
import type { PlaygroundSettings } from '../shared/viewModel';

export const SECTION = 'dropoutPlayground';

/** The playground's settings as stored: what the panel shows, plus limits the panel does not. */
export interface StoredSettings extends Pick<PlaygroundSettings, 'p' | 'mode' | 'seed' | 'rng' | 'variant' | 'framework'> {
  dtype: DType;
  maxValues: number;
  monteCarloTrials: number;
}

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

/** Reads the settings, replacing anything malformed (hand-edited settings.json) by the default. */
export function readSettings(): StoredSettings {
  const c = vscode.workspace.getConfiguration(SECTION);
  const p = c.get<unknown>('p');
  const maxValues = c.get<unknown>('maxValues');
  return {
    p: isValidP(p) ? p : DEFAULTS.p,
    mode: pick(c.get('mode'), MODES, DEFAULTS.mode),
    seed: seedToText(c.get('seed')) ?? DEFAULTS.seed,
    rng: pick(c.get('rng'), RNG_KINDS, DEFAULTS.rng),
    variant: pick(c.get('variant'), VARIANTS, DEFAULTS.variant),
    framework: pick(c.get('framework'), FRAMEWORKS, DEFAULTS.framework),
    dtype: pick(c.get('dtype'), ['float32', 'float64'] as const, DEFAULTS.dtype),
    maxValues: typeof maxValues === 'number' && Number.isSafeInteger(maxValues) && maxValues > 0 ? maxValues : DEFAULTS.maxValues,
    monteCarloTrials: wholeNumber(c.get('monteCarloTrials'), 1, MAX_TRIALS) ?? DEFAULTS.monteCarloTrials,
  };
}

type Writable = Omit<StoredSettings, 'maxValues' | 'dtype' | 'monteCarloTrials'>;

/** Writes the changed settings to the user's (global) settings; a seed that fits a JS number is stored as one. */
export async function writeSettings(changes: Partial<Writable>): Promise<void> {
  const c = vscode.workspace.getConfiguration(SECTION);
  for (const [key, value] of Object.entries(changes) as [keyof Writable, unknown][]) {
    let stored = value;
    if (key === 'seed' && typeof value === 'string') {
      const asNumber = Number(value);
      stored = Number.isSafeInteger(asNumber) ? asNumber : value;
    }
    if (c.get(key) !== stored) await c.update(key, stored, vscode.ConfigurationTarget.Global);
  }
}
