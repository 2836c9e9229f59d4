// @ts-check
// Section 1: dropout throughput. For each size and each rng convention the
// engine (twice: into new arrays, and into the previous call's buffers, as the
// compute worker draws), NumPy, PyTorch and a plain copy are timed in
// alternation, round by round, so every ratio compares figures taken in the
// same time window.
import { activations } from './inputs.mjs';
import { errorMessage, median, timeMs } from './stats.mjs';

/** @import { Core } from './bundle.mjs' */
/** @import { Library, PythonBaselines } from './python.mjs' */
/** @import { DropoutSpec, RngKind, Tensor } from '../../src/engine/index.js' */
/**
 * One (size, rng): medians in ms and per-round ratios, or why the engine could not run it.
 * @typedef {{ n: number, rng: RngKind, unavailable: string }} UnavailableRow
 * `fresh*` figures time `dropout(x, spec)` (new arrays each call), the others `dropout(x, spec, into)`
 * with the previous call's buffers: the worker's way, and the one the targets judge.
 * @typedef {{
 *   n: number, rng: RngKind, unavailable?: undefined, engineMs: number, vsNumpy?: number, vsTorch?: number, vsCopy: number,
 *   freshMs: number, freshVsNumpy?: number, freshVsTorch?: number,
 *   numpyMs?: number, torchMs?: number, copyMs: number, runs: number, suspect?: number,
 *   pythonErrors: Partial<Record<Library, string>>,
 * }} MeasuredRow
 * @typedef {UnavailableRow | MeasuredRow} DropoutRow
 */

/** @type {RngKind[]} */
export const RNGS = ['fast', 'torch', 'numpy', 'jax'];
const P = 0.5;

/**
 * Timed runs (after warm-up) per size: more where one run is short and noisy.
 * @param {number} n
 */
function runsFor(n) {
  if (n <= 1e5) return { warmup: 5, runs: 15 };
  if (n <= 1e6) return { warmup: 2, runs: 9 };
  return { warmup: 1, runs: 5 };
}

/**
 * The target each rng is held to, or undefined where none applies at this size:
 * a ratio to a framework, and for `fast` at 1e7 also to the copy floor.
 * @param {RngKind} rng
 * @param {number} n
 * @returns {{ against: Library, max: number, maxVsCopy?: number } | undefined}
 */
export function dropoutTarget(rng, n) {
  if (rng === 'fast') return n >= 1e6 ? { against: 'numpy', max: 0.8, ...(n >= 1e7 ? { maxVsCopy: 10 } : {}) } : undefined;
  if (rng === 'torch') return { against: 'torch', max: 0.7 };
  return { against: 'numpy', max: n >= 1e6 ? 2 : 3 };
}

/**
 * Returns one row per (size, rng): medians in ms, or `unavailable` with the
 * engine's message. `python` may be undefined (no baselines).
 * @param {{ core: Core, python: PythonBaselines | undefined, sizes: number[], log: (message: string) => void }} options
 * @returns {Promise<DropoutRow[]>}
 */
export async function benchDropout({ core, python, sizes, log }) {
  /** @type {DropoutRow[]} */
  const rows = [];
  for (const n of sizes) {
    const x = activations(n);
    /** @type {Tensor} */
    const tensor = { shape: [n], dtype: 'float32', data: x };
    const copy = new Float32Array(n);
    const { warmup, runs } = runsFor(n);
    for (const rng of RNGS) {
      /** @type {DropoutSpec} */
      const spec = { p: P, mode: 'train', seed: 0, rng, variant: 'inverted' };
      let keptFraction;
      try {
        // Only the statistic is kept: the first result's arrays are not held through the timed runs.
        keptFraction = core.dropout(tensor, spec).stats.keptFraction;
      } catch (error) {
        rows.push({ n, rng, unavailable: errorMessage(error) });
        log(`dropout ${n} ${rng}: unavailable (${errorMessage(error)})`);
        continue;
      }
      // A kept fraction far from 1 - p would mean the timing is of something else.
      const suspect = Math.abs(keptFraction - (1 - P)) > 0.05 ? keptFraction : undefined;

      /** @type {number[]} */
      const engine = [];
      /** @type {number[]} */
      const fresh = [];
      /** @type {number[]} */
      const numpy = [];
      /** @type {number[]} */
      const torch = [];
      /** @type {number[]} */
      const floor = [];
      /** @type {Partial<Record<Library, string>>} */
      const pythonErrors = {};
      /**
       * @param {Library} library
       * @param {number[]} into
       */
      const timePython = async (library, into) => {
        if (!python?.has(library) || pythonErrors[library]) return;
        try {
          into.push(await python.time(library, n));
        } catch (error) {
          pythonErrors[library] = errorMessage(error);
        }
      };
      // The buffers the reused calls draw into, made (and their pages touched) before the timed rounds.
      const { mask, output } = core.dropout(tensor, spec);
      const into = { mask, output };
      for (let round = 0; round < warmup + runs; round++) {
        const keep = round >= warmup;
        const f = timeMs(() => core.dropout(tensor, spec)).ms;
        const e = timeMs(() => core.dropout(tensor, spec, into)).ms;
        /** @type {number[]} */
        const np = [];
        /** @type {number[]} */
        const pt = [];
        await timePython('numpy', np);
        await timePython('torch', pt);
        const c = timeMs(() => copy.set(x)).ms;
        if (keep) {
          engine.push(e);
          fresh.push(f);
          numpy.push(...np);
          torch.push(...pt);
          floor.push(c);
        }
      }
      // Ratios are medians of per-round ratios: each pair was timed seconds apart,
      // so a burst of load from elsewhere on the machine hits both sides of it.
      /**
       * @param {number[]} times
       * @param {number[]} base
       */
      const paired = (times, base) => (base.length === times.length ? median(times.map((e, i) => e / base[i])) : undefined);
      const row = {
        n,
        rng,
        engineMs: median(engine),
        vsNumpy: paired(engine, numpy),
        vsTorch: paired(engine, torch),
        vsCopy: paired(engine, floor) ?? NaN,
        freshMs: median(fresh),
        freshVsNumpy: paired(fresh, numpy),
        freshVsTorch: paired(fresh, torch),
        numpyMs: numpy.length ? median(numpy) : undefined,
        torchMs: torch.length ? median(torch) : undefined,
        copyMs: median(floor),
        runs,
        suspect,
        pythonErrors,
      };
      rows.push(row);
      log(
        `dropout ${n} ${rng}: engine ${row.engineMs.toFixed(2)} ms reused, ${row.freshMs.toFixed(2)} ms fresh, numpy ${row.numpyMs?.toFixed(2)} ms, ` +
          `torch ${row.torchMs?.toFixed(2)} ms, copy ${row.copyMs.toFixed(3)} ms`,
      );
    }
  }
  return rows;
}
