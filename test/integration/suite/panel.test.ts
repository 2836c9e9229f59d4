// One panel only: a second open reveals it; closing it disposes it; copyAsCode reproduces the run.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { openFixture, openOnFile, playgroundTabs, resetAll, run, waitFor } from './helpers';

describe('the playground panel', () => {
  before(resetAll);
  afterEach(resetAll);

  it('opens one panel titled "Dropout Playground"', async () => {
    await openOnFile('ones100.json');
    const tabs = await waitFor(() => playgroundTabs().length === 1 && playgroundTabs(), 'one playground tab');
    assert.equal(tabs[0].label, 'Dropout Playground');
  });

  it('a second open reveals the same panel instead of opening another', async () => {
    await openOnFile('ones100.json');
    const [tab] = await waitFor(() => playgroundTabs().length === 1 && playgroundTabs(), 'one playground tab');
    // Hide it behind an editor in its own group, then open again.
    const column = tab.group.viewColumn;
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'matrix.json'));
    await vscode.window.showTextDocument(doc, { viewColumn: column, preview: false });
    await waitFor(() => !playgroundTabs()[0]?.isActive, 'the panel to be hidden');
    await openOnFile('matrix.json');
    const tabs = await waitFor(
      () => playgroundTabs().length === 1 && playgroundTabs()[0].isActive && playgroundTabs(),
      'the panel revealed',
    );
    assert.equal(tabs.length, 1);
    assert.equal(vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.label === 'Dropout Playground').length, 1);
  });

  it('closing the panel disposes it; opening again makes a fresh one', async () => {
    await openOnFile('ones100.json');
    const [tab] = await waitFor(() => playgroundTabs().length === 1 && playgroundTabs(), 'one playground tab');
    assert.ok(await vscode.window.tabGroups.close(tab));
    await waitFor(() => playgroundTabs().length === 0, 'the panel to close');
    const snapshot = await openOnFile('layer.tsv');
    assert.deepEqual(snapshot.result!.source.shape, [2, 5]);
    await waitFor(() => playgroundTabs().length === 1, 'a new panel');
  });

  it('copyAsCode returns code that carries the seed and p', async () => {
    await run('setSeed', { seed: 4321 });
    await run('setP', { p: 0.3 });
    await openFixture('ones100.json');
    await openOnFile('ones100.json');
    for (const language of ['torch', 'numpy', 'jax'] as const) {
      const code = await run<string | undefined>('copyAsCode', { language, openEditor: false });
      assert.equal(typeof code, 'string', `${language} code`);
      assert.match(code!, /4321/, `${language} code has the seed`);
      assert.match(code!, /0\.3\b/, `${language} code has p`);
    }
    const clipboard = await vscode.env.clipboard.readText();
    assert.match(clipboard, /4321/);
  });
});
