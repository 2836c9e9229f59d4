// @ts-check
// Where the time goes: profiles the engine, the parser or the compute worker's
// side of the panel (unminified bundles, so functions keep their names) with
// the built-in inspector and prints the functions with the most self time.
//   node scripts/bench/profile.mjs dropout <fast|torch|numpy|jax> <n>
//   node scripts/bench/profile.mjs parse <json|csv|python> <n>
//   node scripts/bench/profile.mjs panel <redraw|open> <n>
// `panel` works on the UI benchmark's input of n values (workbenchInput), in process (InlineCompute):
// `redraw` is a p change (the draw and the view the panel gets), `open` the first load and run.
import { Session } from 'node:inspector/promises';
import { createRequire } from 'node:module';
import { bundleForBench } from './bundle.mjs';
import { activations, inputText, workbenchInput } from './inputs.mjs';

/** @import { Compute, Core } from './bundle.mjs' */
/** @import { DropoutSpec, RngKind, Tensor } from '../../src/engine/index.js' */
/** @import { ActivationFormat } from '../../src/parse/index.js' */
/** @import { LoadRequest, RunSettings } from '../../src/compute/types.js' */

/** @type {RngKind[]} */
const RNG_KINDS = ['fast', 'torch', 'numpy', 'jax'];
/** @type {ActivationFormat[]} */
const FORMATS = ['json', 'csv', 'python'];
/** @typedef {'redraw' | 'open'} PanelWork */
/** @type {PanelWork[]} */
const PANEL_WORK = ['redraw', 'open'];
/**
 * @template {string} T
 * @param {readonly T[]} allowed
 * @param {string | undefined} value
 * @returns {value is T}
 */
const isOneOf = (allowed, value) => allowed.some((a) => a === value);

const [what, kind, nArg] = process.argv.slice(2);
const n = Number(nArg ?? 1e6);

/** @type {(core: Core) => () => unknown} The call to profile, given the built engine and parser. */
let workOn = () => () => undefined;
/** @type {((compute: Compute) => () => unknown) | undefined} The call to profile, given the built compute client. */
let panelWorkOn;
if (what === 'dropout' && isOneOf(RNG_KINDS, kind)) {
  /** @type {Tensor} */
  const tensor = { shape: [n], dtype: 'float32', data: activations(n) };
  /** @type {DropoutSpec} */
  const spec = { p: 0.5, mode: 'train', seed: 0, rng: kind, variant: 'inverted' };
  workOn = (core) => () => core.dropout(tensor, spec);
} else if (what === 'parse' && isOneOf(FORMATS, kind)) {
  const text = inputText(kind, n);
  workOn = (core) => () => core.parseActivations(text, kind, { dtype: 'float32', maxValues: n });
} else if (what === 'panel' && isOneOf(PANEL_WORK, kind)) {
  panelWorkOn = panelWork(kind, workbenchInput(n).text());
} else {
  console.error('usage: profile.mjs dropout <fast|torch|numpy|jax> <n> | parse <json|csv|python> <n> | panel <redraw|open> <n>');
  process.exit(2);
}

/**
 * @param {PanelWork} kind
 * @param {string} text
 * @returns {(compute: Compute) => () => unknown}
 */
function panelWork(kind, text) {
  /** @type {LoadRequest} */
  const request = { text, dtype: 'float32', origin: { line: 1, column: 1 }, maxValues: n, label: 'benchmark input' };
  /** @param {number} p @returns {RunSettings} */
  const settings = (p) => ({ p, mode: 'train', seed: '0', rng: 'torch', variant: 'inverted', broadcastDims: [], slice: null });
  return ({ InlineCompute }) => {
    if (kind === 'open') {
      return () => {
        const compute = new InlineCompute();
        void compute.load(request);
        return compute.run(settings(0.5));
      };
    }
    const compute = new InlineCompute();
    void compute.load(request);
    // The slider's values in the UI benchmark: each call draws anew (no two in a row alike).
    let k = 0;
    return () => compute.run(settings(Math.round((0.11 + 0.07 * (k++ % 10)) * 100) / 100));
  };
}

const { paths, errors } = await bundleForBench({ minify: false, suffix: '-profile' });
const load = createRequire(import.meta.url);
/** @type {() => unknown} */
let work;
if (panelWorkOn) {
  if (!paths.compute) throw new Error(`the compute client did not build: ${errors.compute}`);
  work = panelWorkOn(load(paths.compute));
} else {
  if (!paths.core) throw new Error(`the engine and parser did not build: ${errors.core}`);
  work = workOn(load(paths.core));
}
const repeats = Math.max(3, Math.round((panelWorkOn ? 1e7 : 3e7) / n));
for (let i = 0; i < 3; i++) work(); // warm up before the profile

const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.setSamplingInterval', { interval: 100 });
await session.post('Profiler.start');
const start = process.hrtime.bigint();
for (let i = 0; i < repeats; i++) work();
const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
const { profile } = await session.post('Profiler.stop');
session.disconnect();

// Self time per function: samples whose top frame is that function.
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
/** @type {Map<string, number>} */
const counts = new Map();
const samples = profile.samples ?? [];
for (const id of samples) {
  const node = byId.get(id);
  if (!node) continue;
  const { functionName, url, lineNumber } = node.callFrame;
  const file = url.split('/').pop() || '(native)';
  const key = `${functionName || '(anonymous)'} ${file}:${lineNumber + 1}`;
  counts.set(key, (counts.get(key) ?? 0) + 1);
}
const total = samples.length;
console.log(`${what} ${kind} ${n}: ${(elapsed / repeats).toFixed(2)} ms per call over ${repeats} calls`);
for (const [key, count] of [...counts].sort((a, b) => b[1] - a[1]).slice(0, 15)) {
  console.log(`${((100 * count) / total).toFixed(1).padStart(5)}%  ${key}`);
}
