// @ts-check
// `npm run bench`: the playground's performance against the frameworks it
// imitates, printed as Markdown and written to artifacts/bench/latest.md.
//   --quick             1e5 and 1e6 only (no 1e7 runs, no .vsix packaging)
//   --only a,b          run only some sections: dropout, redraw, parse, code, eventloop, memory, files, size, debug, ui
//                       (ui drives a real workbench for ~10 minutes, so it runs only when named;
//                       parse also times each text's first parse in a fresh process)
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { OUT_DIR, bundleForBench } from './bundle.mjs';
import { benchBundleSizes } from './bundleSizes.mjs';
import { benchCodeScan } from './codeScanBench.mjs';
import { benchEventLoop, benchMemory } from './childProcesses.mjs';
import { benchDebugRead, debugReadTable } from './debugReadBench.mjs';
import { benchDropout } from './dropoutBench.mjs';
import { machineLine } from './machine.mjs';
import { benchParse, benchParseCold } from './parseBench.mjs';
import { benchUiLatency, uiLatencyTable } from './uiLatency.mjs';
import { benchTensorFiles, tensorFileTable } from './tensorFileBench.mjs';
import { benchStartedProgram } from './startedProgramBench.mjs';
import { PythonBaselines } from './python.mjs';
import { errorMessage } from './stats.mjs';
import { dropoutTable, eventLoopTable, memoryTable, parseTable, sizeTable, EVENT_LOOP_TARGET_MS } from './table.mjs';

/** @import { Core } from './bundle.mjs' */

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const onlyIndex = args.indexOf('--only');
const only = onlyIndex >= 0 ? new Set(args[onlyIndex + 1].split(',')) : undefined;
/** @param {string} section */
const wants = (section) => !only || only.has(section);

const sizes = quick ? [1e5, 1e6] : [1e5, 1e6, 1e7];
const largest = sizes[sizes.length - 1];
/** @param {string} message */
const log = (message) => process.stderr.write(`[bench] ${message}\n`);
const started = process.hrtime.bigint();

const { paths: bundles, errors: bundleErrors } = await bundleForBench();
/** @type {Core | undefined} */
const core = bundles.core ? createRequire(import.meta.url)(bundles.core) : undefined;

const { baselines: python, reason: pythonNote } = wants('dropout') ? await PythonBaselines.start() : {};
/** @type {{ title: string, intro?: string, body: string, notes?: string[] }[]} */
const sections = [];

try {
  if (wants('dropout')) {
    const notes = [];
    if (!python) notes.push(`NumPy and PyTorch columns are empty: ${pythonNote}.`);
    else {
      if (!python.has('numpy')) notes.push(`NumPy is not available: ${python.info?.numpyError}.`);
      if (!python.has('torch')) notes.push(`PyTorch is not available: ${python.info?.torchError}.`);
    }
    const body = core
      ? dropoutTable(await benchDropout({ core, python, sizes, log }))
      : `Not measured: the engine did not build (${bundleErrors.core}).`;
    sections.push({
      title: 'Dropout throughput (float32, p = 0.5, train, inverted; median ms)',
      intro:
        'Each row alternates, run by run, the engine call twice (into new arrays, "fresh", and into the previous call\'s buffers, ' +
        '"reused", as the compute worker draws), NumPy `x * (rng.random(n, dtype=np.float32) < keep) / keep`, ' +
        'PyTorch `F.dropout(x, p, training=True)` with one thread, and a `Float32Array.set` copy of the same size (the bandwidth floor). ' +
        'Node times the `dropout` call alone with `process.hrtime.bigint`; Python times the operation alone with `time.perf_counter`. ' +
        'The engine figure includes the mask, the output and the statistics. ' +
        "Ratios are the median of the per-round ratios (each round's figures are taken moments apart); the targets judge the reused call.",
      body,
      notes,
    });
  }

  if (wants('redraw')) {
    sections.push({
      title: `A redraw after a started program (${largest.toExponential(0).replace('+', '')} float32 values, p = 0.5; median of 7, ms)`,
      intro:
        'The same draw again into the buffers of the one before, as the compute worker redraws at each change of p, with `true` started ' +
        'just before each call, and with nothing started (each pair of calls moments apart). After a process starts a program, each page ' +
        'it wrote faults again on its next write: `dropout` writes the mask and the output, `leanDropout` (what the worker draws with) ' +
        'the mask alone, and makes the outputs the panel shows on request.',
      body: core ? benchStartedProgram({ core, n: largest, log }) : `Not measured: the engine did not build (${bundleErrors.core}).`,
    });
  }

  if (wants('parse')) {
    const parseSizes = quick ? sizes : [1e5, 1e6, 1e7];
    const notBuilt = `Not measured: the parser did not build (${bundleErrors.core}).`;
    sections.push({
      title: 'Parse throughput (median ms)',
      intro:
        'The same numbers, 100 per row, as JSON `[[…],…]`, CSV, a printed PyTorch tensor (8 values per line) and a printed NumPy array ' +
        '(`array([[…]], dtype=float32)`, 3 values per line), with 7 significant digits (as a float32 prints), ' +
        "in NumPy's scientific notation, or as doubles printed in full (as `tolist()` and `json.dumps` write a float32). " +
        'Each parse alternates with `JSON.parse` of the JSON text of the same values with the same digits; above 1e6 values, the 7-digit JSON alone.',
      body: core ? parseTable(await benchParse({ core, sizes: parseSizes, log })) : notBuilt,
    });
    sections.push({
      title: 'Parse, first call in a fresh process (ms)',
      intro:
        'What a user pasting once waits for: each text is parsed once in a new Node process, before any JIT warm-up, ' +
        'after one `JSON.parse` of the JSON text of the same values in that process.',
      body: bundles.core
        ? parseTable(await benchParseCold({ corePath: bundles.core, sizes: parseSizes, log }), { judged: false })
        : notBuilt,
    });
  }

  if (wants('code')) {
    sections.push({
      title: 'Dropout calls in Python code (the lenses and hints)',
      intro:
        '`scanDropoutCalls` on a generated 5,000-line training script (nn.Module classes, docstrings, comments, f-strings, ' +
        'continuations, dropout calls of PyTorch, Keras, Flax and TF1), bundled as the extension ships it.',
      body: await benchCodeScan({ log }),
    });
  }

  const computeBundles = bundles.compute && bundles.worker ? { compute: bundles.compute, worker: bundles.worker } : undefined;
  const computeError = bundleErrors.compute ?? bundleErrors.worker;
  if (wants('eventloop')) {
    const body = !computeBundles
      ? `Not measured: the compute client or worker did not build (${computeError}).`
      : eventLoopTable(await benchEventLoop({ bundles: computeBundles, n: largest, log }));
    sections.push({
      title: `Main-thread responsiveness during a ${largest.toExponential(0).replace('+', '')}-value load + run`,
      intro:
        `A \`setInterval(…, 10)\` on the main thread records how late each tick fires while the JSON text is parsed and a torch-convention ` +
        `draw is computed and returned (target: never blocked more than ${EVENT_LOOP_TARGET_MS} ms with the worker).`,
      body,
    });
  }

  if (wants('memory')) {
    const body = !computeBundles
      ? `Not measured: the compute client or worker did not build (${computeError}).`
      : memoryTable(await benchMemory({ bundles: computeBundles, n: largest, log }));
    sections.push({
      title: 'Memory',
      intro:
        'Peak RSS of a fresh process that loads the JSON text and runs it twice (torch convention, train, p = 0.5 then 0.4, ' +
        'so both of the sets of draw buffers the worker keeps exist) through the worker, ' +
        'minus its resident size just before loading (the text already in hand, after a collection). ' +
        "The peak is VmHWM from /proc/self/status where available (getrusage's maxRSS, as `process.resourceUsage()` reports it, " +
        "carries the parent's size across spawn on Linux), `process.resourceUsage().maxRSS` elsewhere. " +
        'The fixed cost is the same measurement at 1e3 values.',
      body,
    });
  }

  if (wants('files')) {
    sections.push({
      title: 'Tensor files (median of 7, ms)',
      intro:
        "A local file is read in ranges: the safetensors header, or a zip's end record, directory and pickle, to list; then only the chosen tensor's bytes.",
      body: tensorFileTable(await benchTensorFiles()),
    });
  }
  if (wants('size')) {
    sections.push({
      title: 'Bundle sizes (`node esbuild.mjs --production`)',
      body: sizeTable(await benchBundleSizes({ packageVsix: !quick, log })),
    });
  }
  if (wants('debug')) {
    let body;
    try {
      body = debugReadTable(await benchDebugRead({ sizes: quick ? [1e6] : [1e6, 1e7], log }));
    } catch (error) {
      body = `Not measured: ${errorMessage(error).split('\n')[0]} (needs Debian's python3-debugpy, python3-numpy and python3-torch).`;
    }
    sections.push({
      title: 'A paused program’s tensor, read through the debugger',
      intro:
        'debugpy’s adapter (`python3 -m debugpy.adapter`) stops a script at a breakpoint; the extension’s read fetches `torch.rand(n)` ' +
        'through DAP `evaluate` (one reply per 4 MiB, base64) and the bytes are compared with NumPy’s. The first read of a run also ' +
        'pays for the adapter’s and the program’s first large allocations.',
      body,
    });
  }
  if (only?.has('ui')) {
    let body;
    try {
      body = uiLatencyTable((await benchUiLatency({ sizes: quick ? [1e4, 1e6] : [1e4, 1e6, 1e7], fileSizes: quick ? [] : [1e7] })).rows);
    } catch (error) {
      body = `Not measured: ${errorMessage(error).split('\n')[0]}`;
    }
    sections.push({ title: 'UI latency in a real workbench (ms)', body });
  }
} finally {
  python?.close();
}

const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const header = `Measured on ${machineLine(python?.info, pythonNote)} — ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC${quick ? ', --quick' : ''}, ${seconds.toFixed(0)} s`;
const markdown = [
  '# Dropout Playground benchmark',
  '',
  header,
  ...sections.flatMap((s) => [
    '',
    `## ${s.title}`,
    '',
    ...(s.intro ? [s.intro, ''] : []),
    s.body,
    ...(s.notes?.length ? ['', ...s.notes.map((n) => `- ${n}`)] : []),
  ]),
  '',
].join('\n');

process.stdout.write(markdown);
writeFileSync(join(OUT_DIR, 'latest.md'), markdown);
log(`wrote ${join(OUT_DIR, 'latest.md')}`);
