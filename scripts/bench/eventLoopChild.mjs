// @ts-check
// Runs in its own process: loads and runs n values through the compute client
// (the worker thread, or inline on this thread) while a 10 ms interval on the
// main thread records how late each tick fires. Prints one JSON line.
//   node eventLoopChild.mjs <compute.cjs> <worker.cjs> <worker|inline> <n>
import { createRequire } from 'node:module';
import { inputText } from './inputs.mjs';

/** @import { Compute } from './bundle.mjs' */
/** @import { LoadRequest, RunSettings } from '../../src/compute/session.js' */
/**
 * What this child prints: the worst and 99th-percentile lateness of the ticks, the worst during
 * the load and during the run, and how long each took; `error` when the load or run failed.
 * @typedef {{
 *   where: 'worker' | 'inline', n: number, error: string | undefined, ticks: number, maxLateMs: number, p99LateMs: number,
 *   maxLateLoadMs: number, maxLateRunMs: number, loadMs: number, runMs: number,
 * }} EventLoopResult
 */

const [computePath, workerPath, where, nArg] = process.argv.slice(2);
const n = Number(nArg);
/** @type {Compute} */
const { WorkerCompute, InlineCompute } = createRequire(import.meta.url)(computePath);

const INTERVAL_MS = 10;
const text = inputText('json', n);
const compute = where === 'worker' ? new WorkerCompute(workerPath) : new InlineCompute();
/** @type {LoadRequest} */
const request = {
  text,
  format: 'json',
  dtype: 'float32',
  origin: { line: 1, column: 1 },
  maxValues: n,
  label: 'benchmark input',
};
/** @type {RunSettings} */
const settings = { p: 0.5, mode: 'train', seed: '0', rng: 'torch', variant: 'inverted', broadcastDims: [] };

if (where === 'worker') {
  // Start the thread before the clock runs: its start-up is not what is measured.
  const warm = await compute.load({ ...request, text: '[1, 2, 3]', maxValues: 3 });
  if (!warm.ok) throw new Error(warm.error.message);
}

// Each tick is filed under the phase it fired in, so a late tick can be
// blamed on the load (parse, and sending the text) or on the run.
/** @type {number[]} */
const lateness = [];
const worstByPhase = { load: 0, run: 0 };
/** @type {'idle' | keyof typeof worstByPhase | 'after'} */
let phase = 'idle';
let last = process.hrtime.bigint();
const timer = setInterval(() => {
  const now = process.hrtime.bigint();
  const late = Math.max(0, Number(now - last) / 1e6 - INTERVAL_MS);
  lateness.push(late);
  if (phase === 'load' || phase === 'run') worstByPhase[phase] = Math.max(worstByPhase[phase], late);
  last = now;
}, INTERVAL_MS);

/** @param {number} msDelay */
const sleep = (msDelay) => new Promise((resolve) => setTimeout(resolve, msDelay));
await sleep(50);
phase = 'load';
const t0 = process.hrtime.bigint();
const loaded = await compute.load(request);
// Let the overdue tick fire (the next timers phase) so it counts against the load.
await sleep(1);
phase = 'run';
const t1 = process.hrtime.bigint();
const ran = loaded.ok ? await compute.run(settings) : undefined;
await sleep(1);
phase = 'after';
const t2 = process.hrtime.bigint();
await sleep(50);
clearInterval(timer);
compute.dispose();

const sorted = lateness.slice().sort((a, b) => a - b);
const p99 = sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(0.99 * sorted.length) - 1)] : NaN;
const error = !loaded.ok ? loaded.error.message : ran && !ran.ok ? ran.error.message : undefined;
/** @type {EventLoopResult} */
const result = {
  where: where === 'worker' ? 'worker' : 'inline',
  n,
  error,
  ticks: sorted.length,
  maxLateMs: sorted.at(-1) ?? NaN,
  p99LateMs: p99,
  maxLateLoadMs: worstByPhase.load,
  maxLateRunMs: worstByPhase.run,
  loadMs: Number(t1 - t0) / 1e6,
  runMs: Number(t2 - t1) / 1e6,
};
console.log(JSON.stringify(result));
process.exit(0);
