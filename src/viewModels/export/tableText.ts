// The inputs-and-outputs table as text to paste elsewhere: CSV, a Markdown
// table, or JSON. Every value is written so that reading it back gives the
// same number: the shortest text that rounds to it in the input's dtype, −0
// kept as -0, and NaN and the infinities spelled as Python and pandas read
// them. Pure: no vscode, Node or DOM.
import type { DType } from '../../engine/types';
import type { Mode } from '../../shared/catalogue';
import type { TableFormat } from '../../shared/protocol';
import type { ValueWindow } from '../../shared/viewModel';

export interface TableFacts {
  shape: readonly number[];
  dtype: DType;
  mode: Mode;
}

/** The shortest decimal that reads back as `v` (as a float32 when the data is float32). */
export function exactNumber(v: number, dtype: DType): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? 'Infinity' : '-Infinity';
  if (Object.is(v, -0)) return '-0';
  if (dtype === 'float64') return String(v);
  for (let digits = 1; digits <= 9; digits++) {
    const text = Number(v.toPrecision(digits));
    if (Math.fround(text) === v) return String(text);
  }
  return String(v);
}

/** The column names: the flat index, one per axis for an N-D input, the input, this mode's output, the mask. */
export function tableHeader(facts: TableFacts): string[] {
  const axes = facts.shape.length >= 2 ? facts.shape.map((_, axis) => `axis${axis}`) : [];
  return ['index', ...axes, 'input', `output (${facts.mode})`, facts.mode === 'train' ? 'mask' : 'mask (eval)'];
}

/** One row per unit: the cells as text, the mask as 1 (kept) or 0 (dropped); at eval every unit is kept. */
export function tableRows(values: ValueWindow, facts: TableFacts): string[][] {
  const { shape, dtype, mode } = facts;
  const rows: string[][] = [];
  for (let i = 0; i < values.input.length; i++) {
    const flat = values.offset + i;
    const position: string[] = [];
    if (shape.length >= 2) {
      let rest = flat;
      for (let axis = shape.length - 1; axis >= 0; axis--) {
        position.unshift(String(rest % shape[axis]));
        rest = Math.floor(rest / shape[axis]);
      }
    }
    const kept = mode === 'eval' || values.mask[i] === 1;
    rows.push([String(flat), ...position, exactNumber(values.input[i], dtype), exactNumber(values.output[i], dtype), kept ? '1' : '0']);
  }
  return rows;
}

/** The table in `format`; CSV and Markdown end with a newline. */
export function tableText(format: TableFormat, values: ValueWindow, facts: TableFacts): string {
  const header = tableHeader(facts);
  const rows = tableRows(values, facts);
  switch (format) {
    case 'csv':
      // No cell holds a comma, a quote or a line break: nothing needs quoting.
      return [header, ...rows].map((row) => row.join(',')).join('\n') + '\n';
    case 'markdown': {
      const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
      const maskColumn = header.length - 1;
      const align = header.map((_, c) => (c === maskColumn ? ':--' : '--:'));
      const words = rows.map((row) => row.map((cell, c) => (c === maskColumn ? (cell === '1' ? 'kept' : 'dropped') : cell)));
      return [line(header), line(align), ...words.map(line)].join('\n') + '\n';
    }
    case 'json': {
      // Numbers as JSON numbers (-0 included); NaN and the infinities, which JSON has no numbers for, as strings.
      const value = (text: string) => (/^-?\d/.test(text) ? text : JSON.stringify(text));
      const objects = rows.map(
        (row) =>
          `  {${header.map((name, c) => `${JSON.stringify(name)}: ${c === header.length - 1 ? row[c] : value(row[c])}`).join(', ')}}`,
      );
      return `[\n${objects.join(',\n')}\n]\n`;
    }
  }
}
