// The sentences the panel's controls show about themselves: what is wrong with
// a typed value (and what still applies), what a typed seed waits for, and what
// sharing a mask value along some axes means for this shape. Pure, so the unit
// tests read them without a browser.
import { isSeedText } from '../src/shared/protocol';
import { formatProbability } from '../src/shared/numberFormat';

/** A message under a field: an error (the value was refused) or a hint (the value waits to be applied). */
export interface FieldMessage {
  kind: 'error' | 'hint';
  text: string;
}

/** Long pasted text is cut in the message; the field still holds all of it. */
function quoted(text: string): string {
  return `“${text.length > 24 ? `${text.slice(0, 24)}…` : text}”`;
}

/**
 * What the seed field should say about its text, given the seed the mask was
 * drawn with. While the user is still typing (`committed` false) an empty field
 * or a lone sign is on its way to a number: a hint, not an error.
 */
export function seedFieldMessage(typed: string, applied: string, committed: boolean): FieldMessage | undefined {
  const text = typed.trim();
  if (text === applied) return undefined;
  if (!committed && /^[-+]?$/.test(text)) return { kind: 'hint', text: 'Type a whole number, then press Enter or leave the field.' };
  if (!isSeedText(text)) {
    const what = text === '' ? 'The seed is empty' : `${quoted(text)} is not a whole number`;
    return { kind: 'error', text: `${what}: type a seed such as 0, 42 or 18446744073709551623. The mask still uses seed ${applied}.` };
  }
  return { kind: 'hint', text: `Press Enter or leave the field to draw the mask with seed ${text}.` };
}

/**
 * What the p field should say about its text. `unreadable` is the browser's
 * verdict on a number field that holds something that is not a number (its
 * value then reads as empty).
 */
export function pFieldMessage(typed: string, unreadable: boolean, applied: number): FieldMessage | undefined {
  const stays = `p stays ${formatProbability(applied)}.`;
  if (unreadable || typed.trim() === '') return { kind: 'error', text: `Type p as a number from 0 to 1, for example 0.4. ${stays}` };
  const p = Number(typed);
  if (!Number.isFinite(p)) return { kind: 'error', text: `${quoted(typed.trim())} is not a number: type p from 0 to 1. ${stays}` };
  if (p < 0 || p > 1)
    return {
      kind: 'error',
      text: `p = ${typed.trim()} is not a probability: p goes from 0 (keep every unit) to 1 (drop every unit). ${stays}`,
    };
  return undefined;
}

/** Whether sharing along `dims` is channel-wise dropout: the spatial axes (2 onwards) of an N × C × … tensor. */
function isChannelWise(rank: number, dims: readonly number[]): boolean {
  return rank >= 3 && dims.length === rank - 2 && dims.every((d) => d >= 2);
}

/** "one mask value per column, shared down its rows (draws on a 1 × 4 shape)", and so on, true for this shape. */
export function sharingNote(shape: readonly number[], dims: readonly number[]): string {
  if (dims.length === 0) return 'element-wise: one mask value per unit';
  const drawn = shape.map((s, a) => (dims.includes(a) ? '1' : String(s))).join(' × ');
  const draws = `(draws on a ${drawn} shape)`;
  if (dims.length === shape.length) return `one mask value for all ${shape.reduce((a, b) => a * b, 1)} units ${draws}`;
  if (shape.length === 2) {
    return dims[0] === 0
      ? `one mask value per column, shared down its rows ${draws}`
      : `one mask value per row, shared across its columns ${draws}`;
  }
  if (isChannelWise(shape.length, dims)) {
    // torch has Dropout1d, 2d and 3d only: name it for ranks 3 to 5.
    const torchName = shape.length <= 5 ? `, as torch Dropout${shape.length - 2}d on N × C × …` : '';
    return `channel-wise${torchName}: one mask value per sample and channel ${draws}`;
  }
  const kept = shape.map((_, a) => a).filter((a) => !dims.includes(a));
  const along = [...dims].sort((a, b) => a - b);
  return `one mask value per index of ${axesText(kept)}, shared along ${axesText(along)} ${draws}`;
}

const axesText = (axes: readonly number[]) => `${axes.length === 1 ? 'axis' : 'axes'} ${axes.join(', ')}`;
