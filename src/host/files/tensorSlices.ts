// Words and numbers for a tensor file's input, without vscode so they are unit-tested: the slices of a
// tensor too large for the playground (its first rows, or an index per leading axis), the label that
// says which tensor and slice is shown, and the note on converted dtypes.
import { isWhole, slicedShape, sliceProblem, type TensorEntry, type TensorSlice } from '../../parse';

const count = (shape: readonly number[]) => shape.reduce((n, d) => n * d, 1);

/** Values in one row (one index of the first axis); a 1-D tensor's rows are its values. */
export function rowSize(shape: readonly number[]): number {
  return count(shape.slice(1));
}

/**
 * Row counts to offer for a tensor above `maxValues`, largest first: as many rows as fit, then round
 * numbers below that. Empty when even one row is too large (or the tensor fits, or is a scalar).
 */
export function rowChoices(shape: readonly number[], maxValues: number): number[] {
  if (shape.length === 0 || count(shape) <= maxValues) return [];
  const fit = Math.min(shape[0], Math.floor(maxValues / Math.max(1, rowSize(shape))));
  if (fit < 1) return [];
  const choices = [fit];
  for (let round = 10 ** Math.floor(Math.log10(fit)); round >= 1 && choices.length < 3; round /= 10) {
    if (round < choices[choices.length - 1]) choices.push(round);
  }
  return choices;
}

/**
 * A slice to offer: an index for each of the first `axes` axes (asked for next), then the first `rows`
 * of the next axis (all of it when omitted). `shape` is the part's shape.
 */
export interface SliceOffer {
  axes: number;
  rows?: number;
  shape: number[];
}

/**
 * The slices of a tensor above `maxValues` that fit in it: with d the fewest leading axes whose one
 * index leaves a part that fits, the first rows after d − 1 indices (no index: the tensor's first rows),
 * and one index of each of the d axes. Empty when the tensor fits (or is a scalar).
 */
export function sliceOffers(shape: readonly number[], maxValues: number): SliceOffer[] {
  if (shape.length === 0 || count(shape) <= maxValues) return [];
  let axes = 1;
  while (axes < shape.length && count(shape.slice(axes)) > maxValues) axes++;
  const rest = shape.slice(axes - 1);
  const offers: SliceOffer[] = rowChoices(rest, maxValues).map((rows) => ({ axes: axes - 1, rows, shape: [rows, ...rest.slice(1)] }));
  if (axes < shape.length) offers.push({ axes, shape: shape.slice(axes) });
  return offers;
}

/** The index typed for the first `axes` axes ("3", "0, 5", "[0, 5]"), or why it is not one. */
export function parseIndex(text: string, shape: readonly number[], axes: number): number[] | { problem: string } {
  const parts = text
    .trim()
    .replace(/^\[|\]$/g, '')
    .split(',')
    .map((part) => part.trim());
  if (parts.length !== axes || parts.some((part) => !/^\d+$/.test(part)))
    return { problem: axes === 1 ? 'Type one whole number from 0' : `Type ${axes} whole numbers from 0, separated by commas` };
  const index = parts.map(Number);
  const problem = sliceProblem(shape, { index });
  return problem ? { problem } : index;
}

/**
 * "weights.safetensors · encoder.weight, first 100 of 5000 rows", "acts.npy, slice [3, :, :] of [64, 512, 512]":
 * the file, the tensor when it has several, and the part shown when it is not all of it.
 */
export function fileInputLabel(fileName: string, entry: TensorEntry, tensorsInFile: number, slice: TensorSlice = {}): string {
  const tensor = tensorsInFile > 1 ? `${fileName} · ${entry.name}` : fileName;
  const { shape } = entry;
  if (isWhole(shape, slice)) return tensor;
  const index = slice.index ?? [];
  if (index.length === 0)
    return `${tensor}, first ${slicedShape(shape, slice)[0]} of ${shape[0]} ${shape.length === 1 ? 'values' : 'rows'}`;
  const rowsCut = slice.rows !== undefined && slice.rows < shape[index.length];
  const rest = shape.slice(index.length).map((_, k) => (k === 0 && rowsCut ? `:${slice.rows}` : ':'));
  return `${tensor}, slice [${[...index, ...rest].join(', ')}] of [${shape.join(', ')}]`;
}

/** Says how values of another dtype reach the playground, which computes in float32 or float64. */
export function conversionNote(dtype: string): string | undefined {
  if (dtype === 'float32' || dtype === 'float64') return undefined;
  return dtype === 'int32' || dtype === 'int64' || dtype === 'uint32' || dtype === 'uint64'
    ? `${dtype} values, shown as float32 (exact up to 2^24)`
    : `${dtype} values, shown as float32`;
}

/** "[1000, 512] float32": how a tensor is listed in pickers. */
export function entryDescription(entry: TensorEntry): string {
  return `[${entry.shape.join(', ')}] ${entry.dtype}`;
}
