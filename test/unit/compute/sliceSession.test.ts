import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ComputeSession, type RunSettings } from '../../../src/compute/session';
import { summariseAxes } from '../../../src/viewModels/result/axisSummary';
import { dropout } from '../../../src/engine';
import { REPO_ROOT } from '../paths';

// The printed 2 × 3 × 4 × 5 tensor the UI tier opens (out/test/unit → test/workspace).
const NCHW = fs.readFileSync(path.join(REPO_ROOT, 'test', 'workspace', 'nchw.txt'), 'utf8');
const settings: RunSettings = { p: 0.5, mode: 'train', seed: '7', rng: 'torch', variant: 'inverted', broadcastDims: [] };

function loaded(): ComputeSession {
  const session = new ComputeSession();
  const reply = session.load({ text: NCHW, dtype: 'float32', origin: { line: 1, column: 1 }, maxValues: 1e6, label: 'nchw.txt' });
  assert.ok(reply.ok);
  assert.deepEqual(reply.source.shape, [2, 3, 4, 5]);
  return session;
}

describe('the panel on a 4-D input: slices and per-axis summaries', () => {
  it('shows the whole layout until a slice is picked, then that slice, with the values from its first unit', () => {
    const session = loaded();
    const whole = session.run(settings);
    assert.ok(whole.ok);
    assert.deepEqual([whole.view.mask.unitRows, whole.view.mask.unitCols, whole.view.values.offset], [24, 5, 0]);
    const sliced = session.run({ ...settings, slice: [1, 2] });
    assert.ok(sliced.ok);
    const { mask, values, stats } = sliced.view;
    assert.deepEqual([mask.unitRows, mask.unitCols, values.offset], [4, 5, 100]);
    assert.equal(stats.kept, whole.view.stats.kept, 'the same draw');
    for (let i = 0; i < 20; i++) assert.equal(mask.keptFraction[i], values.mask[i] * 255, `unit ${100 + i}`);
    assert.equal(
      mask.slice?.kept,
      values.mask.subarray(0, 20).reduce((a, m) => a + m, 0),
    );
  });

  it('zooms inside the picked slice, and ignores a slice that does not fit', () => {
    const session = loaded();
    assert.ok(session.run(settings).ok);
    const region = session.maskRegion({ row: 1, col: 1, rows: 2, cols: 2 }, [0, 1]);
    assert.deepEqual(region?.slice?.index, [0, 1]);
    assert.deepEqual([region?.unitRows, region?.unitCols, region?.rows, region?.cols], [4, 5, 2, 2]);
    const outOfRange = session.maskRegion({ row: 0, col: 0, rows: 24, cols: 5 }, [2, 0]);
    assert.equal(outOfRange?.slice, undefined);
    assert.deepEqual([outOfRange?.unitRows, outOfRange?.unitCols], [24, 5]);
  });

  it('sends per-axis fractions of the very mask it draws; channel-wise sharing makes them 0 or 1', () => {
    const session = loaded();
    const run = session.run({ ...settings, broadcastDims: [0, 2, 3] });
    assert.ok(run.ok);
    const { axes } = run.view;
    assert.deepEqual(
      axes.map((a) => a.length),
      [2, 3, 4, 5],
    );
    const x = { shape: [2, 3, 4, 5], dtype: 'float32' as const, data: new Float32Array(120) };
    const mask = dropout(x, { p: 0.5, mode: 'train', seed: '7', rng: 'torch', broadcastDims: [0, 2, 3] }).mask;
    assert.deepEqual(Array.from(axes[1].fraction), Array.from(summariseAxes(mask, x.shape)[1].fraction));
    for (let c = 0; c < 3; c++) assert.equal(axes[1].fraction[c], mask[c * 20], `channel ${c}`);
  });
});
