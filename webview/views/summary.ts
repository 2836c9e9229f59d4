// The summary table. Each figure's cell carries data-stat="<name>" and holds
// only the value (the number first): the stable hook for tests and scripts.
import type { PlaygroundSettings, ResultView } from '../../src/protocol';
import { h, setChildren } from '../dom';
import { keptLabel } from '../evalMode';
import { figureText, formatStat } from '../format';

const ROWS: { stat: string; label: string }[] = [
  { stat: 'p', label: 'drop probability p' },
  { stat: 'mode', label: 'mode' },
  { stat: 'seed', label: 'seed' },
  { stat: 'rng', label: 'convention' },
  { stat: 'variant', label: 'variant' },
  { stat: 'n', label: 'units n' },
  { stat: 'kept', label: keptLabel('train', '') },
  { stat: 'evalMean', label: 'eval mean' },
  { stat: 'trainMeanUnscaled', label: 'train mean, unscaled (x · mask)' },
  { stat: 'trainMean', label: 'train mean (what training outputs)' },
  { stat: 'expectedTrainMean', label: 'expected train mean' },
  { stat: 'trainMeanStd', label: 'σ of the train mean over masks' },
];

export class SummaryTable {
  readonly element: HTMLTableElement;
  private readonly cells = new Map<string, HTMLElement>();
  private readonly keptHeader: HTMLElement;

  constructor() {
    const body = h('tbody');
    const headers = new Map<string, HTMLElement>();
    for (const { stat, label } of ROWS) {
      const cell = h('td', { 'data-stat': stat, class: 'num' }, '—');
      const header = h('th', { scope: 'row' }, label);
      this.cells.set(stat, cell);
      headers.set(stat, header);
      body.append(h('tr', {}, header, cell));
    }
    this.keptHeader = headers.get('kept')!;
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
    // The kept count is always the train draw's: at eval it is not what the output went through.
    this.keptHeader.textContent = keptLabel(settings.mode, settings.seed);
  }
}
