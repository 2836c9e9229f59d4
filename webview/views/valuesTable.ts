// Inputs beside outputs, a window at a time: with inverted dropout the kept
// outputs are the inputs × 1/(1−p), which is the factor this table makes
// visible. Only the window on screen crosses from the host.
import { MAX_WINDOW, type ValueWindow } from '../../src/protocol';
import { h, setChildren } from '../dom';
import { formatCount, formatStat } from '../format';

const PAGE = 200;

export class ValuesTable {
  readonly element: HTMLElement;
  private readonly body = h('tbody');
  private readonly caption = h('caption');
  private readonly outputHeader = h('th', { scope: 'col' }, 'output');
  private readonly prev = h('button', { type: 'button', class: 'secondary' }, '◀ Previous');
  private readonly next = h('button', { type: 'button', class: 'secondary' }, 'Next ▶');
  private n = 0;
  private offset = 0;
  private mode: 'train' | 'eval' = 'train';
  private columnLabels: string[] | undefined;
  private cols: number | undefined;

  constructor(private readonly requestWindow: (offset: number, count: number) => void) {
    const table = h(
      'table',
      { class: 'values' },
      this.caption,
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, '#'), h('th', { scope: 'col' }, 'input'), this.outputHeader, h('th', { scope: 'col' }, 'mask'))),
      this.body,
    );
    this.prev.addEventListener('click', () => this.page(-1));
    this.next.addEventListener('click', () => this.page(1));
    this.element = h('div', { class: 'values-view' }, h('div', { class: 'table-scroll' }, table), h('div', { class: 'pager' }, this.prev, this.next));
  }

  /** A new result: remembers its size and labels, then shows its first window. */
  show(values: ValueWindow, n: number, mode: 'train' | 'eval', columnLabels?: string[], cols?: number): void {
    this.n = n;
    this.mode = mode;
    this.columnLabels = columnLabels;
    this.cols = cols;
    this.showWindow(values);
  }

  /** Another window of the same result. */
  showWindow(values: ValueWindow): void {
    const { n, columnLabels, cols } = this;
    this.offset = values.offset;
    this.outputHeader.textContent = this.mode === 'train' ? 'output (train)' : 'output (eval)';
    const end = values.offset + values.input.length;
    this.caption.textContent = n === 0 ? 'No values.' : `Units ${formatCount(values.offset)}–${formatCount(end - 1)} (C order, from 0) of ${formatCount(n)}`;
    const rows: HTMLElement[] = [];
    for (let i = 0; i < values.input.length; i++) {
      const index = values.offset + i;
      const kept = values.mask[i] === 1;
      const name = columnLabels && cols ? `${Math.floor(index / cols) + 1}, ${columnLabels[index % cols] ?? index % cols}` : String(index);
      rows.push(
        h(
          'tr',
          { class: kept ? 'kept' : 'dropped' },
          h('td', {}, name),
          h('td', { class: 'num' }, formatStat(values.input[i])),
          h('td', { class: 'num' }, formatStat(values.output[i])),
          h('td', {}, kept ? 'kept' : 'dropped'),
        ),
      );
    }
    setChildren(this.body, ...rows);
    this.prev.disabled = values.offset === 0;
    this.next.disabled = end >= n;
    this.prev.hidden = this.next.hidden = n <= values.input.length;
  }

  private page(direction: 1 | -1): void {
    const offset = Math.max(0, Math.min(this.offset + direction * PAGE, Math.max(0, this.n - 1)));
    this.requestWindow(offset, Math.min(PAGE, MAX_WINDOW));
  }
}
