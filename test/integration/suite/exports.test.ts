// The exports, in the extension host. Save Outputs: the .npz it writes through workspace.fs is read
// back by the real NumPy (Debian's /usr/bin/python3), and its arrays are the panel's train output,
// mask and input to the byte, in the input's dtype and shape, in train and in eval mode. Copy as
// Markdown Report: the clipboard holds the settings, the kept count, the lesson and the script.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PanelSnapshot } from '../../../src/shared/viewModel';
import { openOnFile, resetAll, run } from './helpers';

const PYTHON = '/usr/bin/python3';

/** Each member of the .npz as NumPy loads it: dtype, shape, its bytes in hex, and for the mask how many are True. */
const READ_NPZ = `
import json, sys
import numpy as np
with np.load(sys.argv[1]) as d:
    print(json.dumps({name: {'dtype': str(d[name].dtype), 'shape': list(d[name].shape),
                             'hex': np.ascontiguousarray(d[name]).tobytes().hex(), 'true': int(np.count_nonzero(d[name]))}
                      for name in d.files} | {'files': d.files}))
`;

interface Member {
  dtype: string;
  shape: number[];
  hex: string;
  true: number;
}

function readWithNumPy(file: string): Record<string, Member> & { files: string[] } {
  return JSON.parse(execFileSync(PYTHON, ['-c', READ_NPZ, file], { encoding: 'utf8' }));
}

/** The bytes of the panel's values in the input's dtype, as NumPy stores them (little-endian). */
function hexOf(values: ArrayLike<number>, dtype: 'float32' | 'float64' | 'bool'): string {
  const typed = dtype === 'float32' ? Float32Array.from(values) : dtype === 'float64' ? Float64Array.from(values) : Uint8Array.from(values);
  return Buffer.from(typed.buffer, typed.byteOffset, typed.byteLength).toString('hex');
}

describe('Save Outputs for NumPy', () => {
  let dir: string;
  before(async () => {
    await resetAll();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dropout-save-'));
  });
  afterEach(resetAll);
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  function assertHoldsTrainDraw(file: string, train: PanelSnapshot): void {
    const result = train.result!;
    const { dtype, shape, n } = result.source;
    const values = result.values;
    assert.equal(values.input.length, n, 'the snapshot carries every value');
    const saved = readWithNumPy(file);
    assert.deepEqual(saved.files, ['output', 'mask', 'input']);
    assert.deepEqual([saved.output.dtype, saved.mask.dtype, saved.input.dtype], [dtype, 'bool', dtype]);
    for (const name of ['output', 'mask', 'input'] as const) assert.deepEqual(saved[name].shape, shape, `${name}'s shape`);
    assert.equal(saved.output.hex, hexOf(values.output, dtype), 'the train output, bit for bit');
    assert.equal(saved.mask.hex, hexOf(values.mask, 'bool'), 'the mask');
    assert.equal(saved.input.hex, hexOf(values.input, dtype), 'the input, bit for bit');
    assert.equal(saved.mask.true, result.stats.kept, 'as many kept as the panel says');
  }

  it('writes the train output, the mask and the input of a float32 matrix; at eval still the train draw', async () => {
    await run('setSeed', { seed: 7 });
    await run('setP', { p: 0.4 });
    await run('setModeTrain');
    const train = await openOnFile('matrix.json');
    const file = path.join(dir, 'matrix.npz');
    const written = await run<string | undefined>('saveOutputs', { uri: vscode.Uri.file(file) });
    assert.equal(written, vscode.Uri.file(file).toString());
    assertHoldsTrainDraw(file, train);

    await run('setModeEval');
    const atEval = path.join(dir, 'matrix-eval.npz');
    assert.ok(await run('saveOutputs', { uri: vscode.Uri.file(atEval).toString() }));
    assertHoldsTrainDraw(atEval, train);
  });

  it('keeps float64 as float64', async () => {
    await run('setP', { p: 0.3 });
    const train = await openOnFile('torch.txt');
    assert.equal(train.result!.source.dtype, 'float64');
    const file = path.join(dir, 'torch.npz');
    assert.ok(await run('saveOutputs', { uri: vscode.Uri.file(file) }));
    assertHoldsTrainDraw(file, train);
  });

  it('refuses an argument that is not a URI, writing nothing', async () => {
    await openOnFile('matrix.json');
    const before = fs.readdirSync(dir);
    assert.equal(await run('saveOutputs', { uri: 42 }), undefined);
    assert.deepEqual(fs.readdirSync(dir), before);
  });
});

describe('Copy as Markdown Report', () => {
  before(resetAll);
  afterEach(resetAll);

  it('puts the settings, the kept count, the lesson on these numbers and the script on the clipboard', async () => {
    await run('setSeed', { seed: 0 });
    await run('setP', { p: 0.4 });
    const snapshot = await openOnFile('ones100.json');
    const { kept, n } = snapshot.result!.stats;
    const text = await run<string | undefined>('copyReport');
    assert.ok(text);
    assert.equal(await vscode.env.clipboard.readText(), text);
    assert.match(text, /\| drop probability \| p = 0\.4 \(keep 1 − p = 0\.6\) \|/);
    assert.ok(text.includes(`| kept in this draw | ${kept} |`), 'the kept count in the summary');
    // On ones, the unscaled sum is the kept count and the eval sum is n.
    assert.ok(
      text.includes(`Kept ${kept} of ${n} → sum ${kept}.0 without scaling vs ${n}.0 at eval; × 1/(1−0.4) = `),
      'the lesson sentence',
    );
    assert.match(text, /```python\n# Dropout Playground: inverted dropout, p = 0\.4 \(keep 0\.6\), seed 0,/);
    assert.match(text, /torch\.manual_seed\(0\)/);

    assert.ok((await run<string | undefined>('copyReport', { language: 'numpy' }))?.includes('np.random.default_rng(0)'));
    assert.equal(await run('copyReport', { language: 'cobol' }), undefined, 'an unknown language is refused');
  });
});
