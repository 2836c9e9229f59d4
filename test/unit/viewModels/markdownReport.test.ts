// The Markdown report says what the panel says, and what it says is true of the numbers: the kept
// count, the sums and the expectation in the lesson are checked against the engine's own arrays
// and the closed forms, the summary rows against the stats, and the script against the settings.
import * as assert from 'node:assert/strict';
import { ComputeSession, type RunSettings } from '../../../src/compute/session';
import { dropout } from '../../../src/engine';
import { formatShort } from '../../../src/shared/numberFormat';
import type { PlaygroundSettings, ResultView } from '../../../src/shared/viewModel';
import { markdownReport } from '../../../src/viewModels/export/markdownReport';

const N = 100;
const ONES = new Float32Array(N).fill(1);

function resultOn(data: Float32Array, settings: PlaygroundSettings, label = 'ones100.json'): ResultView {
  const session = new ComputeSession();
  assert.ok(session.load({ kind: 'tensor', shape: [data.length], data: data.slice(), dtype: 'float32', maxValues: 1e6, label }).ok);
  const run: RunSettings = {
    p: settings.p,
    mode: settings.mode,
    seed: settings.seed,
    rng: settings.rng,
    variant: settings.variant,
    broadcastDims: settings.broadcastDims,
  };
  const reply = session.run(run);
  assert.ok(reply.ok);
  return reply.view;
}

const SETTINGS: PlaygroundSettings = {
  p: 0.4,
  mode: 'train',
  seed: '0',
  rng: 'torch',
  variant: 'inverted',
  framework: 'pytorch',
  broadcastDims: [],
};

/** The sums a person would work out from the arrays themselves. */
function truth(data: Float32Array, settings: PlaygroundSettings) {
  const train = dropout({ shape: [data.length], dtype: 'float32', data }, { ...settings, mode: 'train' });
  let kept = 0;
  let unscaled = 0;
  let trainSum = 0;
  for (let i = 0; i < data.length; i++) {
    kept += train.mask[i];
    unscaled += data[i] * train.mask[i];
    trainSum += train.output[i];
  }
  return { kept, unscaled, trainSum };
}

/** The rows of the table under `heading`, as [label, value]. */
function tableUnder(report: string, heading: string): [string, string][] {
  const section = report.split(`## ${heading}\n\n`)[1].split('\n\n')[0];
  return section
    .split('\n')
    .slice(2)
    .map((line) => line.slice(2, -2).split(' | ') as [string, string]);
}

describe('the Markdown report', () => {
  it('tells the lesson on 100 ones at p = 0.4 with the numbers the draw really has', () => {
    const report = markdownReport(SETTINGS, resultOn(ONES, SETTINGS), 'torch');
    const { kept, unscaled, trainSum } = truth(ONES, SETTINGS);
    // Each unit of 1 is kept with probability 0.6 and scaled by 1/0.6: mean n = 100, σ = √(n·p/(1 − p)).
    const sigma = Math.sqrt((N * 0.4) / 0.6);
    assert.ok(
      report.includes(
        `Kept ${kept} of ${N} → sum ${formatShort(unscaled)} without scaling vs 100.0 at eval; × 1/(1−0.4) = ${formatShort(trainSum)}; expected 100.0 ± ${formatShort(sigma)}.`,
      ),
      report,
    );
    assert.equal(formatShort(sigma), '8.2');
  });

  it('lists the settings and the summary as the panel does, each figure the stat itself', () => {
    const result = resultOn(ONES, SETTINGS);
    const report = markdownReport(SETTINGS, result, 'torch');
    const settings = Object.fromEntries(tableUnder(report, 'Settings'));
    assert.equal(settings['drop probability'], 'p = 0.4 (keep 1 − p = 0.6)');
    assert.equal(settings["PyTorch's argument"], 'p = 0.4');
    assert.equal(settings.mode, 'train');
    assert.equal(settings.seed, '0');
    assert.match(settings['random stream'], /^PyTorch: torch\.manual_seed/);
    assert.match(settings.variant, /^Inverted/);
    const summary = Object.fromEntries(tableUnder(report, 'Summary'));
    assert.equal(Number(summary['kept in this draw']), truth(ONES, SETTINGS).kept);
    assert.equal(Number(summary['units n']), N);
    assert.equal(Number(summary['drop probability p']), 0.4);
    assert.equal(Number(summary['eval mean']), 1);
    assert.ok(Math.abs(Number(summary['train mean (what training outputs)']) - result.stats.trainMean) < 1e-6);
  });

  it("says at eval that nothing is dropped and the figures are the seed's train draw", () => {
    const atEval = { ...SETTINGS, mode: 'eval' as const };
    const report = markdownReport(atEval, resultOn(ONES, atEval), 'torch');
    assert.match(
      report,
      /Eval mode: nothing is dropped, the output equals the input \(sum 100\.0\)\. For comparison, what seed 0's train draw does:/,
    );
    const summary = Object.fromEntries(tableUnder(report, 'Summary'));
    assert.equal(Number(summary["kept in seed 0's train draw (eval keeps all)"]), truth(ONES, SETTINGS).kept);
  });

  it('ends with a script of this run in the asked framework, in a python block, saying whether it prints this mask', () => {
    const report = markdownReport(SETTINGS, resultOn(ONES, SETTINGS), 'torch');
    const script = report.split('## Reproduce\n\n```python\n')[1];
    assert.ok(script.endsWith('```\n'));
    assert.match(script, /torch\.manual_seed\(0\)/);
    assert.match(script, /Reproduces the playground's training mask for this seed with PyTorch on CPU/);
    const numpy = markdownReport(SETTINGS, resultOn(ONES, SETTINGS), 'numpy');
    assert.match(numpy, /draws its own mask, which can differ from the panel's/);
  });

  it('says a figure is undefined and why, as the panel does, when the input holds NaN', () => {
    const data = Float32Array.from(ONES, (v, i) => (i === 3 ? NaN : v));
    const report = markdownReport(SETTINGS, resultOn(data, SETTINGS), 'torch');
    const summary = Object.fromEntries(tableUnder(report, 'Summary'));
    assert.match(summary['eval mean'], /^NaN, undefined \(the input holds NaN\)$/);
    assert.match(report, /training and eval cannot be compared on these numbers \(the input holds NaN\)/);
  });

  it('keeps a label with a pipe or a line break from breaking the Markdown', () => {
    const report = markdownReport(SETTINGS, resultOn(ONES, SETTINGS, 'a|b\nc.json'), 'torch');
    assert.equal(report.split('\n')[0], '# Dropout on a\\|b c.json');
  });
});
