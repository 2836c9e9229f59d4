// One panel only: a second open reveals it; closing it disposes it; copyAsCode reproduces the run;
// copyTable puts every unit on the clipboard.
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

  it('copyTable puts every unit on the clipboard as CSV, Markdown and JSON, as the panel shows it', async () => {
    await run('setSeed', { seed: 7 });
    await run('setP', { p: 0.5 });
    await run('setModeTrain');
    const snapshot = await openOnFile('matrix.json');
    const inputs = [0.5, -1.25, 2.0, 0.0, 1.5, 3.0, -0.75, 4.25, 2.5, -2.0, 1.0, 0.125];
    const csv = await run<string | undefined>('copyTable', { format: 'csv' });
    assert.equal(await vscode.env.clipboard.readText(), csv);
    const [header, ...rows] = csv!.trimEnd().split('\n');
    assert.equal(header, 'index,axis0,axis1,input,output (train),mask');
    assert.deepEqual(
      rows.map((r) => Number(r.split(',')[3])),
      inputs,
    );
    const kept = rows.filter((r) => r.endsWith(',1')).length;
    assert.equal(kept, snapshot.result!.stats.kept, 'the mask column keeps as many units as the panel says');
    for (const r of rows) {
      const [, , , input, output, mask] = r.split(',').map(Number);
      assert.ok(Object.is(output, mask ? input * 2 : input * 0), `row ${r}: × 1/(1 − 0.5) when kept, 0 when dropped`);
    }
    const json = JSON.parse((await run<string | undefined>('copyTable', { format: 'json' }))!) as Record<string, number>[];
    assert.deepEqual(
      json.map((row) => row.input),
      inputs,
    );
    const markdown = (await run<string | undefined>('copyTable', { format: 'markdown' }))!;
    assert.equal(markdown.trimEnd().split('\n').length, 2 + inputs.length);
    assert.equal((markdown.match(/\| kept \|/g) ?? []).length, kept);
    assert.equal(await run('copyTable', { format: 'xlsx' }), undefined, 'an unknown format is refused');
  });
});
