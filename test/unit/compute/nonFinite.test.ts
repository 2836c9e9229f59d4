// Numbers past the dtype's range, and figures that are not numbers: the parser
// warns where the first overflowing number is, and every sentence, table cell
// and worked step says "undefined" with the reason instead of a wrong number.
import * as assert from 'node:assert/strict';
import { ComputeSession } from '../../../src/compute/session';
import { dropout, type DropoutStats, type Tensor } from '../../../src/engine';
import { parseActivations } from '../../../src/parse';
import { isInputWarning } from '../../../src/shared/protocol';
import { explain } from '../../../src/viewModels/teach/explain';
import { undefinedStatsReason } from '../../../src/viewModels/teach/undefinedStats';
import type { PlaygroundSettings, ResultView } from '../../../src/shared/viewModel';
import { undefinedNote } from '../../../src/shared/numberFormat';
import { summaryCells } from '../../../src/shared/summaryCells';
import { lessonSentence } from '../../../src/shared/lesson';

describe('parse: numbers too large for the dtype', () => {
  it('JSON: names the first one, its line and column, and suggests float64', () => {
    const t = parseActivations('[\n  0.5, 1.5,\n    1e308, 2,\n 1e309]');
    assert.equal(t.data[2], Infinity);
    assert.deepEqual(t.warning, {
      message: '1e308 at line 3, column 5 is too large for float32 and became Infinity; set dropoutPlayground.dtype to float64.',
      line: 3,
      column: 5,
    });
  });

  it('CSV: a negative one becomes −Infinity; columns count UTF-16 units and the origin shifts the first line', () => {
    const t = parseActivations('"😀 a",b\n1,-3.5e38', 'csv', { origin: { line: 10, column: 7 } });
    assert.equal(t.data[1], -Infinity);
    assert.equal(t.warning?.line, 11);
    assert.equal(t.warning?.column, 3);
    assert.match(t.warning!.message, /^-3\.5e38 at line 11, column 3 is too large for float32 and became −Infinity/);
    const first = parseActivations('1, 4e38, 2', 'csv', { origin: { line: 2, column: 5 } });
    assert.deepEqual([first.warning?.line, first.warning?.column], [2, 8]);
  });

  it('a printout suggests dtype=float64; one that says dtype=float64 keeps the value and warns nothing', () => {
    const t = parseActivations('tensor([1.0000e+00, 5.0000e+38])');
    assert.equal(t.data[1], Infinity);
    assert.match(
      t.warning!.message,
      /^5\.0000e\+38 at line 1, column 21 is too large for float32 and became Infinity; add dtype=float64 to the printout/,
    );
    const wide = parseActivations('tensor([1.0000e+00, 5.0000e+38], dtype=torch.float64)');
    assert.equal(wide.dtype, 'float64');
    assert.equal(wide.data[1], 5e38);
    assert.equal(wide.warning, undefined);
  });

  it('float64: only numbers past 1.8e308 warn, without suggesting a wider dtype', () => {
    const t = parseActivations('[1e308, 1e400]', 'json', { dtype: 'float64' });
    assert.equal(t.warning?.message, '1e400 at line 1, column 9 is too large for float64 and became Infinity.');
    assert.equal(parseActivations('[1e308, 2]', 'json', { dtype: 'float64' }).warning, undefined);
  });

  it('no warning for written infinities, NaN, or the largest float32 values', () => {
    for (const text of ['[inf, -Infinity, NaN, 1]', '[3.4028234e38, -3.4e38, 1e38, 123456789012345678901234567890]']) {
      assert.equal(parseActivations(text).warning, undefined, text);
    }
  });

  it('the session passes the warning to the panel, and the panel accepts only well-formed ones', () => {
    const session = new ComputeSession();
    const reply = session.load({ text: '[1, 1e308]', dtype: 'float32', origin: { line: 4, column: 3 }, maxValues: 100, label: 'x' });
    assert.ok(reply.ok);
    assert.ok(reply.ok && isInputWarning(reply.source.warning));
    assert.equal(reply.ok && reply.source.warning?.column, 7);
    assert.equal(isInputWarning({ message: 'x', line: 0, column: 1 }), false);
    assert.equal(isInputWarning({ message: '', line: 1, column: 1 }), false);
    assert.equal(isInputWarning({ message: 'x', line: 1.5, column: 1 }), false);
    assert.equal(isInputWarning(null), false);
  });
});

function stats(x: Tensor, p = 0.4): DropoutStats {
  return dropout(x, { p, mode: 'train', seed: 0, rng: 'torch' }).stats;
}

function f32(values: number[]): Tensor {
  return { shape: [values.length], dtype: 'float32', data: Float32Array.from(values) };
}

describe('figures that are not numbers are stated as undefined', () => {
  it('names what the input holds, or the overflowing sum', () => {
    assert.equal(undefinedStatsReason(f32([1, 2, 3]).data, stats(f32([1, 2, 3]))), null);
    const inf = f32([1, Infinity, 3]);
    assert.equal(undefinedStatsReason(inf.data, stats(inf)), 'the input holds Infinity');
    const nan = f32([1, NaN, 3]);
    assert.equal(undefinedStatsReason(nan.data, stats(nan)), 'the input holds NaN');
    const both = f32([NaN, -Infinity, Infinity]);
    assert.equal(undefinedStatsReason(both.data, stats(both)), 'the input holds NaN and Infinity and −Infinity');
  });

  it('an overflow names the figure that overflowed and why, and keeps the finite ones as numbers', () => {
    // float32 [3e38, 1] at p = 0.4 with the 3e38 kept: 3e38 / 0.6 is past float32's largest, so the output is
    // Infinity and only the train mean is; eval mean, expectation and σ are float64 numbers.
    const big = f32([3e38, 1]);
    const seed = [...Array(50).keys()].find((s) => dropout(big, { p: 0.4, mode: 'train', seed: s, rng: 'torch' }).mask[0] === 1)!;
    const s = dropout(big, { p: 0.4, mode: 'train', seed, rng: 'torch' }).stats;
    assert.equal(s.trainMean, Infinity);
    assert.ok([s.evalMean, s.expectedTrainMean, s.trainMeanStd].every(Number.isFinite));
    const reason = undefinedStatsReason(big.data, s);
    assert.equal(reason, 'a training output too large for float32 became Infinity, so the train mean is Infinity');
    const e = explain({ x: big.data, p: 0.4, variant: 'inverted', stats: s });
    const sums = e.steps.find((step) => step.id === 'undefinedSums')!;
    assert.equal(sums.substituted, 'Σ y = Infinity (overflowed),  E[Σ y] = 3e+38,  σ_Σ = 2.449e+38');
    assert.match(sums.note, /Read the input as float64/);
    assert.doesNotMatch(sums.note + e.verdict.sentence, /non-finite|largest float64|not numbers/);
    // float64 [1e200, 1e200]: the means are fine; σ's sum of squares, 2e400, is not.
    const wide: Tensor = { shape: [2], dtype: 'float64', data: Float64Array.from([1e200, 1e200]) };
    const w = stats(wide, 0.5);
    assert.ok(Number.isFinite(w.trainMean) && Number.isFinite(w.evalMean));
    assert.equal(undefinedStatsReason(wide.data, w), "σ's sum of squares passed the largest float64 number, so σ comes out Infinity");
    // The inputs' own sum past the largest double: the eval mean names it.
    const huge: Tensor = { shape: [3], dtype: 'float64', data: Float64Array.from([1e308, 1e308, 1e308]) };
    assert.match(
      undefinedStatsReason(huge.data, stats(huge, 0.5))!,
      /the inputs' sum passed the largest float64 number, so the eval mean comes out Infinity/,
    );
  });

  it('the lesson sentence says undefined at p = 0.4, never "sum 0.00 … Nothing is random"', () => {
    const x = f32([0.5, 1.5, 2, 1e308, 1]);
    const s = stats(x);
    const text = lessonSentence({
      variant: 'inverted',
      p: 0.4,
      stats: s,
      trainScale: 1 / 0.6,
      undefinedReason: undefinedStatsReason(x.data, s),
    });
    assert.equal(text, `Kept ${s.kept} of 5 → training and eval cannot be compared on these numbers (the input holds Infinity).`);
  });

  it('summary cells: the data-stat text is always the number; "undefined (reason)" is a note, only beside NaN', () => {
    assert.equal(undefinedNote(1.5, 'the input holds Infinity'), null);
    assert.equal(undefinedNote(Infinity, 'the input holds Infinity'), null);
    assert.equal(undefinedNote(-Infinity, 'the input holds −Infinity'), null);
    assert.equal(undefinedNote(NaN, 'the input holds NaN'), 'undefined (the input holds NaN)');
    // [Infinity, 1] with the Infinity dropped: Infinity · 0 is NaN in the train output; the eval mean is a real Infinity.
    const x = f32([Infinity, 1]);
    const seed = [...Array(50).keys()].find((s) => dropout(x, { p: 0.5, mode: 'train', seed: s, rng: 'torch' }).mask[0] === 0)!;
    const s = dropout(x, { p: 0.5, mode: 'train', seed, rng: 'torch' }).stats;
    const e = explain({ x: x.data, p: 0.5, variant: 'inverted', stats: s });
    const settings = { p: 0.5, mode: 'train', seed: String(seed), rng: 'torch', variant: 'inverted' } as PlaygroundSettings;
    const cells = summaryCells(settings, { stats: s, explanation: e } as unknown as ResultView);
    assert.deepEqual(cells.evalMean, { value: 'Infinity', note: null });
    assert.deepEqual(cells.trainMean, { value: 'NaN', note: 'undefined (the input holds Infinity)' });
    assert.deepEqual(cells.n, { value: '2', note: null });
    for (const stat of ['evalMean', 'trainMeanUnscaled', 'trainMean', 'expectedTrainMean', 'trainMeanStd']) {
      assert.match(cells[stat].value, /^(-?Infinity|NaN|-?\d)/, `${stat}: the number first`);
    }
  });

  it('the worked steps and the band sentence say undefined, with no NaN or ∞ posing as a result', () => {
    for (const variant of ['inverted', 'classic', 'unscaled', 'alpha', 'gaussian'] as const) {
      for (const p of variant === 'gaussian' ? [0.4] : [0.4, 1]) {
        const x = f32([Infinity, 0.5, 2]);
        const s = dropout(x, { p, mode: 'train', seed: 0, rng: 'torch', variant }).stats;
        const e = explain({ x: x.data, p, variant, stats: s });
        assert.equal(e.verdict.undefinedReason, 'the input holds Infinity');
        assert.equal(e.verdict.tail, null);
        assert.equal(
          e.verdict.sentence,
          'Where this draw falls is undefined (the input holds Infinity): its distance from the expectation, in σ, is not a finite number.',
        );
        assert.ok(e.steps.some((step) => step.id === 'undefinedSums' && step.substituted === 'undefined (the input holds Infinity)'));
        for (const step of e.steps)
          assert.doesNotMatch(step.substituted + step.note, /NaN|∞/, `${variant} p=${p} ${step.id}: ${step.substituted}`);
      }
    }
  });
});
