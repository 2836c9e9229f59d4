// The summary table. Each figure's cell carries data-stat="<name>" and holds
// only the value (the number first): the stable hook for tests and scripts.
import type { PlaygroundSettings, ResultView } from '../../src/protocol';
import { h, setChildren } from '../dom';
import { figureText, formatStat } from '../format';

const ROWS: { stat: string; label: string }[] = [
  { stat: 'p', label: 'drop probability p' },
  { stat: 'mode', label: 'mode' },
  { stat: 'seed', label: 'seed' },
  { stat: 'rng', label: 'convention' },
  { stat: 'variant', label: 'variant' },
  { stat: 'n', label: 'units n' },
  { stat: 'kept', label: 'kept in this draw' },
  { stat: 'evalMean', label: 'eval mean' },
  { stat: 'trainMeanUnscaled', label: 'train mean, unscaled (x · mask)' },
  { stat: 'trainMean', label: 'train mean (what training outputs)' },
  { stat: 'expectedTrainMean', label: 'expected train mean' },
  { stat: 'trainMeanStd', label: 'σ of the train mean over masks' },
];

export class SummaryTable {
  readonly element: HTMLTableElement;
  private readonly cells = new Map<string, HTMLElement>();

  constructor() {
    const body = h('tbody');
    for (const { stat, label } of ROWS) {
      const cell = h('td', { 'data-stat': stat, class: 'num' }, '—');
      this.cells.set(stat, cell);
      body.append(h('tr', {}, h('th', { scope: 'row' }, label), cell));
    }
    this.element = h('table', { class: 'summary' }, h('caption', { class: 'visually-hidden' }, 'Summary'), body);
  }

  show(settings: PlaygroundSettings, result: ResultView | null): void {
    const s = result?.stats;
    const figure = (v: number) => figureText(v, result?.explanation?.verdict.undefinedReason ?? null);
    const values: Record<string, string> = {
      p: formatStat(settings.p),
      mode: settings.mode,
      seed: settings.seed,
      rng: settings.rng,
      variant: settings.variant,
      n: s ? formatStat(s.n) : '—',
      kept: s ? formatStat(s.kept) : '—',
      evalMean: s ? figure(s.evalMean) : '—',
      trainMeanUnscaled: s ? figure(s.trainMeanUnscaled) : '—',
      trainMean: s ? figure(s.trainMean) : '—',
      expectedTrainMean: s ? figure(s.expectedTrainMean) : '—',
      trainMeanStd: s ? figure(s.trainMeanStd) : '—',
    };
    for (const [stat, cell] of this.cells) setChildren(cell, values[stat]);
  }
}
