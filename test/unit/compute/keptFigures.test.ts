// The session keeps the figures of the loaded values (their sums, the largest
// share of the variance one unit holds, whether all are equal) from one run to
// the next: every run's view is the one built from scratch for its settings,
// whatever changed, and a newly loaded input brings its own figures.
import * as assert from 'node:assert/strict';
import { ComputeSession, type RunSettings } from '../../../src/compute/session';
import type { TextLoad } from '../../../src/compute/types';
import { readInput } from '../../../src/compute/readInput';
import { buildResultView, compute } from '../../../src/viewModels/result/resultView';

const ROWS = 20;
const COLS = 30;

function request(values: number[]): TextLoad {
  const rows = Array.from({ length: ROWS }, (_, r) => values.slice(r * COLS, (r + 1) * COLS).join(','));
  return { text: rows.join('\n'), dtype: 'float32', origin: { line: 1, column: 1 }, maxValues: 1e6, label: 'values' };
}

const spread = Array.from({ length: ROWS * COLS }, (_, i) => Math.round(Math.sin(i * 1.7) * 100) / 100);
/** One unit holds the whole variance without alpha's shift, and a small share with it: the tail's method differs. */
const lone = Array.from({ length: ROWS * COLS }, (_, i) => (i === 7 ? 1 : 0));
/** Every value equal: the exact binomial tail. */
const equal = new Array<number>(ROWS * COLS).fill(0.5);
/** One outlier: no approximation holds. */
const outlier = spread.map((v, i) => (i === 11 ? 1000 : v));

const base: RunSettings = { p: 0.5, mode: 'train', seed: '3', rng: 'torch', variant: 'inverted', broadcastDims: [], slice: null };
const changes: Partial<RunSettings>[] = [
  {},
  { p: 0.2 },
  { variant: 'alpha' },
  { variant: 'classic', p: 0.35 },
  { variant: 'gaussian' },
  { variant: 'unscaled', seed: '4' },
  { variant: 'alpha', mode: 'eval' },
  { variant: 'inverted', mode: 'train', broadcastDims: [1] },
  { broadcastDims: [], rng: 'numpy' },
];

describe('the session keeps the figures of the loaded values', () => {
  it('gives every run the view built from scratch, input after input and change after change', () => {
    const session = new ComputeSession();
    for (const [name, values] of Object.entries({ spread, lone, equal, outlier })) {
      const load = request(values);
      const reply = session.load(load);
      assert.ok(reply.ok, name);
      const tensor = readInput(load);
      let settings = base;
      const methods = new Set<string>();
      for (const change of changes) {
        settings = { ...settings, ...change };
        const what = `${name} ${JSON.stringify(settings)}`;
        const ran = session.run(settings);
        assert.ok(ran.ok, what);
        const expected = buildResultView(tensor, reply.source, settings, compute(tensor, settings));
        assert.deepStrictEqual(ran.view, expected, what);
        methods.add(String(ran.view.explanation?.verdict.tail?.method));
      }
      if (name === 'lone') assert.ok(methods.has('noApproximation') && methods.has('normalApproximation'), [...methods].join());
      if (name === 'equal') assert.ok(methods.has('binomial'), [...methods].join());
    }
  });
});
