// A redraw of 1e7 float32 values into the buffers of the draw before, as the compute worker makes
// one at each change of p: right after a program was started, and with none started. Once a process
// has started another program (the extension host does whenever an extension runs a tool), every
// page it wrote faults again on its next write, as a new page does. dropout() writes the mask and
// the output (50 MB here); leanDropout(), what the worker draws with, writes the mask alone (10 MB)
// and makes the outputs the panel shows on request.
import { spawnSync } from 'node:child_process';
import { median, ms, ratio, timeMs } from './stats.mjs';

/** @import { Core } from './bundle.mjs' */

const ROUNDS = 7;

/**
 * @param {{ core: Core, n: number, log: (line: string) => void }} options
 * @returns {string} the section's table
 */
export function benchStartedProgram({ core, n, log }) {
  const data = new Float32Array(n);
  for (let i = 0; i < n; i++) data[i] = Math.sin(i);
  const tensor = { shape: [n], dtype: /** @type {const} */ ('float32'), data };
  const lines = [
    '| convention | program started | `dropout` (mask and output) | `leanDropout` (mask) | lean / dropout |',
    '|---|---|---|---|---|',
  ];
  for (const rng of /** @type {const} */ (['torch', 'numpy'])) {
    const spec = { p: 0.5, mode: /** @type {const} */ ('train'), seed: 7, rng, variant: /** @type {const} */ ('inverted') };
    // First calls make the buffers (and touch their pages); the timed ones draw into them.
    const full = core.dropout(tensor, spec);
    const fullInto = { mask: full.mask, output: full.output };
    const leanInto = core.leanDropout(tensor, spec).kept;
    for (const started of [true, false]) {
      /** @type {{ full: number[], lean: number[], ratios: number[] }} */
      const t = { full: [], lean: [], ratios: [] };
      for (let round = 0; round < ROUNDS; round++) {
        if (started) spawnSync('true');
        const f = timeMs(() => core.dropout(tensor, spec, fullInto)).ms;
        if (started) spawnSync('true');
        const l = timeMs(() => core.leanDropout(tensor, spec, leanInto)).ms;
        t.full.push(f);
        t.lean.push(l);
        t.ratios.push(l / f);
      }
      log(`redraw ${rng}${started ? ' after a started program' : ''}: dropout ${ms(median(t.full))} ms, lean ${ms(median(t.lean))} ms`);
      lines.push(`| ${rng} | ${started ? 'yes' : 'no'} | ${ms(median(t.full))} | ${ms(median(t.lean))} | ${ratio(median(t.ratios))} |`);
    }
  }
  return lines.join('\n');
}
