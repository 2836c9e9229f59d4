// @ts-check
// Deterministic inputs for the benchmark: float32 activations, and the same
// values written as JSON, CSV, a printed PyTorch tensor and a printed NumPy
// array (so every parser reads the same numbers, and JSON.parse of the JSON
// text with the same digits is a fair yardstick).
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { OUT_DIR } from './bundle.mjs';

/** Columns per row: the texts are [n / COLUMNS, COLUMNS] matrices. */
export const COLUMNS = 100;

/**
 * n standard-normal-ish float32 values from a fixed-seed xorshift (Box–Muller).
 * @param {number} n
 */
export function activations(n, seed = 12345) {
  const out = new Float32Array(n);
  let s = seed >>> 0 || 1;
  const next = () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return (s + 0.5) / 4294967296;
  };
  for (let i = 0; i < n; i += 2) {
    const r = Math.sqrt(-2 * Math.log(next()));
    const t = 2 * Math.PI * next();
    out[i] = r * Math.cos(t);
    if (i + 1 < n) out[i + 1] = r * Math.sin(t);
  }
  return out;
}

/**
 * How each value is written:
 * - float32: 7 significant digits, as a float32 prints;
 * - double: the float32 widened to a double and printed in full (up to 17
 *   digits), as `tensor.tolist()` and `json.dumps` write it;
 * - numpySci: NumPy's scientific float32 repr, 9 significant digits and a
 *   two-digit exponent (`-1.51357204e-01`).
 * @satisfies {Record<string, (value: number) => string>}
 */
const DIGITS = {
  float32: (v) => v.toPrecision(7),
  double: (v) => String(v),
  numpySci: (v) => v.toExponential(8).replace(/e([+-])(\d)$/, 'e$10$2'),
};

/** @typedef {keyof typeof DIGITS} Digits */

/**
 * The values as the cells of each text.
 * @param {number} n
 * @param {Digits} digits
 * @returns {string[]}
 */
function cells(n, digits) {
  const x = activations(n);
  const write = DIGITS[digits];
  const out = new Array(n);
  for (let i = 0; i < n; i++) out[i] = write(x[i]);
  return out;
}

/**
 * @param {string[]} values
 * @param {(row: string[]) => string} each
 */
function rowsOf(values, each) {
  const rows = [];
  for (let r = 0; r < values.length; r += COLUMNS) rows.push(each(values.slice(r, r + COLUMNS)));
  return rows;
}

/**
 * `[[a,b,…],[…]]`
 * @param {string[]} values
 */
function jsonText(values) {
  return '[' + rowsOf(values, (row) => '[' + row.join(',') + ']').join(',\n') + ']';
}

/**
 * One row per line, comma-separated.
 * @param {string[]} values
 */
function csvText(values) {
  return rowsOf(values, (row) => row.join(',')).join('\n') + '\n';
}

/**
 * `tensor([[a, b, …],\n        [...]])` wrapped at eight values per line, as torch prints.
 * @param {string[]} values
 */
function tensorText(values) {
  const indent = '        ';
  const rows = rowsOf(values, (row) => {
    const lines = [];
    for (let i = 0; i < row.length; i += 8) lines.push(row.slice(i, i + 8).join(', '));
    return '[' + lines.join(',\n' + indent + ' ') + ']';
  });
  return 'tensor([' + rows.join(',\n' + indent) + '])';
}

/**
 * `array([[ a,  b, -c,\n         d, …],\n       [...]], dtype=float32)`: three
 * values per line, non-negative ones padded with a space where a sign would be, as NumPy prints.
 * @param {string[]} values
 */
function numpyText(values) {
  const indent = '        ';
  const rows = rowsOf(values, (row) => {
    const lines = [];
    for (let i = 0; i < row.length; i += 3) {
      lines.push(
        row
          .slice(i, i + 3)
          .map((cell) => (cell.startsWith('-') ? cell : ' ' + cell))
          .join(', '),
      );
    }
    return '[' + lines.join(',\n' + indent) + ']';
  });
  return 'array([' + rows.join(',\n' + indent.slice(1)) + '], dtype=float32)';
}

/** @typedef {keyof typeof WRITERS} TextFormat */
const WRITERS = { json: jsonText, csv: csvText, python: tensorText, numpy: numpyText };
/** @type {Record<TextFormat, string>} */
const EXTENSIONS = { json: 'json', csv: 'csv', python: 'txt', numpy: 'numpy.txt' };

/**
 * The text of n values in `format` ('json' | 'csv' | 'python' for a PyTorch
 * tensor | 'numpy' for a NumPy array) with the values written as `digits`
 * says, cached on disk under artifacts/bench/ so child processes read rather
 * than regenerate it.
 * @param {TextFormat} format
 * @param {number} n
 * @param {Digits} [digits]
 */
export function inputText(format, n, digits = 'float32') {
  mkdirSync(OUT_DIR, { recursive: true });
  // Bump the version when the generator changes, so stale caches are not read.
  const style = digits === 'float32' ? '' : `-${digits}`;
  const file = join(OUT_DIR, `input-v1-${n}${style}.${EXTENSIONS[format]}`);
  if (existsSync(file)) return readFileSync(file, 'latin1');
  const text = WRITERS[format](cells(n, digits));
  writeFileSync(file + '.tmp', text, 'latin1');
  renameSync(file + '.tmp', file);
  return text;
}

/**
 * 1e7 values as 1000 rows × 10000 columns of one-decimal numbers: short enough (< 50 MB) that VS Code still hands the document to extensions.
 * @param {number} n
 * @param {number} columns
 */
function shortCsv(n, columns) {
  const x = activations(n);
  const rows = [];
  for (let r = 0; r < n; r += columns) {
    const cells = new Array(columns);
    for (let c = 0; c < columns; c++) cells[c] = x[r + c].toFixed(1);
    rows.push(cells.join(','));
  }
  return rows.join('\n') + '\n';
}

/**
 * The text the UI benchmark opens in the workbench for n values, with its file extension: from 1e7 values the
 * short CSV above (1000 × 10000), below that the JSON text of `inputText`.
 * @param {number} n
 * @returns {{ ext: 'csv' | 'json', text: () => string, label: string }}
 */
export function workbenchInput(n) {
  return n >= 1e7
    ? { ext: 'csv', text: () => shortCsv(n, 10_000), label: 'CSV 1000×10000, 1 decimal' }
    : { ext: 'json', text: () => inputText('json', n), label: 'JSON [n/100][100], 7 digits' };
}
