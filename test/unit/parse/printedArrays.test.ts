// Finding printed arrays among the other things a program prints.
import * as assert from 'node:assert/strict';
import { parseActivations } from '../../../src/parse';
import { printedArrays } from '../../../src/parse/printedArrays';

describe('printed arrays in program output', () => {
  it('finds torch tensors, NumPy arrays and parameters between other lines, with their lines', () => {
    const output = [
      'epoch 1: loss 0.25',
      'tensor([[1., 2.],',
      '        [3., 4.]], grad_fn=<MulBackward0>)',
      'done (100%)',
      'array([0.5, 1.5], dtype=float32)',
      'Parameter containing:',
      'tensor([0.1000, 0.2000], requires_grad=True)',
      '[[1. 2.]',
      ' [3. 4.]]',
    ].join('\n');
    const found = printedArrays(output);
    assert.deepEqual(
      found.map((a) => [a.line, a.text.split('\n')[0]]),
      [
        [2, 'tensor([[1., 2.],'],
        [5, 'array([0.5, 1.5], dtype=float32)'],
        [6, 'Parameter containing:'],
        [8, '[[1. 2.]'],
      ],
    );
    assert.deepEqual(
      found.map((a) => parseActivations(a.text).shape),
      [[2, 2], [2], [2], [2, 2]],
    );
  });

  it('finds nothing in output without a printout', () => {
    assert.deepEqual(printedArrays('hello\nloss = 0.3\n'), []);
    assert.deepEqual(printedArrays(''), []);
  });

  it('runs an unclosed printout to the end, for the parser to report', () => {
    assert.deepEqual(printedArrays('x\ntensor([1., 2.'), [{ text: 'tensor([1., 2.', line: 2 }]);
  });
});
