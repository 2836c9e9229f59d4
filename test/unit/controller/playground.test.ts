// The controller in plain Node: its ports are stand-ins, its Compute the real engine on this thread,
// slowed, failed or killed on demand.
import * as assert from 'node:assert/strict';
import { PlaygroundController, SAVE_DELAY_MS } from '../../../src/controller/playground';
import type { PanelSnapshot } from '../../../src/shared/viewModel';
import { input, MemoryInputs, MemorySettings, RecordingHost, StandInCompute } from './standIns';

const ones = (n: number) => new Array<number>(n).fill(1);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function setUp(options: { saved?: ReturnType<typeof input>; settings?: MemorySettings } = {}) {
  const settings = options.settings ?? new MemorySettings();
  const compute = new StandInCompute();
  const inputs = new MemoryInputs(options.saved);
  const host = new RecordingHost();
  const controller = new PlaygroundController({ settings, lastInput: inputs, compute, host });
  const published: PanelSnapshot[] = [];
  controller.onDidChange((snapshot) => published.push(snapshot));
  return { controller, settings, compute, inputs, host, published };
}

describe('controller', () => {
  it('starts empty, with the stored settings, and has nothing to restore', async () => {
    const { controller } = setUp({ settings: new MemorySettings({ p: 0.3, seed: '7' }) });
    assert.equal(controller.current.status, 'empty');
    assert.equal(controller.current.settings.p, 0.3);
    assert.equal(controller.current.settings.seed, '7');
    assert.equal(await controller.restoreLastInput(), false);
    assert.equal(await controller.ensureResult(), false);
    assert.equal(controller.current.status, 'empty');
  });

  it('shows loading, then the result, for a new input; a parse error is an error state', async () => {
    const { controller, published } = setUp();
    await controller.setInput(input(ones(100), 'ones'));
    assert.deepEqual(
      published.map((s) => s.status),
      ['loading', 'loaded'],
    );
    const loaded = controller.current;
    assert.ok(loaded.status === 'loaded');
    assert.equal(loaded.result.stats.n, 100);
    assert.equal(loaded.error, null);

    await controller.setInput({ ...input([], 'broken'), text: '[1, 2,, 3]' });
    const failed = controller.current;
    assert.ok(failed.status === 'error');
    assert.equal(failed.result, null);
    assert.match(failed.error.message, /./);
  });

  it('1000 rapid p changes: the last p is computed and shown, and only two runs happen', async () => {
    const { controller, compute, published } = setUp();
    await controller.setInput(input(ones(1000), 'ones'));
    compute.runDelayMs = 5;
    const runsBefore = compute.runs.length;
    const ps = Array.from({ length: 1000 }, (_, i) => Math.round((0.001 + i * 0.0009) * 1e6) / 1e6);
    const changes = ps.map((p) => controller.change({ p }, 'soon'));
    await Promise.all(changes);
    const last = ps[ps.length - 1];
    const shown = controller.current;
    assert.ok(shown.status === 'loaded');
    assert.equal(shown.settings.p, last);
    assert.equal(shown.result.keep, 1 - last);
    // The first change starts a run; the other 999 wait behind it and are coalesced into one.
    assert.deepEqual(
      compute.runs.slice(runsBefore).map((r) => r.p),
      [ps[0], last],
    );
    // The stale run's result was never shown.
    assert.ok(!published.some((s) => s.status === 'loaded' && s.result.keep === 1 - ps[0]));
  });

  it("a new input while a run is in flight: the old input's result is never published", async () => {
    const { controller, compute, published } = setUp();
    await controller.setInput(input(ones(10), 'old'));
    compute.runDelayMs = 50;
    const change = controller.change({ p: 0.2 });
    await sleep(5); // the old input's run is now in flight, and ends while the new input is read
    compute.loadDelayMs = 100;
    const since = published.length;
    const newer = controller.setInput(input(ones(20), 'new'));
    await Promise.all([change, newer]);
    const after = published.slice(since);
    assert.ok(after.length > 0);
    for (const snapshot of after) {
      if (snapshot.status === 'loaded') assert.equal(snapshot.result.source.label, 'new');
    }
    const shown = controller.current;
    assert.ok(shown.status === 'loaded');
    assert.equal(shown.result.source.n, 20);
    assert.equal(shown.settings.p, 0.2);
  });

  it('the compute thread dies mid-run: a clear error for that run, and the next change works', async () => {
    const { controller, compute } = setUp();
    await controller.setInput(input(ones(50), 'ones'));
    compute.runDelayMs = 50;
    const change = controller.change({ p: 0.3 });
    await sleep(5);
    compute.kill(7);
    await change;
    const failed = controller.current;
    assert.ok(failed.status === 'error');
    assert.match(
      failed.error.message,
      /stopped unexpectedly \(The compute thread stopped \(exit code 7\)\.\)\. Change any setting to run it again\./,
    );

    compute.runDelayMs = 0;
    const loadsBefore = compute.loads;
    await controller.change({ p: 0.4 });
    const recovered = controller.current;
    assert.ok(recovered.status === 'loaded', `still ${recovered.status}`);
    assert.equal(recovered.result.keep, 1 - 0.4);
    assert.equal(recovered.result.stats.n, 50);
    assert.equal(compute.loads, loadsBefore + 1, 'the input is sent again to the new thread');
  });

  it('a cancelled run stays cancelled: changes show settings until the input is opened again', async () => {
    const { controller, compute } = setUp();
    await controller.setInput(input(ones(50), 'ones'));
    compute.runDelayMs = 50;
    const change = controller.change({ p: 0.3 });
    await sleep(5);
    compute.cancel();
    await change;
    assert.ok(controller.current.status === 'error');
    assert.match(controller.current.error?.message ?? '', /^Cancelled/);
    const loadsBefore = compute.loads;
    await controller.change({ p: 0.6 });
    assert.equal(compute.loads, loadsBefore);
    assert.equal(controller.current.settings.p, 0.6);
  });

  it('a slider drag writes the settings once, after the pause; a command writes at once', async () => {
    const { controller, settings } = setUp();
    await controller.setInput(input(ones(10), 'ones'));
    for (let i = 1; i <= 20; i++) void controller.change({ p: i / 40 }, 'soon');
    await sleep(SAVE_DELAY_MS / 2);
    assert.deepEqual(settings.writes, []);
    await sleep(SAVE_DELAY_MS);
    assert.deepEqual(settings.writes, [{ p: 0.5 }]);

    await controller.change({ seed: '42' });
    assert.deepEqual(settings.writes.at(-1), { seed: '42' });
    assert.equal(settings.values.seed, '42');
  });

  it('an outside edit of the settings wins, unless a panel change is still waiting to be written', async () => {
    const { controller, settings } = setUp();
    await controller.setInput(input(ones(10), 'ones'));
    settings.editFromOutside({ p: 0.7 });
    await controller.ensureResult();
    assert.equal(controller.current.settings.p, 0.7);

    void controller.change({ p: 0.2 }, 'soon');
    settings.editFromOutside({ p: 0.9, seed: '5' });
    await controller.ensureResult();
    assert.equal(controller.current.settings.p, 0.2, 'the pending panel change wins');
    assert.equal(controller.current.settings.seed, '5', 'the rest of the outside edit applies');
    await sleep(SAVE_DELAY_MS * 2);
    assert.equal(settings.values.p, 0.2);
  });

  it('restores the last input after a reload, with the stored settings', async () => {
    const saved = input(ones(100), 'ones100.json');
    const { controller } = setUp({ saved, settings: new MemorySettings({ p: 0.25 }) });
    assert.equal(await controller.restoreLastInput(), true);
    const shown = controller.current;
    assert.ok(shown.status === 'loaded');
    assert.equal(shown.result.source.label, 'ones100.json');
    assert.equal(shown.result.stats.n, 100);
    assert.equal(shown.settings.p, 0.25);
  });

  it('saves each input for the next window, but not one too large to keep', async () => {
    const { controller, inputs } = setUp();
    await controller.setInput(input(ones(3), 'small'));
    assert.equal(inputs.saved?.label, 'small');
    await controller.setInput({ ...input(ones(3), 'huge'), text: `[${'1,'.repeat(600_000)}1]` });
    assert.equal(inputs.saved, undefined);
  });

  it('cancelling Monte Carlo ends it early; a p change clears it and silences the stopped run', async () => {
    const { controller } = setUp();
    await controller.setInput(input(ones(10), 'ones'));
    const views: (string | null)[] = [];
    controller.onMonteCarlo((view) => views.push(view ? `${view.status}:${view.done}` : null));

    const first = controller.runMonteCarlo(1000);
    await sleep(30);
    controller.cancelMonteCarlo();
    const cancelled = await first;
    assert.equal(cancelled?.status, 'cancelled');
    assert.ok(cancelled.done < 1000);
    assert.equal(views.at(-1), `cancelled:${cancelled.done}`);

    const second = controller.runMonteCarlo(1000);
    await sleep(30);
    await controller.change({ p: 0.1 });
    const countAfterClear = views.length;
    assert.equal(views.at(-1), null);
    assert.equal(controller.monteCarlo, null);
    await second;
    await sleep(20);
    assert.equal(views.length, countAfterClear, 'the stopped run reports nothing more');
  });

  it("hands over a small input's values, and says when a new input starts to replace them", async () => {
    const { controller, compute, published } = setUp();
    const newInputs: number[] = [];
    controller.onNewInput(() => newInputs.push(published.length));
    assert.equal(await controller.inputValues(4), undefined, 'nothing loaded');
    await controller.setInput(input([1, 2, 3, 4], 'four'));
    assert.deepEqual(newInputs, [0], 'said before "loading" shows');
    const values = await controller.inputValues(4);
    assert.deepEqual([values?.shape, Array.from(values?.data ?? [])], [[4], [1, 2, 3, 4]]);
    assert.equal(await controller.inputValues(3), undefined, 'more values than the limit');

    // A new input is read while the values are on their way: they are no longer those shown.
    compute.valuesDelayMs = 30;
    const asked = controller.inputValues(4);
    await controller.setInput(input([5, 6], 'two'));
    assert.equal(await asked, undefined);
    assert.deepEqual(Array.from((await controller.inputValues(4))?.data ?? []), [5, 6]);
    assert.deepEqual(newInputs, [0, 2]);

    await controller.setInput({ ...input([], 'broken'), text: '[1,,2]' });
    assert.equal(await controller.inputValues(4), undefined, 'an input that failed to read has none');
  });
});
