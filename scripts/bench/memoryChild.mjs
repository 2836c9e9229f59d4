// Runs in its own process: the peak resident memory that loading and running
// n values through the compute worker adds, beyond what the process held with
// the input text already in hand. Prints one JSON line.
// maxRSS covers the whole process, worker thread included.
//   node memoryChild.mjs <compute.cjs> <worker.cjs> <n>
import { createRequire } from 'node:module';
import { inputText } from './inputs.mjs';

const [computePath, workerPath, nArg] = process.argv.slice(2);
const n = Number(nArg);
const { WorkerCompute } = createRequire(import.meta.url)(computePath);

// The document text exists before the playground opens (the editor holds it).
// The baseline is the resident size now, after a collection: what the process
// holds with the text in hand, not a transient peak from reading it.
const text = inputText('json', n);
globalThis.gc?.();
const baselineBytes = process.memoryUsage().rss;

const compute = new WorkerCompute(workerPath);
const loaded = await compute.load({
  text,
  format: 'json',
  dtype: 'float32',
  origin: { line: 1, column: 1 },
  maxValues: n,
  label: 'benchmark input',
});
const ran = loaded.ok ? await compute.run({ p: 0.5, mode: 'train', seed: 0, rng: 'torch', variant: 'inverted' }) : undefined;
const peakBytes = process.resourceUsage().maxRSS * 1024;
compute.dispose();

const error = !loaded.ok ? loaded.error.message : ran && !ran.ok ? ran.error.message : undefined;
console.log(JSON.stringify({ n, error, textChars: text.length, baselineBytes, peakBytes, addedBytes: peakBytes - baselineBytes }));
process.exit(0);
