// The extension activates in a real VS Code of the version under test and hands back its test API.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, getApi } from './helpers';

describe('activation', () => {
  it('runs in the VS Code version under test, with the sample workspace open', () => {
    const expected = process.env.DROPOUT_VSCODE_VERSION;
    if (expected) assert.equal(vscode.version, expected);
    const folders = vscode.workspace.workspaceFolders ?? [];
    assert.equal(folders.length, 1);
    assert.match(folders[0].uri.path, /\/test\/workspace$/);
  });

  it('activates and returns getSnapshot and getStatusBarText', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is loaded`);
    const api = await getApi();
    assert.equal(extension.isActive, true);
    const snapshot = api.getSnapshot();
    assert.equal(typeof snapshot.settings.p, 'number');
    assert.match(api.getStatusBarText(), /^Dropout: (train|eval) · p=\d\.\d\d$/);
  });
});
