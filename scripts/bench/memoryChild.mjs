// @ts-check
// Runs in its own process: the peak resident memory that loading and running
// n values through the compute worker adds, beyond what the process held with
// the input text already in hand. Prints one JSON line.
// maxRSS covers the whole process, worker thread included.
//   node memoryChild.mjs <compute.cjs> <worker.cjs> <worker|inline> <n>
// 'inline' does the same work on this thread: the difference between the two
// is what handing the text to a worker costs.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { inputText } from './inputs.mjs';

/** @import { Compute } from './bundle.mjs' */
/**
 * What this child prints: the resident size with the text in hand, the peak, and the difference;
 * `error` when the load or run failed.
 * @typedef {{
 *   where: 'worker' | 'inline', n: number, error: string | undefined, textChars: number,
 *   baselineBytes: number, peakBytes: number, addedBytes: number,
 * }} MemoryResult
 */

/**
 * The process's peak resident size in bytes. On Linux this reads VmHWM, the
 * high-water mark of this process image alone: getrusage's maxRSS (what
 * process.resourceUsage().maxRSS reports) carries the parent's resident size
 * over fork + exec, so in a child of a large benchmark process it would start
 * at the parent's figure. Elsewhere, maxRSS.
 */
function peakRss() {
  try {
    const match = /^VmHWM:\s*(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (match) return Number(match[1]) * 1024;
  } catch {
    // No procfs: fall through.
  }
  return process.resourceUsage().maxRSS * 1024;
}

const [computePath, workerPath, where, nArg] = process.argv.slice(2);
const n = Number(nArg);
/** @type {Compute} */
const { WorkerCompute, InlineCompute } = createRequire(import.meta.url)(computePath);

// The document text exists before the playground opens (the editor holds it).
// The baseline is the resident size now, after a collection: what the process
// holds with the text in hand, not a transient peak from reading it.
const text = inputText('json', n);
globalThis.gc?.();
const baselineBytes = process.memoryUsage().rss;

const compute = where === 'inline' ? new InlineCompute() : new WorkerCompute(workerPath);
const loaded = await compute.load({
  text,
  format: 'json',
  dtype: 'float32',
  origin: { line: 1, column: 1 },
  maxValues: n,
  label: 'benchmark input',
});
// Two runs: the worker keeps two sets of draw buffers, and the second run makes the second set.
/** @param {number} p */
const runAt = (p) => compute.run({ p, mode: 'train', seed: '0', rng: 'torch', variant: 'inverted', broadcastDims: [] });
const first = loaded.ok ? await runAt(0.5) : undefined;
const ran = first?.ok ? await runAt(0.4) : first;
const peakBytes = peakRss();
compute.dispose();

const error = !loaded.ok ? loaded.error.message : ran && !ran.ok ? ran.error.message : undefined;
/** @type {MemoryResult} */
const result = {
  where: where === 'inline' ? 'inline' : 'worker',
  n,
  error,
  textChars: text.length,
  baselineBytes,
  peakBytes,
  addedBytes: peakBytes - baselineBytes,
};
console.log(JSON.stringify(result));
process.exit(0);
