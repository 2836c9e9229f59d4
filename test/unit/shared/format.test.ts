import * as assert from 'node:assert/strict';
import { formatShape, formatShort, formatStat } from '../../../src/shared/numberFormat';
import { lessonSentence } from '../../../src/shared/lesson';
import type { DropoutStats } from '../../../src/engine/types';

describe('panel number formatting', () => {
  it('gives data-stat values with the number first and at least 6 significant digits', () => {
    assert.equal(formatStat(1), '1');
    assert.equal(formatStat(100), '100');
    assert.equal(formatStat(Math.fround(1 / 0.6)), '1.666667');
    assert.equal(formatStat(0.53), '0.53');
    assert.equal(formatStat(NaN), 'NaN');
    assert.equal(formatStat(-Infinity), '-Infinity');
    for (const v of [Math.PI, 1 / 3, 123456.789, 1.23456789e-7]) {
      const text = formatStat(v);
      assert.ok(Math.abs(Number(text) - v) <= Math.abs(v) * 1e-6, `${text} vs ${v}`);
      assert.match(text, /^-?\d/);
    }
  });

  it('writes short numbers for sentences', () => {
    assert.equal(formatShort(61), '61.0');
    assert.equal(formatShort(101.6666), '101.7');
    assert.equal(formatShort(8.16), '8.2');
    assert.equal(formatShort(0.0123), '0.0123');
    assert.equal(formatShort(-2.5), '−2.5');
    assert.equal(formatShape([64, 512, 7, 7]), '64 × 512 × 7 × 7');
  });
});

// The seed example: 100 ones at p = 0.4 with 61 kept.
function onesStats(kept: number, p: number, scale: number): DropoutStats {
  const n = 100;
  return {
    n,
    kept,
    keptFraction: kept / n,
    evalMean: 1,
    trainMeanUnscaled: kept / n,
    trainMean: (kept * scale) / n,
    expectedTrainMean: 1,
    trainMeanStd: Math.sqrt((n * p) / (1 - p)) / n,
  };
}

describe('the lesson sentence', () => {
  it('works the seed example on the numbers: 61 kept → 61.0 vs 100.0, ×1/(1−0.4) = 101.7, expected 100.0 ± 8.2', () => {
    const stats = onesStats(61, 0.4, 1 / 0.6);
    const text = lessonSentence({ variant: 'inverted', p: 0.4, stats, trainScale: 1 / 0.6 });
    assert.equal(text, 'Kept 61 of 100 → sum 61.0 without scaling vs 100.0 at eval; × 1/(1−0.4) = 101.7; expected 100.0 ± 8.2.');
  });

  it('tells each variant its own story', () => {
    const stats = onesStats(61, 0.4, 1);
    assert.match(
      lessonSentence({ variant: 'classic', p: 0.4, stats: { ...stats, evalMean: 0.6 }, trainScale: 1 }),
      /eval multiplies by 1−p = 0\.6 instead, giving 60\.0/,
    );
    assert.match(lessonSentence({ variant: 'unscaled', p: 0.4, stats, trainScale: 1 }), /61\.0 in training but 100\.0 at eval/);
    assert.match(lessonSentence({ variant: 'gaussian', p: 0.4, stats, trainScale: 1 }), /N\(1, p\/\(1−p\) = 0\.667\)/);
  });
});
