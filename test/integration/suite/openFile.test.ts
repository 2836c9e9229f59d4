// Tensor files in the extension host: openFile on every format reads what torch reads (n, and the
// mask torch draws at p = 0.5, seed 0), picks a tensor and a slice, follows a rewrite of the file, and
// shows a file it refuses as a message in the panel.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PanelSnapshot } from '../../../src/shared/viewModel';
import { getApi, playgroundTabs, resetAll, run, waitFor } from './helpers';

const root = path.resolve(__dirname, '..', '..', '..', '..');
const FIXTURES = path.join(root, 'test', 'fixtures', 'tensorFiles');
const fixture = (file: string) => vscode.Uri.file(path.join(FIXTURES, file));
const kept: Record<string, { name: string; n: number; kept: number }> = JSON.parse(
  fs.readFileSync(path.join(FIXTURES, 'kept.json'), 'utf8'),
);

async function openFile(args: { uri: vscode.Uri; name?: string; index?: number[]; rows?: number }): Promise<PanelSnapshot> {
  const snapshot = await run<PanelSnapshot | undefined>('openFile', { ...args, uri: args.uri.toString() });
  if (!snapshot) throw new Error('openFile returned nothing');
  return snapshot;
}

describe('tensor files', function () {
  this.timeout(60_000);
  let temp: string;
  // Inside the workspace folder, where every host watches files (it is removed afterwards).
  before(() => (temp = fs.mkdtempSync(path.join(vscode.workspace.workspaceFolders![0].uri.fsPath, '.files-'))));
  after(() => fs.rmSync(temp, { recursive: true, force: true }));
  beforeEach(resetAll);

  for (const [file, reference] of Object.entries(kept)) {
    it(`${file}: n and kept are torch's at p = 0.5, seed 0`, async () => {
      const snapshot = await openFile({ uri: fixture(file), name: reference.name });
      assert.ok(snapshot.status === 'loaded', JSON.stringify(snapshot.error));
      assert.equal(snapshot.result.stats.n, reference.n);
      assert.equal(snapshot.result.stats.kept, reference.kept);
      await waitFor(() => playgroundTabs().length === 1, 'the panel to open');
    });
  }

  it('reads the named tensor of a state_dict, offers the others, and reads the first rows of a slice', async () => {
    const bias = await openFile({ uri: fixture('state_dict.pt'), name: 'bias' });
    assert.ok(bias.status === 'loaded');
    assert.deepEqual(bias.result.source.shape, [2]);
    assert.equal(bias.result.source.label, 'state_dict.pt · bias');
    assert.deepEqual(
      bias.tensors?.entries.map((e) => e.name),
      ['weight', 'bias'],
    );
    assert.equal(bias.tensors?.chosen, 'bias');
    const rows = await openFile({ uri: fixture('state_dict.pt'), name: 'weight', rows: 1 });
    assert.ok(rows.status === 'loaded');
    assert.deepEqual(rows.result.source.shape, [1, 3]);
    assert.equal(rows.result.source.label, 'state_dict.pt · weight, first 1 of 2 rows');
  });

  it('reads one index of the leading axes, says which in the header, and refuses an index out of range', async () => {
    const one = await openFile({ uri: fixture('nchw.npy'), index: [1] });
    assert.ok(one.status === 'loaded', JSON.stringify(one.error));
    assert.deepEqual(one.result.source.shape, [3, 2, 2]);
    assert.equal(one.result.stats.n, 12);
    assert.equal(one.result.source.label, 'nchw.npy, slice [1, :, :, :] of [2, 3, 2, 2]');
    const part = await openFile({ uri: fixture('checkpoint.pt'), name: 'layers.1.weight', index: [31], rows: 10 });
    assert.ok(part.status === 'loaded', JSON.stringify(part.error));
    assert.deepEqual(part.result.source.shape, [10]);
    assert.equal(part.result.source.label, 'checkpoint.pt · layers.1.weight, slice [31, :10] of [32, 64]');
    // An index out of range is refused before anything is read: the panel keeps what it showed.
    assert.equal(await run('openFile', { uri: fixture('nchw.npy').toString(), index: [2] }), undefined);
    const still = (await getApi()).getSnapshot();
    assert.ok(still.status === 'loaded');
    assert.equal(still.result.source.label, 'checkpoint.pt · layers.1.weight, slice [31, :10] of [32, 64]');
  });

  it('reads the file again when it is saved again, while the panel follows', async () => {
    const file = path.join(temp, 'activations.npy');
    fs.copyFileSync(path.join(FIXTURES, 'c_float32.npy'), file);
    const first = await openFile({ uri: vscode.Uri.file(file) });
    assert.ok(first.status === 'loaded');
    assert.deepEqual(first.result.source.shape, [3, 4]);
    assert.deepEqual(first.live, { follow: true, notice: null });
    fs.copyFileSync(path.join(FIXTURES, 'nchw.npy'), file);
    const api = await getApi();
    const nchw = kept['nchw.npy'];
    const after = await waitFor(() => {
      const now = api.getSnapshot();
      return now.status === 'loaded' && now.result.stats.n === nchw.n && now;
    }, 'the panel to show the rewritten file');
    assert.ok(after.status === 'loaded');
    assert.equal(after.result.stats.kept, nchw.kept);
  });

  it('reads the file again for a later load, and refuses a file saved since while the values are pinned', async () => {
    const file = path.join(temp, 'pinned.npy');
    fs.copyFileSync(path.join(FIXTURES, 'c_float32.npy'), file);
    const first = await openFile({ uri: vscode.Uri.file(file) });
    assert.ok(first.status === 'loaded', JSON.stringify(first.error));
    const api = await getApi();
    const shown = (status: PanelSnapshot['status'], what: string) =>
      waitFor(() => {
        const now = api.getSnapshot();
        return now.status === status && now;
      }, what);
    const config = vscode.workspace.getConfiguration('dropoutPlayground');
    try {
      // A new limit loads the input again. The worker kept the bytes it was handed: they are read again.
      await config.update('maxValues', 5, vscode.ConfigurationTarget.Global);
      const over = await shown('error', 'the file read again under the lower limit');
      assert.ok(over.status === 'error');
      assert.match(over.error.message, /has shape \[3, 4\]: 12 values, more than the 5 values/);
      await config.update('maxValues', 1000, vscode.ConfigurationTarget.Global);
      const again = await shown('loaded', 'the file read again under the higher limit');
      assert.ok(again.status === 'loaded');
      assert.deepEqual(Array.from(again.result.values.input), Array.from(first.result.values.input));

      assert.equal(await run<boolean | undefined>('toggleFollow'), false, 'pinned');
      fs.copyFileSync(path.join(FIXTURES, 'nchw.npy'), file);
      await config.update('maxValues', 2000, vscode.ConfigurationTarget.Global);
      const refused = await shown('error', 'the pinned file refused once saved again');
      assert.ok(refused.status === 'error');
      assert.match(refused.error.message, /^pinned\.npy was changed or removed on disk after the panel read it: open it again/);
    } finally {
      await config.update('maxValues', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  const refusals: [string, () => vscode.Uri, RegExp][] = [
    ['a model object', () => fixture('model.pt'), /torch\.nn\.modules\.linear\.Linear object, which is never loaded/],
    ['an object-dtype .npy', () => fixture('object.npy'), /Python objects \(dtype=object\), which are never read/],
    ['an unsupported dtype', () => fixture('complex.npy'), /dtype <c8, which the playground does not read/],
    [
      'a truncated file',
      () => {
        const cut = path.join(temp, 'cut.npy');
        fs.writeFileSync(cut, fs.readFileSync(path.join(FIXTURES, 'c_float32.npy')).subarray(0, 100));
        return vscode.Uri.file(cut);
      },
      /past the end of the file/,
    ],
  ];
  for (const [what, uri, message] of refusals) {
    it(`shows ${what} as a message in the panel`, async () => {
      const snapshot = await openFile({ uri: uri() });
      assert.ok(snapshot.status === 'error', snapshot.status);
      assert.match(snapshot.error.message, message);
      assert.match(snapshot.error.message, /at byte \d+/);
      await waitFor(() => playgroundTabs().length === 1, 'the panel to open');
    });
  }
});
