// The setting commands: what they return, what they write to the configuration, what the status bar says.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { RNG_KINDS } from '../../../src/shared/catalogue';
import type { PanelSnapshot, PlaygroundSettings } from '../../../src/shared/viewModel';
import { getApi, openOnFile, resetAll, run, setP } from './helpers';

const config = () => vscode.workspace.getConfiguration('dropoutPlayground');

describe('setting commands', () => {
  before(resetAll);
  afterEach(resetAll);

  it('starts from the defaults: train, p = 0.50', async () => {
    const api = await getApi();
    assert.equal(api.getStatusBarText(), 'Dropout: train · p=0.50');
  });

  it('setP writes p, returns the settings and updates the status bar', async () => {
    const api = await getApi();
    const settings = await setP(0.4);
    assert.equal(settings?.p, 0.4);
    assert.equal(config().get('p'), 0.4);
    assert.equal(api.getSnapshot().settings.p, 0.4);
    assert.equal(api.getStatusBarText(), 'Dropout: train · p=0.40');
  });

  it('setP refuses p outside [0, 1] or not a number: undefined, nothing changes', async () => {
    const api = await getApi();
    for (const p of [1.5, -0.1, Number.NaN, '0.3']) {
      const result = await run<PlaygroundSettings | undefined>('setP', { p });
      assert.equal(result, undefined, `setP ${String(p)}`);
    }
    assert.equal(api.getSnapshot().settings.p, 0.5);
    assert.equal(config().inspect('p')?.globalValue, undefined);
  });

  it('setModeEval / setModeTrain / toggleMode switch the mode everywhere', async () => {
    const api = await getApi();
    let settings = await run<PlaygroundSettings>('setModeEval');
    assert.equal(settings.mode, 'eval');
    assert.equal(config().get('mode'), 'eval');
    assert.equal(api.getStatusBarText(), 'Dropout: eval · p=0.50');
    settings = await run<PlaygroundSettings>('toggleMode');
    assert.equal(settings.mode, 'train');
    assert.equal(api.getStatusBarText(), 'Dropout: train · p=0.50');
    settings = await run<PlaygroundSettings>('toggleMode');
    assert.equal(settings.mode, 'eval');
    settings = await run<PlaygroundSettings>('setModeTrain');
    assert.equal(settings.mode, 'train');
    assert.equal(config().get('mode'), 'train');
  });

  it('eval mode outputs the input; the train draw is still described', async () => {
    await run('setModeEval');
    const snapshot = await openOnFile('ones100.json');
    assert.equal(snapshot.settings.mode, 'eval');
    const r = snapshot.result!;
    assert.ok(
      r.values.output.every((v) => v === 1),
      'eval passes 100 ones through',
    );
    assert.equal(r.stats.evalMean, 1);
    assert.ok(r.stats.kept > 0 && r.stats.kept < 100);
  });

  it('setSeed writes the seed; the same seed gives the same mask, another seed another', async () => {
    const api = await getApi();
    const settings = await run<PlaygroundSettings>('setSeed', { seed: 1234 });
    assert.equal(settings.seed, '1234');
    assert.equal(config().get('seed'), 1234);
    const first = (await openOnFile('ones100.json')).result!.values.mask.join('');
    await run('setSeed', { seed: 99 });
    const other = api.getSnapshot().result!.values.mask.join('');
    await run('setSeed', { seed: '1234' });
    const again = api.getSnapshot().result!.values.mask.join('');
    assert.equal(again, first);
    assert.notEqual(other, first);
  });

  it('setSeed refuses a seed that is not a whole number', async () => {
    assert.equal(await run('setSeed', { seed: 'abc' }), undefined);
    assert.equal(await run('setSeed', { seed: 1.5 }), undefined);
    assert.equal((await getApi()).getSnapshot().settings.seed, '0');
  });

  it('resample draws a new seed, writes it and redraws the panel', async () => {
    const api = await getApi();
    const before = await openOnFile('ones100.json');
    const settings = await run<PlaygroundSettings>('resample');
    assert.notEqual(settings.seed, before.settings.seed);
    assert.equal(String(config().get('seed')), settings.seed);
    assert.equal(api.getSnapshot().settings.seed, settings.seed);
    assert.equal(api.getSnapshot().result!.stats.n, 100);
  });

  it('setRng and setVariant accept the advertised values and refuse others', async () => {
    const other = RNG_KINDS.find((r) => r !== 'torch');
    if (other) {
      const settings = await run<PlaygroundSettings>('setRng', { rng: other });
      assert.equal(settings.rng, other);
      assert.equal(config().get('rng'), other);
    }
    assert.equal(await run('setRng', { rng: 'mersenne' }), undefined);
    const classic = await run<PlaygroundSettings>('setVariant', { variant: 'classic' });
    assert.equal(classic.variant, 'classic');
    assert.equal(config().get('variant'), 'classic');
    const snapshot: PanelSnapshot = await openOnFile('ones100.json');
    assert.equal(snapshot.result!.trainScale, 1, 'classic dropout does not scale in training');
    assert.equal(snapshot.result!.evalScale, 0.5, 'classic dropout multiplies by 1 − p at eval');
    assert.equal(await run('setVariant', { variant: 'spatial' }), undefined);
  });

  it('follows a change made in the settings editor', async () => {
    const api = await getApi();
    await config().update('p', 0.25, vscode.ConfigurationTarget.Global);
    const deadline = Date.now() + 5000;
    while (api.getSnapshot().settings.p !== 0.25 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    assert.equal(api.getSnapshot().settings.p, 0.25);
    assert.equal(api.getStatusBarText(), 'Dropout: train · p=0.25');
  });
});
