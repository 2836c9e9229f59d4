import * as assert from 'node:assert/strict';
import { markedBars } from '../../../webview/histogramMarks';
import { sumHistogram } from '../../../src/viewModels/teach/sumHistogram';

const edges = Float64Array.from([90, 95, 100, 105, 110]);

describe('what the Monte Carlo histogram highlights, in words', () => {
  it('one bar, with both marks, when the eval sum and the expected sum share it', () => {
    const bars = markedBars({ edges, evalBin: 2, expectedBin: 2 }, 100, 100);
    assert.deepEqual(bars, [
      { bin: 2, marks: ['eval', 'expected'], text: 'The bar from 100.0 to 105.0 holds the eval sum and the expected sum, both 100.0.' },
    ]);
  });

  it('names both values when they share a bar but differ', () => {
    const [bar] = markedBars({ edges, evalBin: 2, expectedBin: 2 }, 100, 102.5);
    assert.equal(bar.text, 'The bar from 100.0 to 105.0 holds the eval sum, 100.0, and the expected sum, 102.5.');
  });

  it('two bars when they fall apart (unscaled dropout: 60 expected, 100 at eval)', () => {
    const bars = markedBars({ edges: Float64Array.from([55, 65, 75, 85, 95, 105]), evalBin: 4, expectedBin: 0 }, 100, 60);
    assert.deepEqual(
      bars.map((b) => [b.bin, b.marks]),
      [
        [4, ['eval']],
        [0, ['expected']],
      ],
    );
    assert.equal(bars[0].text, 'The bar from 95.0 to 105.0 holds the eval sum, 100.0.');
    assert.equal(bars[1].text, 'The bar from 55.0 to 65.0 holds the expected sum, 60.0.');
  });

  it('leaves out a value with no bar (a sum that is not finite)', () => {
    assert.deepEqual(
      markedBars({ edges, evalBin: -1, expectedBin: 1 }, NaN, 97).map((b) => b.marks),
      [['expected']],
    );
    assert.deepEqual(markedBars({ edges, evalBin: -1, expectedBin: -1 }, NaN, NaN), []);
  });

  it('agrees with the histogram the panel draws: the named bar holds the value', () => {
    // 100 ones at p = 0.4: train sums are k / 0.6; eval sum 100, expected sum 100.
    const sums = Float64Array.from({ length: 400 }, (_, i) => (50 + (i % 21)) / 0.6);
    const hist = sumHistogram(sums, { evalSum: 100, expectedSum: 100 });
    const [bar] = markedBars(hist, 100, 100);
    assert.ok(hist.edges[bar.bin] <= 100 && 100 < hist.edges[bar.bin + 1]);
    assert.deepEqual(bar.marks, ['eval', 'expected']);
  });
});
