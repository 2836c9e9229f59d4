// The host itself: a real VS Code of the expected version, with this extension loaded from source.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

describe('extension host', () => {
  it('is a real VS Code of the version under test', () => {
    assert.equal(typeof vscode.version, 'string');
    const expected = process.env.DROPOUT_VSCODE_VERSION;
    if (expected) assert.equal(vscode.version, expected);
  });

  it('opened the sample workspace', () => {
    const folders = vscode.workspace.workspaceFolders ?? [];
    assert.equal(folders.length, 1);
    assert.match(folders[0].uri.path, /test\/workspace$/);
  });
});
