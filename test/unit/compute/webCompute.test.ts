// WebCompute's choice of route in a web extension host: a Web Worker when one starts and answers;
// the in-process service, with the calls already sent, when the host refuses workers or the worker
// fails before answering. Node has no Web Worker: a stand-in `Worker` global plays the browser's,
// running the real compute service on this thread behind the Worker API.
import * as assert from 'node:assert/strict';
import type { ComputeMessage, ComputeRequest } from '../../../src/compute/messages';
import type { LoadRequest } from '../../../src/compute/types';
import { serveCompute } from '../../../src/compute/service';
import { WEB_WORKER_NAME, WebCompute } from '../../../src/compute/webCompute';

type Behaviour = 'serves' | 'refused' | 'fails before answering';
type Listener = (event: { data?: unknown; message?: string }) => void;

/** What the stand-in Worker does, and the workers it started. */
const browser = { behaviour: 'serves' as Behaviour, started: [] as { name: string; source: string }[] };

class StandInWorker {
  private readonly listeners = new Map<string, Listener[]>();
  private readonly toService: ((message: ComputeRequest) => void)[] = [];

  constructor(url: string, options: { name: string }) {
    if (browser.behaviour === 'refused') throw new Error('Refused to create a worker.');
    browser.started.push({ name: options.name, source: url });
    if (browser.behaviour === 'fails before answering') {
      setTimeout(() => this.emit('error', { message: 'Uncaught SyntaxError' }), 10);
      return;
    }
    serveCompute({
      postMessage: (message: ComputeMessage) => setImmediate(() => this.emit('message', { data: structuredClone(message) })),
      onMessage: (listener) => this.toService.push(listener),
    });
  }

  postMessage(message: ComputeRequest): void {
    setImmediate(() => this.toService.forEach((listener) => listener(structuredClone(message))));
  }
  addEventListener(type: string, listener: Listener): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  terminate(): void {
    this.listeners.clear();
  }
  private emit(type: string, event: { data?: unknown; message?: string }): void {
    for (const listener of this.listeners.get(type) ?? []) listener(event);
  }
}

const ones: LoadRequest = {
  kind: 'text',
  text: '[1, 1, 1, 1]',
  dtype: 'float32',
  origin: { line: 1, column: 1 },
  maxValues: 100,
  label: 'ones',
};

describe('WebCompute: a Web Worker where the host allows one, else in process', () => {
  const globals = globalThis as { Worker?: unknown };
  let compute: WebCompute | undefined;
  beforeEach(() => {
    globals.Worker = StandInWorker;
    browser.started = [];
  });
  afterEach(() => {
    compute?.dispose();
    delete globals.Worker;
  });

  for (const behaviour of ['serves', 'refused', 'fails before answering'] as const) {
    it(`a worker that ${behaviour === 'serves' ? 'starts and answers' : behaviour === 'refused' ? 'the host refuses' : 'fails before answering'}: the calls are answered ${behaviour === 'serves' ? 'by it' : 'in process'}`, async () => {
      browser.behaviour = behaviour;
      compute = new WebCompute(() => Promise.resolve('/* the worker bundle */'));
      const [loaded, again] = await Promise.all([compute.load(ones), compute.load(ones)]);
      assert.ok(loaded.ok && again.ok);
      const run = await compute.run({ p: 0, mode: 'train', seed: '0', rng: 'torch', variant: 'inverted', broadcastDims: [] });
      assert.ok(run.ok);
      assert.equal(run.view.stats.kept, 4);
      assert.equal(compute.route, behaviour === 'serves' ? 'web worker' : 'in process');
      assert.deepEqual(
        browser.started.map((w) => w.name),
        behaviour === 'refused' ? [] : [WEB_WORKER_NAME],
      );
      if (behaviour !== 'refused') assert.match(browser.started[0].source, /^blob:/, 'started from a blob of the bundle');
    });
  }

  it('once workers failed, a restart (after a cancel) goes straight to the in-process service', async () => {
    browser.behaviour = 'refused';
    compute = new WebCompute(() => Promise.resolve(''));
    assert.ok((await compute.load(ones)).ok);
    compute.cancel();
    browser.behaviour = 'serves';
    assert.ok((await compute.load(ones)).ok);
    assert.deepEqual(browser.started, []);
    assert.equal(compute.route, 'in process');
  });
});
