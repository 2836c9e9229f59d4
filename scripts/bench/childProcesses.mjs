// @ts-check
// Sections 3 and 4: each measurement in a fresh Node process, so one
// section's heap and JIT state do not colour the next.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { inputText } from './inputs.mjs';
import { errorMessage } from './stats.mjs';

/** @import { EventLoopResult } from './eventLoopChild.mjs' */
/** @import { MemoryResult } from './memoryChild.mjs' */
/**
 * @typedef {{ compute: string, worker: string }} ComputeBundles
 * @typedef {'worker' | 'inline'} Where
 * @typedef {EventLoopResult | { where: Where, n: number, error: string, maxLateMs?: undefined }} EventLoopRow
 * @typedef {MemoryResult | { n: number, error: string }} MemoryRun
 * @typedef {{ n: number, small?: MemoryRun, large?: MemoryRun, inlineSmall?: MemoryRun, inline?: MemoryRun }} MemoryRows
 */

const run = promisify(execFile);
/** @param {string} name */
const here = (name) => new URL(name, import.meta.url).pathname;

/**
 * Runs a child script of this folder; its last line of output is its result as JSON.
 * @param {string[]} args
 * @returns {Promise<unknown>}
 */
async function childJson(args) {
  const { stdout } = await run(process.execPath, args, { maxBuffer: 1 << 20, timeout: 300_000 });
  const lines = stdout.trim().split('\n');
  return JSON.parse(lines.at(-1) ?? '');
}

/**
 * Lateness of a 10 ms main-thread interval while n values load and run: through the worker, then inline.
 * @param {{ bundles: ComputeBundles, n: number, log: (message: string) => void }} options
 * @returns {Promise<EventLoopRow[]>}
 */
export async function benchEventLoop({ bundles, n, log }) {
  inputText('json', n); // write the cached text once, before the children read it
  /** @type {EventLoopRow[]} */
  const rows = [];
  for (const where of /** @type {Where[]} */ (['worker', 'inline'])) {
    try {
      const row = /** @type {EventLoopResult} */ (
        await childJson([here('eventLoopChild.mjs'), bundles.compute, bundles.worker, where, String(n)])
      );
      rows.push(row);
      log(
        `event loop ${where} ${n}: max ${row.maxLateMs.toFixed(1)} ms, p99 ${row.p99LateMs.toFixed(1)} ms${row.error ? ` (${row.error})` : ''}`,
      );
    } catch (error) {
      rows.push({ where, n, error: errorMessage(error).split('\n')[0] });
      log(`event loop ${where} ${n}: failed (${errorMessage(error)})`);
    }
  }
  return rows;
}

/**
 * Peak RSS added by load + run at n values through the worker, the same at a
 * tiny input (the fixed cost of a worker thread and the code, so the per-value
 * cost can be read apart from the constant), and the same work inline (so the
 * cost of handing the text to the worker can be told apart from the parse and
 * the engine).
 * @param {{ bundles: ComputeBundles, n: number, log: (message: string) => void }} options
 * @returns {Promise<MemoryRows>}
 */
export async function benchMemory({ bundles, n, log }) {
  const SMALL = 1000;
  /** @type {MemoryRows} */
  const result = { n };
  /** @type {['small' | 'large' | 'inlineSmall' | 'inline', Where, number][]} */
  const runs = [
    ['small', 'worker', SMALL],
    ['large', 'worker', n],
    ['inlineSmall', 'inline', SMALL],
    ['inline', 'inline', n],
  ];
  for (const [key, where, size] of runs) {
    inputText('json', size);
    try {
      const measured = /** @type {MemoryResult} */ (
        await childJson(['--expose-gc', here('memoryChild.mjs'), bundles.compute, bundles.worker, where, String(size)])
      );
      result[key] = measured;
      const added = measured.addedBytes / 2 ** 20;
      log(`memory ${where} ${size}: +${added.toFixed(1)} MB${measured.error ? ` (${measured.error})` : ''}`);
    } catch (error) {
      result[key] = { n: size, error: errorMessage(error).split('\n')[0] };
      log(`memory ${where} ${size}: failed (${errorMessage(error)})`);
    }
  }
  return result;
}
