// The summary table. Each figure's cell carries data-stat="<name>" and holds
// only the value (the number first): the stable hook for tests and scripts.
// A figure that is not a number (NaN) gets "undefined (why)" in a note in its
// row's label cell, never in the data-stat cell.
import type { PlaygroundSettings, ResultView } from '../../src/shared/viewModel';
import { h, setChildren } from '../dom';
import { keptLabel } from '../evalMode';
import { summaryCells } from '../summaryCells';

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
  private readonly notes = new Map<string, HTMLElement>();
  private readonly keptHeader: HTMLElement;

  constructor() {
    const body = h('tbody');
    const headers = new Map<string, HTMLElement>();
    for (const { stat, label } of ROWS) {
      const cell = h('td', { 'data-stat': stat, class: 'num' }, '—');
      const note = h('span', { class: 'note', hidden: true });
      const header = h('th', { scope: 'row' }, label, note);
      this.cells.set(stat, cell);
      this.notes.set(stat, note);
      headers.set(stat, header);
      body.append(h('tr', {}, header, cell));
    }
    this.keptHeader = headers.get('kept')!;
    this.element = h('table', { class: 'summary' }, h('caption', { class: 'visually-hidden' }, 'Summary'), body);
  }

  show(settings: PlaygroundSettings, result: ResultView | null): void {
    const cells = summaryCells(settings, result);
    for (const [stat, cell] of this.cells) {
      setChildren(cell, cells[stat].value);
      const note = this.notes.get(stat)!;
      note.textContent = cells[stat].note ?? '';
      note.hidden = cells[stat].note === null;
    }
    // The kept count is always the train draw's: at eval it is not what the output went through.
    this.keptHeader.firstChild!.textContent = keptLabel(settings.mode, settings.seed);
  }
}
