// The classic mistakes as one-click presets: pick one and see, on these
// numbers, how far the buggy code's output is from the correct one.
import type { WebviewToHost } from '../../src/shared/protocol';
import type { Mistake } from '../../src/shared/viewModel';
import { MISTAKE_IDS, MISTAKES, type MistakeId } from '../../src/shared/catalogue';
import { h, setChildren } from '../dom';
import { formatValue } from '../../src/shared/numberFormat';

export class MistakesView {
  readonly element: HTMLElement;
  private readonly detail = h('div', { class: 'mistake-detail', 'aria-live': 'polite' });
  private readonly buttons = new Map<MistakeId, HTMLButtonElement>();
  private selected: MistakeId | null = null;

  constructor(private readonly send: (message: WebviewToHost) => void) {
    const bar = h('div', { class: 'preset-bar', role: 'group', 'aria-label': 'Classic mistakes' });
    for (const id of MISTAKE_IDS) {
      const button = h('button', { type: 'button', class: 'secondary', 'aria-pressed': 'false', 'data-mistake': id }, MISTAKES[id].label);
      button.addEventListener('click', () => send({ type: 'showMistake', id: button.getAttribute('aria-pressed') === 'true' ? null : id }));
      this.buttons.set(id, button);
      bar.append(button);
    }
    this.element = h('div', { class: 'mistakes' }, bar, this.detail);
  }

  /** The numbers changed: work the selected mistake again on them. */
  refresh(): void {
    if (this.selected) this.send({ type: 'showMistake', id: this.selected });
  }

  show(mistake: Mistake | null): void {
    this.selected = mistake?.id ?? null;
    for (const [id, button] of this.buttons) button.setAttribute('aria-pressed', String(mistake?.id === id));
    if (!mistake) {
      setChildren(this.detail, h('p', { class: 'note' }, 'Pick a mistake to see what it does to these numbers.'));
      return;
    }
    const f = mistake.figures;
    setChildren(
      this.detail,
      h('h3', {}, mistake.title),
      h('pre', { class: 'code' }, mistake.oneLine),
      h('p', {}, mistake.explanation),
      h(
        'table',
        { class: 'mistake-figures' },
        h('caption', {}, f.stage === 'inference' ? 'At inference: buggy vs correct' : 'In training: buggy vs correct'),
        h(
          'thead',
          {},
          h('tr', {}, h('th', { scope: 'col' }, 'figure'), h('th', { scope: 'col' }, 'buggy'), h('th', { scope: 'col' }, 'correct')),
        ),
        h(
          'tbody',
          {},
          ...f.rows.map((row) =>
            h(
              'tr',
              { 'data-figure': row.name },
              h('th', { scope: 'row' }, row.label),
              h('td', { class: 'num' }, formatValue(row.buggy)),
              h('td', { class: 'num' }, formatValue(row.correct)),
            ),
          ),
          // The errors are the buggy output's, measured against the correct one: in the buggy column. The correct column holds the
          // correct output against itself: 0, or NaN when it holds ±Infinity (Infinity − Infinity is not a number).
          h(
            'tr',
            {},
            h('th', { scope: 'row' }, 'error of the mean'),
            h(
              'td',
              { class: 'num', 'data-figure': 'meanError' },
              `${formatValue(f.meanError)} (${Number.isFinite(f.relativeMeanError) ? `${(100 * f.relativeMeanError).toFixed(1)}%` : 'n/a'})`,
            ),
            h('td', { class: 'num' }, formatValue(f.correctMeanError)),
          ),
          h(
            'tr',
            {},
            h('th', { scope: 'row' }, 'mean absolute error per unit'),
            h('td', { class: 'num', 'data-figure': 'meanAbsError' }, formatValue(f.meanAbsError)),
            h('td', { class: 'num' }, formatValue(f.correctMeanAbsError)),
          ),
        ),
      ),
      h('p', {}, h('strong', {}, 'Fix: '), mistake.fix),
    );
  }
}
