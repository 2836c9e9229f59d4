// The last input kept for the next window: a file in the workspace storage folder, written through
// the real file system API; the memento where there is no folder.
import * as assert from 'node:assert/strict';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { lastInputStore } from '../../../src/host/lastInputStore';

interface Input {
  text: string;
  label: string;
}

/** A memento held in a map, as the extension host's would be. */
function mapMemento(): vscode.Memento {
  const values = new Map<string, unknown>();
  return {
    keys: () => [...values.keys()],
    get: <T>(key: string, fallback?: T) => (values.has(key) ? (values.get(key) as T) : fallback),
    update: async (key: string, value: unknown) => void (value === undefined ? values.delete(key) : values.set(key, value)),
  } as vscode.Memento;
}

describe('the last input store', () => {
  it('saves to and loads from a file in the storage folder, creating the folder; undefined forgets it', async () => {
    const folder = vscode.Uri.file(path.join(os.tmpdir(), `dropout-last-input-${process.pid}-${Date.now()}`, 'nested'));
    const memento = mapMemento();
    const store = lastInputStore<Input>({ storageUri: folder, workspaceState: memento });
    assert.equal(await store.load(), undefined, 'nothing saved yet');
    await store.save({ text: '[1, 2, 3]', label: 'a.json' });
    const file = vscode.Uri.joinPath(folder, 'last-input.json');
    assert.deepEqual(JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(file))), {
      text: '[1, 2, 3]',
      label: 'a.json',
    });
    assert.deepEqual(
      await lastInputStore<Input>({ storageUri: folder, workspaceState: mapMemento() }).load(),
      { text: '[1, 2, 3]', label: 'a.json' },
      'a new window reads it back',
    );
    assert.deepEqual(memento.keys(), [], 'the memento is not used when there is a folder');
    await store.save(undefined);
    assert.equal(await store.load(), undefined, 'forgotten');
    await vscode.workspace.fs.delete(vscode.Uri.file(path.dirname(folder.fsPath)), { recursive: true });
  });

  it('uses the workspace memento when there is no storage folder', async () => {
    const memento = mapMemento();
    const store = lastInputStore<Input>({ storageUri: undefined, workspaceState: memento });
    await store.save({ text: '1 2', label: 'b' });
    assert.deepEqual(await store.load(), { text: '1 2', label: 'b' });
    assert.equal(memento.keys().length, 1);
  });
});
