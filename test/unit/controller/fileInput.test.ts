// A tensor file's input: the worker reads the chosen tensor (or its first rows) from the bytes, the
// snapshot offers the file's other tensors, and the conversion note reaches the panel.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PlaygroundController } from '../../../src/controller/playground';
import type { FileInput } from '../../../src/controller/ports';
import { listTensors } from '../../../src/parse';
import { REPO_ROOT } from '../paths';
import { MemoryInputs, MemorySettings, RecordingHost, StandInCompute } from './standIns';

const FILE = 'state_dict.pt';
const bytes = new Uint8Array(fs.readFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'tensorFiles', FILE)));
const entries = listTensors(bytes, FILE);

function setUp(settings = new MemorySettings({})) {
  return new PlaygroundController({
    settings,
    lastInput: new MemoryInputs(),
    compute: new StandInCompute(),
    host: new RecordingHost(),
  });
}

const input = (name: string, extra: Partial<FileInput> = {}): FileInput => ({
  kind: 'file',
  readBytes: () => Promise.resolve(bytes.slice()),
  fileName: FILE,
  name,
  label: `${FILE} · ${name}`,
  documentLabel: FILE,
  entries,
  ...extra,
});

describe('file inputs', () => {
  it('has the compute side ready the first draw of an input announced before it is read, within the limit', () => {
    const compute = new StandInCompute();
    const controller = new PlaygroundController({
      settings: new MemorySettings({ maxValues: 1000 }),
      lastInput: new MemoryInputs(),
      compute,
      host: new RecordingHost(),
    });
    controller.expectInput(1000);
    controller.expectInput(1001);
    controller.expectInput(0);
    assert.deepEqual(compute.expected, [1000]);
  });

  it('says what it reads before the bytes arrive, and puts the previous view back when they do not', async () => {
    const controller = setUp();
    const shown: string[] = [];
    controller.onDidChange((s) => shown.push(s.status === 'loading' ? `loading ${s.loading}` : s.status));
    const first = entries[0];
    assert.equal((await controller.setInput(input(first.name))).status, 'loaded');
    const before = controller.current;
    const restore = controller.announceReading('big.npy');
    assert.equal(controller.current.status, 'loading');
    assert.equal(controller.current.status === 'loading' && controller.current.loading, 'big.npy');
    restore();
    assert.deepEqual(controller.current, before, 'the read came to nothing: the previous view is back');
    const again = controller.announceReading(`${FILE} · ${first.name}`);
    const loaded = await controller.setInput(input(first.name));
    again();
    assert.equal(controller.current, loaded, 'once the input is set, nothing is put back');
    assert.deepEqual(shown.slice(-6), [
      'loaded',
      'loading big.npy',
      'loaded',
      `loading ${FILE} · ${first.name}`,
      `loading ${FILE} · ${first.name}`,
      'loaded',
    ]);
  });

  it('reads the chosen tensor and offers the others', async () => {
    const controller = setUp();
    const second = entries[1];
    const snapshot = await controller.setInput(input(second.name, { note: 'int64 values, shown as float32' }), { live: true });
    assert.ok(snapshot.status === 'loaded', JSON.stringify(snapshot.error));
    assert.deepEqual(snapshot.result.source.shape, second.shape);
    assert.equal(snapshot.result.source.note, 'int64 values, shown as float32');
    assert.deepEqual(snapshot.tensors, { entries, chosen: second.name });
  });

  it('reads only the first rows of a slice', async () => {
    const controller = setUp();
    const tall = entries.find((e) => e.shape.length >= 1 && e.shape[0] > 1)!;
    const snapshot = await controller.setInput(input(tall.name, { slice: { rows: 1 } }));
    assert.ok(snapshot.status === 'loaded', JSON.stringify(snapshot.error));
    assert.deepEqual(snapshot.result.source.shape, [1, ...tall.shape.slice(1)]);
  });

  it('offers no choice for a file of one tensor or for other inputs', async () => {
    const controller = setUp();
    const one = await controller.setInput(input(entries[0].name, { entries: [entries[0]] }));
    assert.equal(one.tensors, null);
    const text = await controller.setInput({ text: '[1, 2]', origin: { line: 1, column: 1 }, label: 'Text', documentLabel: 'Text' });
    assert.equal(text.tensors, null);
  });

  it('asks for the bytes again for each load: the compute side keeps the array it is given', async () => {
    const settings = new MemorySettings({});
    const controller = setUp(settings);
    const given: Uint8Array[] = [];
    const readBytes = () => {
      given.push(bytes.slice());
      return Promise.resolve(given[given.length - 1]);
    };
    await controller.setInput(input(entries[0].name, { readBytes }));
    settings.editFromOutside({ maxValues: 1000 });
    await controller.ensureResult();
    assert.equal(controller.current.status, 'loaded');
    assert.equal(given.length, 2);
    assert.notEqual(given[0], given[1]);
  });

  it("shows why the bytes could not be read again in the reader's own words", async () => {
    const settings = new MemorySettings({});
    const controller = setUp(settings);
    let calls = 0;
    const readBytes = () =>
      calls++ === 0 ? Promise.resolve(bytes.slice()) : Promise.reject(new Error('state_dict.pt was changed on disk'));
    await controller.setInput(input(entries[0].name, { readBytes }));
    settings.editFromOutside({ maxValues: 1000 });
    await controller.ensureResult();
    const snapshot = controller.current;
    assert.ok(snapshot.status === 'error');
    assert.equal(snapshot.error.message, 'state_dict.pt was changed on disk');
  });
});
