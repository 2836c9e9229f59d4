// The slices offered for a tensor above maxValues, the index typed for one, and the label that says
// which slice is shown.
import * as assert from 'node:assert/strict';
import { conversionNote, fileInputLabel, parseIndex, rowChoices, sliceOffers } from '../../../src/host/files/tensorSlices';

const count = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

describe('slices of large tensors', () => {
  it('offers as many first rows as fit, then round numbers, each within maxValues', () => {
    assert.deepEqual(rowChoices([50_000, 512], 10_000_000), [19_531, 10_000, 1000]);
    assert.deepEqual(rowChoices([20_000_000], 10_000_000), [10_000_000, 1_000_000, 100_000]);
    assert.deepEqual(rowChoices([3, 4], 100), [], 'fits');
    assert.deepEqual(rowChoices([2, 1000], 100), [], 'one row is already too large');
    for (const rows of rowChoices([7777, 33], 1000)) assert.ok(rows * 33 <= 1000);
  });

  it('offers the first rows or one index of the leading axis, and goes deeper when one index is too large', () => {
    assert.deepEqual(sliceOffers([64, 512, 512], 10_000_000), [
      { axes: 0, rows: 38, shape: [38, 512, 512] },
      { axes: 0, rows: 10, shape: [10, 512, 512] },
      { axes: 0, rows: 1, shape: [1, 512, 512] },
      { axes: 1, shape: [512, 512] },
    ]);
    assert.deepEqual(sliceOffers([8, 64, 4096, 4096], 10_000_000), [
      { axes: 2, rows: 2441, shape: [2441, 4096] },
      { axes: 2, rows: 1000, shape: [1000, 4096] },
      { axes: 2, rows: 100, shape: [100, 4096] },
      { axes: 3, shape: [4096] },
    ]);
    assert.deepEqual(
      sliceOffers([20_000_000], 10_000_000).map((o) => o.axes),
      [0, 0, 0],
      'a vector: only its first values',
    );
    assert.deepEqual(sliceOffers([3, 4], 100), [], 'fits');
    for (const shape of [
      [64, 512, 512],
      [8, 64, 4096, 4096],
      [3, 50_000_000],
      [7, 9, 11],
    ]) {
      for (const offer of sliceOffers(shape, 300)) assert.ok(count(offer.shape) <= 300, `${shape}: ${JSON.stringify(offer)}`);
    }
  });

  it('reads the index typed for the leading axes, or says what is wrong', () => {
    assert.deepEqual(parseIndex('3', [64, 512, 512], 1), [3]);
    assert.deepEqual(parseIndex(' [0, 5] ', [8, 64, 4096], 2), [0, 5]);
    assert.deepEqual(parseIndex('64', [64, 512, 512], 1), { problem: 'Index 64 is not in axis 0, which runs from 0 to 63' });
    assert.deepEqual(parseIndex('-1', [64, 512, 512], 1), { problem: 'Type one whole number from 0' });
    assert.deepEqual(parseIndex('1', [8, 64, 4096], 2), { problem: 'Type 2 whole numbers from 0, separated by commas' });
  });

  it('labels the file, the tensor when it has several, and the slice', () => {
    const entry = { name: 'encoder.weight', shape: [5000, 8], dtype: 'float32' };
    assert.equal(fileInputLabel('w.safetensors', entry, 1), 'w.safetensors');
    assert.equal(fileInputLabel('w.safetensors', entry, 3), 'w.safetensors · encoder.weight');
    assert.equal(fileInputLabel('w.safetensors', entry, 3, { rows: 100 }), 'w.safetensors · encoder.weight, first 100 of 5000 rows');
    assert.equal(fileInputLabel('w.safetensors', entry, 3, { rows: 9000 }), 'w.safetensors · encoder.weight');
    assert.equal(fileInputLabel('x.npy', { ...entry, shape: [9] }, 1, { rows: 4 }), 'x.npy, first 4 of 9 values');
    const cube = { name: 'acts', shape: [64, 512, 512], dtype: 'float32' };
    assert.equal(fileInputLabel('acts.npy', cube, 1, { index: [3] }), 'acts.npy, slice [3, :, :] of [64, 512, 512]');
    assert.equal(fileInputLabel('acts.npy', cube, 1, { index: [3], rows: 100 }), 'acts.npy, slice [3, :100, :] of [64, 512, 512]');
    assert.equal(fileInputLabel('acts.npy', cube, 1, { index: [3, 7] }), 'acts.npy, slice [3, 7, :] of [64, 512, 512]');
  });

  it('says when values are converted', () => {
    assert.equal(conversionNote('float32'), undefined);
    assert.equal(conversionNote('float64'), undefined);
    assert.equal(conversionNote('float16'), 'float16 values, shown as float32');
    assert.match(conversionNote('int64') ?? '', /exact up to 2\^24/);
  });
});
