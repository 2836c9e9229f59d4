// @ts-check
// Runs in its own process: the parser's first call (no JIT warm-up, what a
// user pasting once waits for) and JSON.parse's first call on the JSON text
// of the same values. Prints one JSON line.
//   node parseColdChild.mjs <core.cjs> <case as JSON: { format, digits, parseAs, dtype, n }>
import { createRequire } from 'node:module';
import { inputText } from './inputs.mjs';

/** @import { Core } from './bundle.mjs' */
/** @import { ParseCase } from './parseBench.mjs' */

const [corePath, caseJson] = process.argv.slice(2);
/** @type {Core} */
const { parseActivations } = createRequire(import.meta.url)(corePath);
/** @type {ParseCase} The parent (parseBench.mjs) wrote it. */
const { format, digits, parseAs, dtype, n } = JSON.parse(caseJson);

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
