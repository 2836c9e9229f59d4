// @ts-check
// Section 2: parse throughput, against JSON.parse as the floor a hand-written
// parser is measured by. Each text holds the same numbers as a JSON text with
// the same digits, and each parse alternates with JSON.parse of that JSON
// text, so both see the same machine load. Warm: the median of several runs
// after a warm-up. Cold: the first call in a fresh process (no JIT warm-up),
// what a user pasting once actually waits for.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { inputText } from './inputs.mjs';
import { errorMessage, median, timeMs } from './stats.mjs';

/** @import { Core } from './bundle.mjs' */
/** @import { Digits, TextFormat } from './inputs.mjs' */
/** @import { ActivationFormat } from '../../src/parse/index.js' */
/** @import { DType } from '../../src/engine/index.js' */
/**
 * One text to time: its shape, how its values are written, and how the parser reads it.
 * @typedef {{ format: TextFormat, parseAs: ActivationFormat, digits: Digits, dtype: DType }} ParseShape
 * @typedef {ParseShape & { n: number }} ParseCase
 * A measured case, or the reason it could not be measured.
 * @typedef {ParseCase & ({ chars: number, parseMs: number, jsonParseMs: number, runs: number, error?: undefined } | { chars: number, error: string })} ParseRow
 */

export const PARSE_TARGET = 2;

const run = promisify(execFile);

/** @param {number} n */
function runsFor(n) {
  if (n <= 1e5) return { warmup: 5, runs: 15 };
  if (n <= 1e6) return { warmup: 2, runs: 7 };
  return { warmup: 1, runs: 3 };
}

/**
 * The texts measured. `format` is the text's shape (see inputs.mjs) and
 * `parseAs` the format handed to the parser; `digits` is how each value is
 * written; `dtype` what the parser reads it into.
 * @type {ParseShape[]}
 */
const SHAPES = [
  { format: 'json', parseAs: 'json', digits: 'float32', dtype: 'float32' },
  { format: 'csv', parseAs: 'csv', digits: 'float32', dtype: 'float32' },
  { format: 'python', parseAs: 'python', digits: 'float32', dtype: 'float32' },
  { format: 'numpy', parseAs: 'python', digits: 'numpySci', dtype: 'float32' },
  // Doubles printed in full take the parser's slow, exact path for 16–19 digits.
  { format: 'json', parseAs: 'json', digits: 'double', dtype: 'float32' },
  { format: 'csv', parseAs: 'csv', digits: 'double', dtype: 'float32' },
  { format: 'json', parseAs: 'json', digits: 'double', dtype: 'float64' },
];

/**
 * Warm cases: every shape at each size up to 1e6; above, the plain JSON text alone.
 * @param {number[]} sizes
 * @returns {ParseCase[]}
 */
export function parseCases(sizes) {
  return sizes.flatMap((n) => (n <= 1e6 ? SHAPES : SHAPES.slice(0, 1)).map((shape) => ({ ...shape, n })));
}

/**
 * Cold cases: the float32-digit texts (what a user most often pastes), up to 1e6 values.
 * @param {number[]} sizes
 * @returns {ParseCase[]}
 */
export function coldParseCases(sizes) {
  const shapes = SHAPES.filter((shape) => shape.digits !== 'double');
  return sizes.filter((n) => n <= 1e6).flatMap((n) => shapes.map((shape) => ({ ...shape, n })));
}

/**
 * The error message when the parser fails on the case or reads the wrong count, else undefined.
 * @param {Core} core
 * @param {string} text
 * @param {ParseCase} parseCase
 */
function parseError(core, text, { parseAs, n, dtype }) {
  try {
    const parsed = core.parseActivations(text, parseAs, { dtype, maxValues: n });
    return parsed.data.length === n ? undefined : `read ${parsed.data.length} values, expected ${n}`;
  } catch (error) {
    return errorMessage(error);
  }
}

/**
 * @param {{ core: Core, sizes: number[], log: (message: string) => void }} options
 * @returns {Promise<ParseRow[]>}
 */
export async function benchParse({ core, sizes, log }) {
  /** @type {ParseRow[]} */
  const rows = [];
  for (const c of parseCases(sizes)) {
    const { format, digits, parseAs, dtype, n } = c;
    const text = inputText(format, n, digits);
    const json = inputText('json', n, digits);
    const name = `parse ${format} (${digits} digits → ${dtype}) ${n}`;
    const error = parseError(core, text, c);
    if (error) {
      rows.push({ ...c, chars: text.length, error });
      log(`${name}: ${error}`);
      continue;
    }
    const { warmup, runs } = runsFor(n);
    const options = { dtype, maxValues: n };
    const ours = [];
    const builtin = [];
    for (let round = 0; round < warmup + runs; round++) {
      const a = timeMs(() => core.parseActivations(text, parseAs, options)).ms;
      const b = timeMs(() => JSON.parse(json)).ms;
      if (round >= warmup) {
        ours.push(a);
        builtin.push(b);
      }
    }
    const row = { ...c, chars: text.length, parseMs: median(ours), jsonParseMs: median(builtin), runs };
    rows.push(row);
    log(`${name}: ${row.parseMs.toFixed(2)} ms vs JSON.parse ${row.jsonParseMs.toFixed(2)} ms`);
  }
  return rows;
}

/**
 * Each cold case in its own fresh process (parseColdChild.mjs), one after another.
 * @param {{ corePath: string, sizes: number[], log: (message: string) => void }} options
 * @returns {Promise<ParseRow[]>}
 */
export async function benchParseCold({ corePath, sizes, log }) {
  /** @type {ParseRow[]} */
  const rows = [];
  for (const c of coldParseCases(sizes)) {
    const { format, digits, parseAs, dtype, n } = c;
    // Write the cached texts here, so the child only reads them.
    const chars = inputText(format, n, digits).length;
    inputText('json', n, digits);
    const name = `cold parse ${format} ${n}`;
    try {
      const child = new URL('parseColdChild.mjs', import.meta.url).pathname;
      const args = [child, corePath, JSON.stringify({ format, digits, parseAs, dtype, n })];
      const { stdout } = await run(process.execPath, args, { maxBuffer: 1 << 20, timeout: 300_000 });
      /** @type {{ parseMs: number, jsonParseMs: number }} */
      const { parseMs, jsonParseMs } = JSON.parse(stdout.trim().split('\n').at(-1) ?? '');
      rows.push({ ...c, chars, parseMs, jsonParseMs, runs: 1 });
      log(`${name}: ${parseMs.toFixed(2)} ms vs JSON.parse ${jsonParseMs.toFixed(2)} ms`);
    } catch (error) {
      rows.push({ ...c, chars, error: errorMessage(error).split('\n')[0] });
      log(`${name}: failed (${errorMessage(error)})`);
    }
  }
  return rows;
}
