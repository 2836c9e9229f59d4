// Parser speed against JSON.parse on the same values.
//   npx tsc -p . --outDir out && node --max-old-space-size=8192 scripts/bench-parse.mjs [largest size]
// For each size it times parseActivations on JSON, CSV and printed-tensor text
// and JSON.parse on the JSON text of the same values (the floor a hand-written
// parser is measured against), reporting the best of several alternating runs
// and the ratio. "short" digits are float32 values printed to 8 significant
// digits; "full" are the same values as doubles printed in full (17 digits).
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { parseActivations } = require('../out/src/parse/index.js');

const coldMode = process.argv[2] === '--cold';
const limit = coldMode ? 0 : Number(process.argv[2] ?? 1e7);
const sizes = [1e5, 1e6, 1e7].filter((n) => n <= limit);
const COLUMNS = 100;

// Deterministic activations: a small LCG through a Box-Muller-free shape (ReLU-ish, some zeros).
function makeValues(n) {
  const out = new Float32Array(n);
  let s = 12345;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const u = s / 4294967296;
    out[i] = u < 0.2 ? 0 : (u - 0.2) * 3.7 - 0.5;
  }
  return out;
}

// Row strings built piecewise: a 1e8-character text is one join of rows.
function rowsOf(values, format) {
  const rows = [];
  for (let r = 0; r < values.length; r += COLUMNS) rows.push(format(values.subarray(r, r + COLUMNS)));
  return rows;
}

function texts(values, digits) {
  const num = (v) => (digits === 'full' ? String(v) : v.toPrecision(8).replace(/\.?0+$/, '').replace(/\.?0+e/, 'e'));
  const json = '[' + rowsOf(values, (row) => '[' + Array.from(row, num).join(',') + ']').join(',\n') + ']';
  const csv = rowsOf(values, (row) => Array.from(row, num).join(',')).join('\n');
  const sci = (v) => v.toExponential(8);
  const numpyBody = rowsOf(values, (row) => '[' + Array.from(row, sci).join(', ') + ']').join(',\n       ');
  const numpy = `array([${numpyBody}], dtype=float32)`;
  const torchBody = rowsOf(values, (row) => '[' + Array.from(row, (v) => v.toFixed(4)).join(', ') + ']').join(',\n        ');
  const torch = `tensor([${torchBody}])`;
  const torchJson = '[' + rowsOf(values, (row) => '[' + Array.from(row, (v) => v.toFixed(4)).join(',') + ']').join(',') + ']';
  const numpyJson = '[' + rowsOf(values, (row) => '[' + Array.from(row, sci).join(',') + ']').join(',') + ']';
  return { json, csv, numpy, numpyJson, torch, torchJson };
}

/** Best time of each, alternating the two so both see the same machine load. */
function bestOfBoth(a, b, runs) {
  let bestA = Infinity;
  let bestB = Infinity;
  for (let i = 0; i < runs; i++) {
    let t0 = performance.now();
    a();
    bestA = Math.min(bestA, performance.now() - t0);
    t0 = performance.now();
    b();
    bestB = Math.min(bestB, performance.now() - t0);
  }
  return [bestA, bestB];
}

function check(tensor, n) {
  if (tensor.data.length !== n) throw new Error(`parsed ${tensor.data.length} values, expected ${n}`);
}

if (coldMode) {
  // One first call in a fresh process: what a user pasting once actually waits for.
  const [, , , kind, size] = process.argv;
  const t = texts(makeValues(Number(size)), 'short');
  const [text, format, json] = { json: [t.json, 'json', t.json], csv: [t.csv, 'csv', t.json], numpy: [t.numpy, 'python', t.numpyJson], torch: [t.torch, 'python', t.torchJson] }[kind];
  text.charCodeAt(0); // flatten the built string outside the timing, as an editor's text already is
  let t0 = performance.now();
  JSON.parse(json);
  const jsonMs = performance.now() - t0;
  t0 = performance.now();
  parseActivations(text, format, { maxValues: 1e8 });
  const ms = performance.now() - t0;
  console.log(JSON.stringify({ ms, jsonMs }));
  process.exit(0);
}

console.log('values    text                      parse ms   JSON.parse ms   ratio');
for (const n of sizes) {
  const values = makeValues(n);
  const runs = n >= 1e7 ? 3 : n >= 1e6 ? 7 : 21;
  for (const digits of ['short', 'full']) {
    const t = texts(values, digits);
    const cases = [
      [`JSON (${digits} digits)`, t.json, 'json', t.json],
      [`CSV (${digits} digits)`, t.csv, 'csv', t.json],
    ];
    if (digits === 'full') cases.push(['JSON (full, float64)', t.json, 'json', t.json, 'float64']);
    if (digits === 'short') {
      cases.push(['numpy repr (sci, 9 sig)', t.numpy, 'python', t.numpyJson]);
      cases.push(['torch repr (4 decimals)', t.torch, 'python', t.torchJson]);
    }
    for (const [label, text, format, json, dtype = 'float32'] of cases) {
      check(parseActivations(text, format, { maxValues: 1e8, dtype }), n);
      const [ms, baseline] = bestOfBoth(() => parseActivations(text, format, { maxValues: 1e8, dtype }), () => JSON.parse(json), runs);
      console.log(
        `${n.toExponential(0).padEnd(9)} ${label.padEnd(25)} ${ms.toFixed(1).padStart(8)} ${baseline.toFixed(1).padStart(15)} ${(ms / baseline).toFixed(2).padStart(7)}`,
      );
    }
  }
}

// Cold: the first call in a fresh process (no JIT warm-up), for the common sizes.
console.log('\ncold (first call in a fresh process)');
console.log('values    text                      parse ms   JSON.parse ms   ratio');
for (const n of sizes.filter((size) => size <= 1e6)) {
  for (const kind of ['json', 'csv', 'numpy', 'torch']) {
    const out = execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--cold', kind, String(n)], { encoding: 'utf8' });
    const { ms, jsonMs } = JSON.parse(out);
    console.log(`${n.toExponential(0).padEnd(9)} ${kind.padEnd(25)} ${ms.toFixed(1).padStart(8)} ${jsonMs.toFixed(1).padStart(15)} ${(ms / jsonMs).toFixed(2).padStart(7)}`);
  }
}
