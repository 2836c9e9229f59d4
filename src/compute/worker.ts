// The compute worker: a thread of the extension host process that parses and
// runs the engine, so a ten-million-value selection never freezes the editor.
// Monte Carlo runs in slices with a turn of the event loop between them, so
// progress goes out and a cancel comes in while it runs.
import { parentPort } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import type { ComputeReply, ComputeRequest } from './messages';
import type { MonteCarloJob } from './monteCarloJob';
import { ComputeSession, transferables } from './session';

/** One slice of Monte Carlo work, and how often progress is summarised. */
const SLICE_MS = 40;
const PROGRESS_MS = 250;

const session = new ComputeSession();
const port = parentPort;
if (!port) throw new Error('The compute worker must run in a worker thread.');
const cancelled = new Set<number>();
let textSlices: string[] = [];

function reply(message: ComputeReply): void {
  port!.postMessage(message, message.kind === 'run' || message.kind === 'window' ? transferables(message.reply) : []);
}

function runMonteCarlo(id: number, job: MonteCarloJob): void {
  let lastProgress = performance.now();
  const slice = () => {
    try {
      if (cancelled.delete(id)) return reply({ id, kind: 'monteCarlo', reply: job.view('cancelled') });
      if (job.advance(SLICE_MS, () => performance.now())) {
        cancelled.delete(id);
        return reply({ id, kind: 'monteCarlo', reply: job.view('done') });
      }
      if (performance.now() - lastProgress > PROGRESS_MS) {
        lastProgress = performance.now();
        reply({ id, kind: 'monteCarloProgress', reply: job.view('running') });
      }
      setImmediate(slice);
    } catch (error) {
      reply({ id, kind: 'crash', message: error instanceof Error ? error.message : String(error) });
    }
  };
  setImmediate(slice);
}

port.on('message', (request: ComputeRequest) => {
  try {
    switch (request.kind) {
      case 'appendText':
        textSlices.push(request.text);
        return;
      case 'load': {
        const load = request.request;
        const text = load.joinText ? textSlices.join('') : load.text;
        textSlices = [];
        return reply({ id: request.id, kind: 'load', reply: session.load({ ...load, text }) });
      }
      case 'run':
        return reply({ id: request.id, kind: 'run', reply: session.run(request.settings) });
      case 'window':
        return reply({ id: request.id, kind: 'window', reply: session.window(request.offset, request.count) });
      case 'maskRegion':
        return reply({ id: request.id, kind: 'maskRegion', reply: session.maskRegion(request.region, request.slice) });
      case 'mistake':
        return reply({ id: request.id, kind: 'mistake', reply: session.mistake(request.mistake, request.settings) });
      case 'monteCarlo': {
        const job = session.monteCarlo(request.settings, request.trials);
        if (!job) return reply({ id: request.id, kind: 'monteCarlo', reply: undefined });
        return runMonteCarlo(request.id, job);
      }
      case 'cancelMonteCarlo':
        cancelled.add(request.id);
        return;
    }
  } catch (error) {
    reply({ id: request.id, kind: 'crash', message: error instanceof Error ? error.message : String(error) });
  }
});
