// Opening the playground on each sample file: the shape, dtype and statistics the panel shows.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PanelSnapshot } from '../../../src/shared/viewModel';
import { getApi, openFixture, openOnFile, resetAll, run, setP, workspaceFile } from './helpers';

function result(snapshot: PanelSnapshot) {
  assert.equal(snapshot.error, null, `no error expected, got ${JSON.stringify(snapshot.error)}`);
  assert.ok(snapshot.result, 'a result');
  return snapshot.result;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const close = (actual: number, expected: number, what: string, rel = 1e-6) =>
  assert.ok(Math.abs(actual - expected) <= rel * Math.max(1, Math.abs(expected)), `${what}: ${actual} vs ${expected}`);

describe('openOnSelection', () => {
  before(resetAll);
  afterEach(resetAll);

  it('100 ones at p = 0.5: n 100, eval mean 1, train mean kept × 2 / 100, expected train mean 1', async () => {
    const r = result(await openOnFile('ones100.json'));
    assert.deepEqual(r.source.shape, [100]);
    assert.equal(r.source.n, 100);
    assert.equal(r.source.dtype, 'float32');
    assert.equal(r.keep, 0.5);
    assert.equal(r.trainScale, 2);
    assert.equal(r.stats.n, 100);
    assert.equal(r.stats.evalMean, 1);
    assert.ok(r.stats.kept > 20 && r.stats.kept < 80, `kept ${r.stats.kept} is plausible for p = 0.5`);
    close(r.stats.trainMean, (r.stats.kept * 2) / 100, 'trainMean');
    close(r.stats.trainMeanUnscaled, r.stats.kept / 100, 'trainMeanUnscaled');
    close(r.stats.expectedTrainMean, 1, 'expectedTrainMean');
    // The mask in the value window agrees with the count.
    const kept = r.values.mask.reduce((a, b) => a + b, 0);
    assert.equal(kept, r.stats.kept);
  });

  it('after setP 0.4 the seed is kept: more units survive, scaled by float32 1/0.6', async () => {
    const api = await getApi();
    const before = await openOnFile('ones100.json');
    const at05 = result(before);
    const settings = await setP(0.4);
    assert.equal(settings?.p, 0.4);
    assert.equal(settings?.seed, before.settings.seed, 'changing p keeps the seed');
    const r = result(api.getSnapshot());
    assert.equal(r.keep, 1 - 0.4);
    const f32Scale = Math.fround(1 / Math.fround(0.6));
    close(r.trainScale, f32Scale, 'trainScale', 1e-9);
    close(r.stats.trainMeanUnscaled, r.stats.kept / 100, 'trainMeanUnscaled');
    close(r.stats.trainMean, (r.stats.kept * f32Scale) / 100, 'trainMean', 1e-6);
    close(r.stats.trainMean, r.stats.kept / 0.6 / 100, 'trainMean ≈ kept / 0.6 / 100', 1e-6);
    close(r.stats.expectedTrainMean, 1, 'expectedTrainMean', 1e-6);
    // Same seed, smaller p: the kept set can only grow (masks nest).
    for (let i = 0; i < 100; i++) if (at05.values.mask[i]) assert.equal(r.values.mask[i], 1, `unit ${i} kept at p 0.5 stays kept at 0.4`);
    assert.ok(r.stats.kept >= at05.stats.kept);
  });

  it('matrix.json is 3 × 4 with the mean of its values at eval', async () => {
    const r = result(await openOnFile('matrix.json'));
    assert.deepEqual(r.source.shape, [3, 4]);
    assert.equal(r.source.n, 12);
    close(r.stats.evalMean, mean([0.5, -1.25, 2.0, 0.0, 1.5, 3.0, -0.75, 4.25, 2.5, -2.0, 1.0, 0.125]), 'evalMean');
  });

  it('layer.csv: the header names the columns, 4 rows × 3', async () => {
    const r = result(await openOnFile('layer.csv'));
    assert.deepEqual(r.source.shape, [4, 3]);
    assert.deepEqual(r.source.columnLabels, ['relu1', 'relu2', 'relu3']);
    close(r.stats.evalMean, mean([0.1, 0.2, 0.3, 1.5, 0, 2.25, -0.5, 4, 1, 0.75, 0.25, 3.5]), 'evalMean');
  });

  it('layer.tsv: tab-separated, 2 × 5, eval mean −0.25', async () => {
    const r = result(await openOnFile('layer.tsv'));
    assert.deepEqual(r.source.shape, [2, 5]);
    close(r.stats.evalMean, (12.5 - 15) / 10, 'evalMean');
  });

  it('numpy.txt: a printed float32 array, 2 × 3', async () => {
    const r = result(await openOnFile('numpy.txt'));
    assert.deepEqual(r.source.shape, [2, 3]);
    assert.equal(r.source.dtype, 'float32');
    close(r.stats.evalMean, mean([0.1, -0.25, 1.5, 2, 0, -3.75].map(Math.fround)), 'evalMean');
  });

  it('torch.txt: a printed float64 tensor keeps float64', async () => {
    const r = result(await openOnFile('torch.txt', 'python'));
    assert.deepEqual(r.source.shape, [2, 3]);
    assert.equal(r.source.dtype, 'float64');
    close(r.stats.evalMean, mean([0.5, -1.25, 2, 3, 0.25, -0.75]), 'evalMean', 1e-12);
  });

  it('a selection: two data rows of layer.csv are 2 × 3, labelled with their lines', async () => {
    const r = result(
      await run<PanelSnapshot>('openOnSelection', {
        uri: workspaceFile('layer.csv').toString(),
        selection: { start: { line: 2, character: 0 }, end: { line: 4, character: 0 } },
      }),
    );
    assert.deepEqual(r.source.shape, [2, 3]);
    close(r.stats.evalMean, mean([1.5, 0, 2.25, -0.5, 4, 1]), 'evalMean');
    assert.match(r.source.label, /layer\.csv/);
    assert.match(r.source.label, /3/);
  });

  it('without arguments: the active editor, whole document when the selection is empty', async () => {
    await openFixture('matrix.json');
    const r = result(await run<PanelSnapshot>('openOnSelection'));
    assert.deepEqual(r.source.shape, [3, 4]);
  });

  it("without arguments: the active editor's selection", async () => {
    const matrix = await openFixture('matrix.json');
    matrix.selection = new vscode.Selection(1, 2, 1, 24); // "[0.5, -1.25, 2.0, 0.0]"
    assert.equal(matrix.document.getText(matrix.selection), '[0.5, -1.25, 2.0, 0.0]');
    const r = result(await run<PanelSnapshot>('openOnSelection'));
    assert.deepEqual(r.source.shape, [4]);
    close(r.stats.evalMean, mean([0.5, -1.25, 2.0, 0.0]), 'evalMean');
  });

  it('malformed JSON: the error names the document line and column and the document is untouched', async () => {
    const editor = await openFixture('broken.json');
    const version = editor.document.version;
    const text = editor.document.getText();
    const snapshot = await openOnFile('broken.json');
    assert.ok(snapshot.error, 'an error');
    assert.equal(snapshot.error.line, 3);
    assert.equal(snapshot.error.column, 10);
    assert.equal(snapshot.error.documentLabel, 'broken.json');
    assert.equal(editor.document.version, version);
    assert.equal(editor.document.isDirty, false);
    assert.equal(editor.document.getText(), text);
  });

  it("malformed selection: line and column are the DOCUMENT's, not the selection's", async () => {
    const editor = await openFixture('broken.json');
    const version = editor.document.version;
    editor.selection = new vscode.Selection(2, 2, 2, 12); // "[4, 5, x6]" on line 3
    assert.equal(editor.document.getText(editor.selection), '[4, 5, x6]');
    const snapshot = await run<PanelSnapshot>('openOnSelection');
    assert.ok(snapshot.error, 'an error');
    assert.equal(snapshot.error.line, 3);
    assert.equal(snapshot.error.column, 10);
    assert.equal(editor.document.version, version);
    assert.equal(editor.document.isDirty, false);
  });
});
