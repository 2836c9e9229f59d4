// Dropout in code: the lenses above the calls of a Python file, the training= hint and its quick fix,
// and a notebook cell's printed output opened in the playground.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PanelSnapshot } from '../../../src/shared/viewModel';
import { getApi, openFixture, openOnFile, resetAll, waitFor, workspaceFile } from './helpers';

const config = () => vscode.workspace.getConfiguration('dropoutPlayground');

async function ourLenses(uri: vscode.Uri): Promise<vscode.CodeLens[]> {
  const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? [];
  return lenses.filter((lens) => lens.command?.command === 'dropoutPlayground.openOnDropoutCall');
}

function runLens(lens: vscode.CodeLens): Thenable<PanelSnapshot | undefined> {
  return vscode.commands.executeCommand<PanelSnapshot | undefined>(lens.command!.command, ...(lens.command!.arguments ?? []));
}

/** Polls an asynchronous probe until it gives something. */
async function eventually<T>(probe: () => Promise<T | undefined | false>, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const hints = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Dropout Playground');

async function resetCodeSettings(): Promise<void> {
  for (const key of ['framework', 'codeLens.enabled', 'hints.enabled']) {
    if (config().inspect(key)?.globalValue !== undefined) await config().update(key, undefined, vscode.ConfigurationTarget.Global);
  }
  await resetAll();
}

describe('dropout calls in Python code', () => {
  before(resetCodeSettings);
  afterEach(resetCodeSettings);

  it('puts a lens above each dropout call, with its p and framework, and none for strings or comments', async () => {
    const editor = await openFixture('dropout_model.py');
    const lenses = await eventually(async () => {
      const found = await ourLenses(editor.document.uri);
      return found.length > 0 && found;
    }, 'the lenses');
    assert.deepEqual(
      lenses.map((lens) => [lens.range.start.line + 1, lens.command!.title]),
      [
        [14, 'Dropout Playground: p = 0.3 (PyTorch)'],
        [15, 'Dropout Playground: p = 0.25 (PyTorch)'],
        [16, 'Dropout Playground: choose p (PyTorch, p = rate)'],
        [19, 'Dropout Playground: p = 0.2 (PyTorch)'],
        [20, 'Dropout Playground: p = 0.1 (PyTorch)'],
        [23, 'Dropout Playground: p = 0.4 (Keras)'],
        [24, 'Dropout Playground: p = 0.15 (Keras)'],
        [25, 'Dropout Playground: p = 0.5 (Flax)'],
      ],
    );
  });

  it('running a lens sets p, framework, stream, variant and channel sharing, on the last input', async () => {
    const api = await getApi();
    await openOnFile('nchw.txt');
    const editor = await openFixture('dropout_model.py');
    const lenses = await eventually(async () => {
      const found = await ourLenses(editor.document.uri);
      return found.length > 0 && found;
    }, 'the lenses');

    const dropout2d = lenses.find((lens) => lens.range.start.line === 14)!;
    let snapshot = await runLens(dropout2d);
    assert.equal(snapshot?.status, 'loaded');
    assert.deepEqual(
      (({ p, framework, rng, variant, broadcastDims }) => ({ p, framework, rng, variant, broadcastDims }))(api.getSnapshot().settings),
      { p: 0.25, framework: 'pytorch', rng: 'torch', variant: 'inverted', broadcastDims: [2, 3] },
    );
    assert.equal(api.getSnapshot().result?.source.label, 'nchw.txt', 'the last input stays');
    assert.equal(config().get('p'), 0.25);

    snapshot = await runLens(lenses.find((lens) => lens.range.start.line === 24)!);
    const flax = api.getSnapshot().settings;
    assert.deepEqual([flax.p, flax.framework, flax.rng, flax.variant, flax.broadcastDims], [0.5, 'flax', 'jax', 'inverted', []]);

    snapshot = await runLens(lenses.find((lens) => lens.range.start.line === 23)!);
    const keras = api.getSnapshot().settings;
    assert.deepEqual(
      [keras.p, keras.framework, keras.rng, keras.variant],
      [0.15, 'keras', 'jax', 'gaussian'],
      'Keras names only: the stream stays',
    );
  });

  it('turns the lenses off with dropoutPlayground.codeLens.enabled', async () => {
    const editor = await openFixture('dropout_model.py');
    await config().update('codeLens.enabled', false, vscode.ConfigurationTarget.Global);
    await eventually(async () => (await ourLenses(editor.document.uri)).length === 0, 'no lenses');
  });

  it('hints at F.dropout without training= in an nn.Module method, and its quick fix passes training=self.training', async () => {
    const file = await openFixture('dropout_model.py');
    const found = await waitFor(() => hints(file.document.uri).length > 0 && hints(file.document.uri), 'the hint');
    assert.deepEqual(
      found.map((d) => [d.range.start.line + 1, d.severity, d.message]),
      [
        [
          19,
          vscode.DiagnosticSeverity.Information,
          'F.dropout without training= is always on: it keeps dropping after model.eval(). Pass training=self.training.',
        ],
      ],
    );

    // The fix is applied to a copy, so the fixture stays as it is.
    const copy = await vscode.workspace.openTextDocument({ language: 'python', content: file.document.getText() });
    await vscode.window.showTextDocument(copy);
    const diagnostic = await waitFor(() => hints(copy.uri)[0], 'the hint on the copy');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      copy.uri,
      diagnostic.range,
    );
    const fix = actions.find((a) => a.title === 'Pass training=self.training');
    assert.ok(fix?.edit, 'the quick fix is offered');
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.equal(copy.lineAt(18).text, '        x = F.dropout(x, 0.2, training=self.training)');
    await waitFor(() => hints(copy.uri).length === 0, 'the hint to go once training= is passed');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('turns the hints off with dropoutPlayground.hints.enabled', async () => {
    const file = await openFixture('dropout_model.py');
    await waitFor(() => hints(file.document.uri).length > 0, 'the hint');
    await config().update('hints.enabled', false, vscode.ConfigurationTarget.Global);
    await waitFor(() => hints(file.document.uri).length === 0, 'the hint to go');
  });
});

describe('a notebook cell’s output in the playground', () => {
  before(resetCodeSettings);
  afterEach(resetCodeSettings);

  async function notebook(): Promise<vscode.NotebookDocument> {
    const document = await vscode.workspace.openNotebookDocument(workspaceFile('outputs.ipynb'));
    await vscode.window.showNotebookDocument(document);
    return document;
  }

  const openCell = (cell: vscode.NotebookCell) =>
    vscode.commands.executeCommand<PanelSnapshot | undefined>('dropoutPlayground.openCellOutput', cell);

  it('opens the tensor a cell printed to stdout, among its other lines', async () => {
    const document = await notebook();
    const snapshot = await openCell(document.cellAt(0));
    assert.equal(snapshot?.status, 'loaded');
    assert.deepEqual(snapshot.result?.source.shape, [3, 4]);
    assert.equal(snapshot.result?.source.label, 'outputs.ipynb, cell 1 output');
    assert.deepEqual(Array.from(snapshot.result!.values.input.slice(0, 5)), [0, 0.25, 0.5, 0.75, 1]);
  });

  it('opens the array a cell returned (text/plain)', async () => {
    const document = await notebook();
    const snapshot = await openCell(document.cellAt(1));
    assert.deepEqual(snapshot?.result?.source.shape, [5]);
  });

  it('opens the selected cell when run without arguments', async () => {
    const document = await notebook();
    const editor = vscode.window.activeNotebookEditor;
    assert.equal(editor?.notebook, document);
    editor.selections = [new vscode.NotebookRange(1, 2)];
    const snapshot = await vscode.commands.executeCommand<PanelSnapshot | undefined>('dropoutPlayground.openCellOutput');
    assert.equal(snapshot?.result?.source.label, 'outputs.ipynb, cell 2 output');
  });

  it('says so, and changes nothing, when a cell printed no numbers or has no output', async () => {
    const api = await getApi();
    const document = await notebook();
    const before = api.getSnapshot();
    assert.equal(await openCell(document.cellAt(2)), undefined);
    assert.equal(await openCell(document.cellAt(3)), undefined);
    assert.equal(api.getSnapshot(), before);
  });
});
