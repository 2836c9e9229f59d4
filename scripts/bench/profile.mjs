// @ts-check
// Where the time goes: profiles the engine or the parser (unminified bundle,
// so functions keep their names) with the built-in inspector and prints the
// functions with the most self time.
//   node scripts/bench/profile.mjs dropout <fast|torch|numpy|jax> <n>
//   node scripts/bench/profile.mjs parse <json|csv|python> <n>
import { Session } from 'node:inspector/promises';
import { createRequire } from 'node:module';
import { bundleForBench } from './bundle.mjs';
import { activations, inputText } from './inputs.mjs';

/** @import { Core } from './bundle.mjs' */
/** @import { DropoutSpec, RngKind, Tensor } from '../../src/engine/index.js' */
/** @import { ActivationFormat } from '../../src/parse/index.js' */

/** @type {RngKind[]} */
const RNG_KINDS = ['fast', 'torch', 'numpy', 'jax'];
/** @type {ActivationFormat[]} */
const FORMATS = ['json', 'csv', 'python'];
/**
 * @template {string} T
 * @param {readonly T[]} allowed
 * @param {string | undefined} value
 * @returns {value is T}
 */
const isOneOf = (allowed, value) => allowed.some((a) => a === value);

const [what, kind, nArg] = process.argv.slice(2);
const n = Number(nArg ?? 1e6);

/** @type {(core: Core) => () => unknown} The call to profile, given the built code. */
let workOn;
if (what === 'dropout' && isOneOf(RNG_KINDS, kind)) {
  /** @type {Tensor} */
  const tensor = { shape: [n], dtype: 'float32', data: activations(n) };
  /** @type {DropoutSpec} */
  const spec = { p: 0.5, mode: 'train', seed: 0, rng: kind, variant: 'inverted' };
  workOn = (core) => () => core.dropout(tensor, spec);
} else if (what === 'parse' && isOneOf(FORMATS, kind)) {
  const text = inputText(kind, n);
  workOn = (core) => () => core.parseActivations(text, kind, { dtype: 'float32', maxValues: n });
} else {
  console.error('usage: profile.mjs dropout <fast|torch|numpy|jax> <n> | parse <json|csv|python> <n>');
  process.exit(2);
}

const { paths, errors } = await bundleForBench({ minify: false, suffix: '-profile' });
if (!paths.core) throw new Error(`the engine and parser did not build: ${errors.core}`);
const work = workOn(createRequire(import.meta.url)(paths.core));
const repeats = Math.max(3, Math.round(3e7 / n));
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
