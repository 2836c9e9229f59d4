// The slice offered for a tensor above maxValues, and the label that says which slice is shown.
import * as assert from 'node:assert/strict';
import { conversionNote, fileInputLabel, rowChoices } from '../../../src/host/files/tensorSlices';

describe('slices of large tensors', () => {
  it('offers as many first rows as fit, then round numbers, each within maxValues', () => {
    assert.deepEqual(rowChoices([50_000, 512], 10_000_000), [19_531, 10_000, 1000]);
    assert.deepEqual(rowChoices([20_000_000], 10_000_000), [10_000_000, 1_000_000, 100_000]);
    assert.deepEqual(rowChoices([3, 4], 100), [], 'fits');
    assert.deepEqual(rowChoices([2, 1000], 100), [], 'one row is already too large');
    for (const rows of rowChoices([7777, 33], 1000)) assert.ok(rows * 33 <= 1000);
  });

  it('labels the file, the tensor when it has several, and the slice', () => {
    const entry = { name: 'encoder.weight', shape: [5000, 8], dtype: 'float32' };
    assert.equal(fileInputLabel('w.safetensors', entry, 1), 'w.safetensors');
    assert.equal(fileInputLabel('w.safetensors', entry, 3), 'w.safetensors · encoder.weight');
    assert.equal(fileInputLabel('w.safetensors', entry, 3, 100), 'w.safetensors · encoder.weight, first 100 of 5000 rows');
    assert.equal(fileInputLabel('x.npy', { ...entry, shape: [9] }, 1, 4), 'x.npy, first 4 of 9 values');
  });

  it('says when values are converted', () => {
    assert.equal(conversionNote('float32'), undefined);
    assert.equal(conversionNote('float64'), undefined);
    assert.equal(conversionNote('float16'), 'float16 values, shown as float32');
    assert.match(conversionNote('int64') ?? '', /exact up to 2\^24/);
  });
});
