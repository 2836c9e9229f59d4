// The summary table. Each figure's cell carries data-stat="<name>" and holds
// only the value (the number first): the stable hook for tests and scripts.
// A figure that is not a number (NaN) gets "undefined (why)" in a note in its
// row's label cell, never in the data-stat cell.
import type { PlaygroundSettings, ResultView } from '../../src/shared/viewModel';
import { h, setChildren } from '../dom';
import { SUMMARY_ROWS, summaryCells, summaryLabel } from '../../src/shared/summaryCells';

export class SummaryTable {
  readonly element: HTMLTableElement;
  private readonly cells = new Map<string, HTMLElement>();
  private readonly notes = new Map<string, HTMLElement>();
  private readonly keptHeader: HTMLElement;

  constructor() {
    const body = h('tbody');
    const headers = new Map<string, HTMLElement>();
    for (const { stat, label } of SUMMARY_ROWS) {
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
    this.keptHeader.firstChild!.textContent = summaryLabel('kept', settings);
  }
}
