// A selection the panel follows: typing in the selected text redraws the panel (after a pause), the range
// moving with edits around it; pinned, the panel keeps its values until it follows again.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PanelSnapshot } from '../../../src/shared/viewModel';
import { getApi, resetAll, run, waitFor } from './helpers';

const evalMean = (snapshot: PanelSnapshot) => (snapshot.status === 'loaded' ? snapshot.result.stats.evalMean : undefined);

describe('a selection the panel follows', function () {
  this.timeout(60_000);
  before(resetAll);
  after(resetAll);

  it('re-reads the edited selection, follows the range through edits before it, and holds still while pinned', async () => {
    const api = await getApi();
    const document = await vscode.workspace.openTextDocument({ language: 'python', content: 'x = [1, 2, 3]\ny = 4\n' });
    const editor = await vscode.window.showTextDocument(document);
    const start = new vscode.Position(0, 4);
    const selection = new vscode.Selection(start, new vscode.Position(0, 13));
    editor.selection = selection;
    const opened = await run<PanelSnapshot>('openOnSelection', { uri: document.uri.toString(), selection });
    assert.equal(evalMean(opened), 2);
    assert.deepEqual(opened.live, { follow: true, notice: null });

    // A line above the selection, then 3 → 9 inside it: the range moves down and takes the new value.
    await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), 'import torch\n'));
    await editor.edit((edit) => edit.replace(new vscode.Range(1, 11, 1, 12), '9'));
    await waitFor(() => evalMean(api.getSnapshot()) === 4, 'the panel to read [1, 2, 9]');
    const followed = api.getSnapshot();
    assert.ok(followed.status === 'loaded');
    assert.equal(followed.result.source.label.endsWith('line 2'), true, followed.result.source.label);

    // Pinned: an edit changes nothing; following again reads the text as it is now.
    assert.equal(await run<boolean>('toggleFollow'), false);
    await editor.edit((edit) => edit.replace(new vscode.Range(1, 5, 1, 6), '7'));
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    assert.equal(evalMean(api.getSnapshot()), 4);
    assert.deepEqual(api.getSnapshot().live, { follow: false, notice: null });
    assert.equal(await run<boolean>('toggleFollow'), true);
    await waitFor(() => evalMean(api.getSnapshot()) === 6, 'the panel to read [7, 2, 9] as soon as it follows again');
    // Typing just after the selection stays outside it.
    await editor.edit((edit) => edit.insert(new vscode.Position(1, 13), ', 5'));
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    assert.equal(evalMean(api.getSnapshot()), 6);
  });

  it('offers nothing to follow for text given directly', async () => {
    const snapshot = await run<PanelSnapshot>('openOnSelection', { text: '[1, 2]' });
    assert.equal(snapshot.live, null);
    assert.equal(await run<boolean | undefined>('toggleFollow'), undefined);
  });
});
