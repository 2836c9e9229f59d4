// Messages a person reads in the panel. The position travels separately (on the
// ParseError), so none of these repeat the line or column.

export function plural(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

export const EMPTY_TEXT =
  'The selection is empty. Select a JSON array, rows of numbers (CSV, TSV or space-separated) or a printed NumPy/PyTorch tensor.';

export const ABBREVIATED =
  'This printout is abbreviated: "..." stands for values that were never printed, so the tensor cannot be rebuilt from it. ' +
  'Print it in full and select that instead: for NumPy run `import sys, numpy as np; np.set_printoptions(threshold=sys.maxsize)`, ' +
  'for PyTorch run `torch.set_printoptions(profile="full")`, then print the tensor again.';

export function tooManyValues(maxValues: number): string {
  return `The selection has more than ${plural(maxValues, 'value', 'values')}, the most the playground accepts (the maxValues setting). Select fewer values or raise the limit.`;
}

/** How an unexpected token looks to a person: a short quote of the text at `pos`. */
export function quoteToken(text: string, pos: number): string {
  if (pos >= text.length) return 'the end of the text';
  let end = pos;
  while (end < text.length && end - pos < 24) {
    const c = text.charCodeAt(end);
    const word =
      (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 46 || c === 45 || c === 43 || c > 127;
    if (!word) break;
    end++;
  }
  if (end === pos) end = pos + (text.codePointAt(pos)! > 0xffff ? 2 : 1);
  return `"${text.slice(pos, end)}"`;
}

/** A number too large for the dtype it is stored in (it became ±Infinity), and what to do about it. */
export function overflowWarning(token: string, line: number, column: number, dtype: 'float32' | 'float64', printout: boolean): string {
  const became = token.trimStart().startsWith('-') ? '−Infinity' : 'Infinity';
  const where = `${token} at line ${line}, column ${column} is too large for ${dtype} and became ${became}`;
  if (dtype === 'float64') return `${where}.`;
  const fix = printout
    ? 'add dtype=float64 to the printout or set dropoutPlayground.dtype to float64'
    : 'set dropoutPlayground.dtype to float64';
  return `${where}; ${fix}.`;
}

/** Text with no number in it: what was found instead (the first few words). */
export function onlyWords(words: readonly string[]): string {
  const shown = words
    .filter((w) => w.length > 0)
    .slice(0, 4)
    .map((w) => `"${w.length > 24 ? `${w.slice(0, 24)}…` : w}"`);
  const more = words.length > shown.length ? ` and ${plural(words.length - shown.length, 'more', 'more')}` : '';
  const found = shown.length ? `only words: ${shown.join(', ')}${more}` : 'only empty cells';
  return (
    `No numbers found, ${found}. A row of words reads as a header row but no rows of numbers are under it. ` +
    'Select a JSON array, rows of numbers (CSV, TSV or space-separated) or a printed NumPy/PyTorch tensor.'
  );
}
