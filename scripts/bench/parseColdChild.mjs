// Runs in its own process: the parser's first call (no JIT warm-up, what a
// user pasting once waits for) and JSON.parse's first call on the JSON text
// of the same values. Prints one JSON line.
//   node parseColdChild.mjs <core.cjs> <format> <digits> <parseAs> <dtype> <n>
import { createRequire } from 'node:module';
import { inputText } from './inputs.mjs';

const [corePath, format, digits, parseAs, dtype, nArg] = process.argv.slice(2);
const n = Number(nArg);
const { parseActivations } = createRequire(import.meta.url)(corePath);

// Read from the cache the parent wrote: flat strings, as an editor's text already is.
const text = inputText(format, n, digits);
const json = inputText('json', n, digits);

let t0 = performance.now();
JSON.parse(json);
const jsonParseMs = performance.now() - t0;
t0 = performance.now();
const parsed = parseActivations(text, parseAs, { dtype, maxValues: n });
const parseMs = performance.now() - t0;

if (parsed.data.length !== n) throw new Error(`read ${parsed.data.length} values, expected ${n}`);
console.log(JSON.stringify({ parseMs, jsonParseMs }));
