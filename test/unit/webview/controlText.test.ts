// The panel's controls say visibly what is wrong with a typed value, what a
// typed seed waits for, and what sharing a mask value along axes means for
// this very shape (channel-wise only for the spatial axes of N × C × …).
import * as assert from 'node:assert/strict';
import { pFieldMessage, seedFieldMessage, sharingNote } from '../../../webview/controlText';

describe('the messages under the seed and p fields', () => {
  it('refuse a seed that is not a whole number, and say which seed still applies', () => {
    const message = seedFieldMessage('abc', '0', true);
    assert.equal(message?.kind, 'error');
    assert.match(message!.text, /^“abc” is not a whole number: .* The mask still uses seed 0\.$/);
    assert.equal(seedFieldMessage('abc', '0', false)?.kind, 'error', 'a letter is never on its way to a number');
    assert.equal(seedFieldMessage('4.5', '0', true)?.kind, 'error');
    assert.match(seedFieldMessage('', '7', true)!.text, /^The seed is empty/);
  });

  it('say that a typed seed waits for Enter or leaving the field, and nothing once it applies', () => {
    assert.deepEqual(seedFieldMessage('42', '0', false), {
      kind: 'hint',
      text: 'Press Enter or leave the field to draw the mask with seed 42.',
    });
    assert.equal(seedFieldMessage('42', '42', false), undefined);
    assert.equal(seedFieldMessage(' 42 ', '42', true), undefined);
    assert.equal(seedFieldMessage('-', '0', false)?.kind, 'hint', 'a sign on its way to a negative seed');
    assert.equal(seedFieldMessage('', '0', false)?.kind, 'hint', 'a field cleared to type anew');
  });

  it('refuse p outside 0 to 1 or not a number, and say which p still applies', () => {
    assert.match(pFieldMessage('2', false, 0.5)!.text, /^p = 2 is not a probability: .* p stays 0\.5\.$/);
    assert.equal(pFieldMessage('-0.1', false, 0.5)?.kind, 'error');
    assert.equal(pFieldMessage('', true, 0.4)?.kind, 'error');
    assert.match(pFieldMessage('', false, 0.4)!.text, /p stays 0\.4\./);
    for (const good of ['0', '0.35', '1', '.5']) assert.equal(pFieldMessage(good, false, 0.5), undefined, good);
  });
});

describe('the note under "Share one mask value along"', () => {
  it('names rows and columns for a 2-D array, never channels', () => {
    assert.equal(sharingNote([3, 4], [0]), 'one mask value per column, shared down its rows (draws on a 1 × 4 shape)');
    assert.equal(sharingNote([3, 4], [1]), 'one mask value per row, shared across its columns (draws on a 3 × 1 shape)');
    assert.equal(sharingNote([3, 4], [0, 1]), 'one mask value for all 12 units (draws on a 1 × 1 shape)');
    assert.equal(sharingNote([3, 4], []), 'element-wise: one mask value per unit');
  });

  it('calls only the spatial axes of N × C × … channel-wise', () => {
    assert.match(
      sharingNote([2, 3, 5, 5], [2, 3]),
      /^channel-wise, as torch Dropout2d .* per sample and channel \(draws on a 2 × 3 × 1 × 1 shape\)$/,
    );
    assert.match(sharingNote([2, 3, 7], [2]), /^channel-wise, as torch Dropout1d/);
    assert.match(sharingNote([2, 3, 4, 5, 5], [2, 3, 4]), /^channel-wise, as torch Dropout3d/);
    // No torch Dropout4d exists: rank 6 is channel-wise with no module named.
    assert.match(
      sharingNote([2, 3, 2, 2, 2, 2], [2, 3, 4, 5]),
      /^channel-wise: one mask value per sample and channel \(draws on a 2 × 3 × 1 × 1 × 1 × 1 shape\)$/,
    );
    for (const [shape, dims] of [
      [[2, 3, 5, 5], [0]],
      [[2, 3, 5, 5], [3]],
      [
        [2, 3, 5, 5],
        [1, 2, 3],
      ],
      [[2, 3, 7], [0]],
    ] as const) {
      assert.doesNotMatch(sharingNote(shape, dims), /channel/, `${shape} along ${dims}`);
    }
    assert.equal(
      sharingNote([2, 3, 5, 5], [3, 0]),
      'one mask value per index of axes 1, 2, shared along axes 0, 3 (draws on a 1 × 3 × 5 × 1 shape)',
    );
  });
});
