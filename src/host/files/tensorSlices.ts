// Words and numbers for a tensor file's input, without vscode so they are unit-tested: the slice of a
// tensor too large for the playground (its first rows), the label that says which tensor and slice is
// shown, and the note on converted dtypes.
import type { TensorEntry } from '../../parse';

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

/** "weights.safetensors · encoder.weight, first 100 of 5000 rows": the file, the tensor when it has several, the slice. */
export function fileInputLabel(fileName: string, entry: TensorEntry, tensorsInFile: number, rows?: number): string {
  const tensor = tensorsInFile > 1 ? `${fileName} · ${entry.name}` : fileName;
  if (rows === undefined || entry.shape.length === 0 || rows >= entry.shape[0]) return tensor;
  return `${tensor}, first ${rows} of ${entry.shape[0]} ${entry.shape.length === 1 ? 'values' : 'rows'}`;
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
