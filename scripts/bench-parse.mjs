// Parser speed against JSON.parse on the same values.
//   npx tsc -p . --outDir out && node --max-old-space-size=8192 scripts/bench-parse.mjs [maxValues]
// For each size it times parseActivations on JSON, CSV and printed-tensor text
// and JSON.parse on the JSON text of the same values (the floor a hand-written
// parser is measured against), reporting the best of several runs and the ratio.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { parseActivations } = require('../out/src/parse/index.js');

const limit = Number(process.argv[2] ?? 1e7);
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

function best(fn, runs) {
  let min = Infinity;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    min = Math.min(min, performance.now() - t0);
  }
  return min;
}

function check(tensor, n) {
  if (tensor.data.length !== n) throw new Error(`parsed ${tensor.data.length} values, expected ${n}`);
}

console.log('values    text                      parse ms   JSON.parse ms   ratio');
for (const n of sizes) {
  const values = makeValues(n);
  const runs = n >= 1e7 ? 2 : n >= 1e6 ? 5 : 15;
  for (const digits of ['short', 'full']) {
    const t = texts(values, digits);
    const jsonMs = best(() => JSON.parse(t.json), runs);
    const cases = [
      [`JSON (${digits} digits)`, t.json, 'json', jsonMs],
      [`CSV (${digits} digits)`, t.csv, 'csv', jsonMs],
    ];
    if (digits === 'short') {
      cases.push(['numpy repr (sci, 9 sig)', t.numpy, 'python', best(() => JSON.parse(t.numpyJson), runs)]);
      cases.push(['torch repr (4 decimals)', t.torch, 'python', best(() => JSON.parse(t.torchJson), runs)]);
    }
    for (const [label, text, format, baseline] of cases) {
      check(parseActivations(text, format, { maxValues: 1e8 }), n);
      const ms = best(() => parseActivations(text, format, { maxValues: 1e8 }), runs);
      console.log(
        `${n.toExponential(0).padEnd(9)} ${label.padEnd(25)} ${ms.toFixed(1).padStart(8)} ${baseline.toFixed(1).padStart(15)} ${(ms / baseline).toFixed(2).padStart(7)}`,
      );
    }
  }
}
