// Deterministic inputs for the benchmark: float32 activations, and the same
// values written as JSON, CSV and a printed PyTorch tensor (so every parser
// reads the same numbers, and JSON.parse of the JSON text is a fair yardstick).
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { OUT_DIR } from './bundle.mjs';

/** Columns per row: the texts are [n / COLUMNS, COLUMNS] matrices. */
export const COLUMNS = 100;

/** n standard-normal-ish float32 values from a fixed-seed xorshift (Box–Muller). */
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

/** The values as the cells of each text: 7 significant digits, as a float32 prints. */
function cells(n) {
  const x = activations(n);
  const out = new Array(n);
  for (let i = 0; i < n; i++) out[i] = x[i].toPrecision(7);
  return out;
}

function rowsOf(values, each) {
  const rows = [];
  for (let r = 0; r < values.length; r += COLUMNS) rows.push(each(values.slice(r, r + COLUMNS)));
  return rows;
}

/** `[[a,b,…],[…]]` */
function jsonText(values) {
  return '[' + rowsOf(values, (row) => '[' + row.join(',') + ']').join(',\n') + ']';
}

/** One row per line, comma-separated. */
function csvText(values) {
  return rowsOf(values, (row) => row.join(',')).join('\n') + '\n';
}

/** `tensor([[a, b, …],\n        [...]])` wrapped at eight values per line, as torch prints. */
function tensorText(values) {
  const indent = '        ';
  const rows = rowsOf(values, (row) => {
    const lines = [];
    for (let i = 0; i < row.length; i += 8) lines.push(row.slice(i, i + 8).join(', '));
    return '[' + lines.join(',\n' + indent + ' ') + ']';
  });
  return 'tensor([' + rows.join(',\n' + indent) + '])';
}

const WRITERS = { json: jsonText, csv: csvText, python: tensorText };

/**
 * The text of n values in `format` ('json' | 'csv' | 'python'), cached on disk
 * under artifacts/bench/ so child processes read rather than regenerate it.
 */
export function inputText(format, n) {
  mkdirSync(OUT_DIR, { recursive: true });
  // Bump the version when the generator changes, so stale caches are not read.
  const file = join(OUT_DIR, `input-v1-${n}.${format === 'python' ? 'txt' : format}`);
  if (existsSync(file)) return readFileSync(file, 'latin1');
  const text = WRITERS[format](cells(n));
  writeFileSync(file + '.tmp', text, 'latin1');
  renameSync(file + '.tmp', file);
  return text;
}
