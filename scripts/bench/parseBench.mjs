// Section 2: parse throughput. Each format's text holds the same numbers as
// the JSON text, and each parse alternates with JSON.parse of that JSON text.
import { inputText } from './inputs.mjs';
import { median, timeMs } from './stats.mjs';

export const PARSE_TARGET = 2;

function runsFor(n) {
  if (n <= 1e5) return { warmup: 5, runs: 15 };
  if (n <= 1e6) return { warmup: 2, runs: 7 };
  return { warmup: 1, runs: 3 };
}

/** Cases: JSON, CSV and printed tensor at each size; JSON alone above 1e6. */
export function parseCases(sizes) {
  const cases = [];
  for (const n of sizes) {
    for (const format of ['json', 'csv', 'python']) {
      if (format !== 'json' && n > 1e6) continue;
      cases.push({ format, n });
    }
  }
  return cases;
}

export async function benchParse({ core, sizes, log }) {
  const rows = [];
  for (const { format, n } of parseCases(sizes)) {
    const text = inputText(format, n);
    const json = inputText('json', n);
    const { warmup, runs } = runsFor(n);
    const options = { dtype: 'float32', maxValues: n };
    let error;
    try {
      const parsed = core.parseActivations(text, format, options);
      if (parsed.data.length !== n) error = `read ${parsed.data.length} values, expected ${n}`;
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    }
    if (error) {
      rows.push({ format, n, chars: text.length, error });
      log(`parse ${format} ${n}: ${error}`);
      continue;
    }
    const ours = [];
    const builtin = [];
    for (let round = 0; round < warmup + runs; round++) {
      const a = timeMs(() => core.parseActivations(text, format, options)).ms;
      const b = timeMs(() => JSON.parse(json)).ms;
      if (round >= warmup) {
        ours.push(a);
        builtin.push(b);
      }
    }
    const row = { format, n, chars: text.length, parseMs: median(ours), jsonParseMs: median(builtin), runs };
    rows.push(row);
    log(`parse ${format} ${n}: ${row.parseMs.toFixed(2)} ms vs JSON.parse ${row.jsonParseMs.toFixed(2)} ms`);
  }
  return rows;
}
