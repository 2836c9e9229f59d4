// The typed RPC between the extension host and the compute worker: replies
// reach their callers, a dying worker fails its calls and is replaced, Monte
// Carlo streams progress and stops, cancel() abandons the work in flight.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { CancelledError, RpcCompute } from '../../../src/compute/client';
import type { ComputeApi, ComputeEndpoint, ComputeEvents, ComputeMessage, ComputeRequest } from '../../../src/compute/messages';
import { workerThreadEndpoint } from '../../../src/compute/nodeWorker';
import { serve, type Endpoint, type RpcClient } from '../../../src/compute/rpc';
import { ComputeService, type MonteCarloTiming } from '../../../src/compute/service';
import type { RunReply, TextLoad, RunSettings } from '../../../src/compute/types';
import type { MonteCarloView, ValueWindow } from '../../../src/shared/viewModel';
import { COMPILED_SRC } from '../paths';

// The compiled worker sits beside this test's compiled client in out/.
const WORKER = path.join(COMPILED_SRC, 'compute', 'worker.js');

const ones = (n: number): TextLoad => ({
  text: JSON.stringify(new Array(n).fill(1)),
  dtype: 'float32',
  origin: { line: 1, column: 1 },
  maxValues: 1e7,
  label: 'ones.json',
});

const settings: RunSettings = { p: 0.4, mode: 'train', seed: '0', rng: 'torch', variant: 'inverted', broadcastDims: [] };

/**
 * Both ends of a channel in this thread. Messages are copied and arrive on a
 * later turn, as over a real channel; `holdReplies(n)` keeps the worker's next
 * n messages and then delivers them last first.
 */
function inProcessChannel() {
  const toWorker: ((message: ComputeRequest) => void)[] = [];
  const toHost: ((message: ComputeMessage) => void)[] = [];
  let held: ComputeMessage[] | undefined;
  let holding = 0;
  const delivered: ComputeMessage[] = [];
  const deliver = (message: ComputeMessage) =>
    setImmediate(() => {
      delivered.push(message);
      for (const listener of toHost) listener(structuredClone(message));
    });
  const host: ComputeEndpoint = {
    postMessage: (message) => setImmediate(() => toWorker.forEach((listener) => listener(structuredClone(message)))),
    onMessage: (listener) => toHost.push(listener),
    onDeath: () => undefined,
    terminate: () => undefined,
  };
  const worker: Endpoint<ComputeRequest, ComputeMessage> = {
    postMessage: (message) => {
      if (!held) {
        deliver(message);
        return;
      }
      held.push(message);
      if (held.length === holding) {
        held.reverse().forEach(deliver);
        held = undefined;
      }
    },
    onMessage: (listener) => toWorker.push(listener),
  };
  return {
    host,
    worker,
    delivered,
    holdReplies: (n: number) => ((held = []), (holding = n)),
  };
}

/** Every client a test opens, disposed after it even if it timed out (ending its threads). */
const opened: RpcCompute[] = [];
afterEach(() => opened.splice(0).forEach((compute) => compute.dispose()));

function open(compute: RpcCompute): RpcCompute {
  opened.push(compute);
  return compute;
}

/** A compute service on an in-process channel, and a client for it. */
function inProcessCompute(timing?: MonteCarloTiming, service = ComputeService) {
  const channel = inProcessChannel();
  serve<ComputeApi, ComputeEvents>(channel.worker, (emit) => new service(emit, timing));
  return { channel, compute: open(new RpcCompute(() => channel.host)) };
}

/** A client of the real worker script that counts the threads it starts; `first` replaces the first thread's script. */
function countingWorkerCompute(first?: string) {
  const counter = { started: 0 };
  const compute = open(
    new RpcCompute(() => {
      counter.started++;
      const worker = counter.started === 1 && first ? new Worker(first, { eval: true }) : new Worker(WORKER);
      return workerThreadEndpoint(worker);
    }),
  );
  return { compute, counter };
}

const expectType = <T>(value: T): T => value;

// Compile-time checks, never run: the test compile fails if a call's
// arguments or result lose their types (each @ts-expect-error must be needed).
export async function callTypes(rpc: RpcClient<ComputeApi, ComputeEvents>): Promise<void> {
  expectType<ValueWindow | undefined>(await rpc.call('window', 0, 3));
  // @ts-expect-error window's result is not a run's
  expectType<RunReply>(await rpc.call('window', 0, 3));
  // @ts-expect-error window takes numbers
  await rpc.call('window', '0', 3);
  // @ts-expect-error run takes its settings
  await rpc.call('run');
  // @ts-expect-error no such method
  await rpc.call('resample');
}

describe('compute RPC', () => {
  it('gives each caller its own reply, whatever order the replies come in', async () => {
    const { channel, compute } = inProcessCompute();
    assert.ok((await compute.load(ones(100))).ok);
    assert.ok((await compute.run(settings)).ok);
    const before = channel.delivered.length;
    channel.holdReplies(4);
    const [window, grid, mistake, run] = await Promise.all([
      compute.window(10, 3),
      compute.maskRegion({ row: 0, col: 0, rows: 1, cols: 100 }),
      compute.mistake('scaledTwice', settings),
      compute.run({ ...settings, p: 0.5 }),
    ]);
    // The replies really came last call first.
    const order = channel.delivered.slice(before).map((m) => ('method' in m ? m.method : '?'));
    assert.deepEqual(order, ['run', 'mistake', 'maskRegion', 'window']);
    assert.equal(window?.offset, 10);
    assert.equal(window.input.length, 3);
    assert.equal(grid && grid.unitRows * grid.unitCols, 100, 'the mask of 100 units');
    assert.equal(mistake?.id, 'scaledTwice');
    assert.ok(run.ok);
    assert.equal(run.view.stats.n, 100);
  });

  it('rejects only the call whose method threw, with its message, and keeps the worker', async () => {
    class Failing extends ComputeService {
      override mistake(): never {
        throw new Error('no mistakes today');
      }
    }
    const { compute } = inProcessCompute(undefined, Failing);
    await compute.load(ones(10));
    await assert.rejects(compute.mistake('forgotEval', settings), /^Error: no mistakes today$/);
    const run = await compute.run(settings);
    assert.ok(run.ok, 'the loaded input is still there');
  });

  it('sends Monte Carlo progress as it goes, then the final result', async () => {
    const { compute } = inProcessCompute({ sliceMs: 0, progressMs: 0 });
    await compute.load(ones(10));
    const events: string[] = [];
    const job = compute.monteCarlo(settings, 5, (view) => events.push(`${view.status} ${view.done}`));
    const result = await job.result;
    events.push(`${result?.status} ${result?.done}`);
    assert.deepEqual(events, ['running 1', 'running 2', 'running 3', 'running 4', 'done 5']);
  });
});

describe('compute RPC over a worker thread', () => {
  it('rejects every pending call when the thread crashes, then starts a new thread', async () => {
    const crashOnMessage = "require('node:worker_threads').parentPort.on('message', () => { throw new Error('boom'); });";
    const { compute, counter } = countingWorkerCompute(crashOnMessage);
    const load = compute.load(ones(10));
    const run = compute.run(settings);
    await assert.rejects(load, { message: 'The compute thread crashed: boom' });
    await assert.rejects(run, { message: 'The compute thread crashed: boom' });
    const reply = await compute.load(ones(10));
    assert.ok(reply.ok);
    assert.equal(counter.started, 2);
  });

  it('rejects the pending calls when the thread exits, then starts a new thread', async () => {
    const { compute, counter } = countingWorkerCompute("require('node:worker_threads').parentPort.on('message', () => process.exit(3));");
    await assert.rejects(compute.load(ones(10)), { message: 'The compute thread stopped (exit code 3).' });
    assert.ok((await compute.load(ones(10))).ok);
    assert.equal(counter.started, 2);
  });

  it('streams Monte Carlo progress, and stop() ends the job early with the draws so far', async () => {
    const { compute } = countingWorkerCompute();
    await compute.load(ones(10_000));
    assert.ok((await compute.run(settings)).ok);
    const progress: MonteCarloView[] = [];
    let stopped = false;
    const job = compute.monteCarlo(settings, 2_000_000, (view) => {
      progress.push(view);
      if (!stopped) job.stop();
      stopped = true;
    });
    const result = await job.result;
    assert.ok(progress.length >= 1);
    assert.ok(progress.every((view) => view.status === 'running' && view.total === 2_000_000));
    assert.equal(result?.status, 'cancelled');
    assert.ok(result.done >= progress[0].done && result.done < result.total, `${result.done} of ${result.total}`);
    // The worker goes on serving the same input.
    assert.equal((await compute.window(0, 5))?.input.length, 5);
  });

  it('cancel() rejects the calls in flight with CancelledError and forgets the input', async () => {
    const { compute, counter } = countingWorkerCompute();
    await compute.load(ones(10_000));
    assert.ok((await compute.run(settings)).ok);
    let progressAfterCancel = 0;
    let cancelled = false;
    const job = compute.monteCarlo(settings, 2_000_000, () => cancelled && progressAfterCancel++);
    const window = compute.window(0, 10);
    compute.cancel();
    cancelled = true;
    await assert.rejects(job.result, CancelledError);
    await assert.rejects(window, CancelledError);
    job.stop(); // no thread runs: stopping must not start one
    assert.equal(counter.started, 1);
    const run = await compute.run(settings);
    assert.ok(!run.ok && run.error.message === 'Nothing is loaded.');
    assert.equal(counter.started, 2);
    assert.equal(progressAfterCancel, 0);
  });
});
