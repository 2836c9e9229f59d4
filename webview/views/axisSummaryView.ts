// The fraction kept per index along each axis of an N-D input: a small bar
// chart per axis (dashed line at 1 − p) with a table twin. Channel-wise
// dropout shows here: shared along every other axis, each index along the
// remaining one is kept or dropped whole, and its bars are all full or empty.
import type { AxisSummary } from '../../src/shared/viewModel';
import { h, setChildren } from '../dom';
import { formatCount, formatProbability, formatStat } from '../../src/shared/numberFormat';
import { readPalette } from '../theme';

/** Axes with more entries than this start collapsed. */
const OPEN_UP_TO = 64;
const SPARK_HEIGHT = 56;

interface Card {
  axis: AxisSummary;
  canvas: HTMLCanvasElement;
}

export class AxisSummaryView {
  readonly element = h('div', { class: 'axis-summaries' });
  private cards: Card[] = [];
  private keep = 1;
  private open = new Map<number, boolean>();
  /** Axes whose table twin the user opened (kept across redraws of the same shape). */
  private twinOpen = new Set<number>();
  private shapeKey = '';
  /** The width of a bar chart's box (every card has the same), once measured. */
  private sparkWidth: number | undefined;

  constructor() {
    new ResizeObserver(() => {
      // Measured here, where layout is fresh: reading a width after show() rebuilt the cards would force a layout.
      this.sparkWidth = undefined;
      this.draw();
    }).observe(this.element);
  }

  /** The summaries of a new result; `keep` = 1 − p, the fraction every index keeps on average. */
  show(axes: readonly AxisSummary[], shape: readonly number[], keep: number): void {
    this.keep = keep;
    // A new shape starts with the default open/closed state; a redraw keeps what the user opened.
    const key = shape.join('x');
    if (key !== this.shapeKey) {
      this.open.clear();
      this.twinOpen.clear();
    }
    this.shapeKey = key;
    this.cards = axes.map((axis) => ({ axis, canvas: h('canvas', { role: 'img', class: 'axis-spark' }) }));
    setChildren(this.element, ...this.cards.map((card) => this.card(card, shape)));
    this.draw();
  }

  /** Redraws the bars with the current theme's colours (resize and theme change). */
  draw(): void {
    const palette = readPalette();
    for (const { axis, canvas } of this.cards) {
      if (!canvas.isConnected || canvas.closest('details:not([open])')) continue;
      this.sparkWidth ||= canvas.parentElement?.clientWidth || undefined;
      const width = Math.max(60, this.sparkWidth ?? 200);
      const ratio = window.devicePixelRatio || 1;
      canvas.width = Math.round(width * ratio);
      canvas.height = Math.round(SPARK_HEIGHT * ratio);
      canvas.style.width = `${width}px`;
      canvas.style.height = `${SPARK_HEIGHT}px`;
      const ctx = canvas.getContext('2d');
      if (!ctx) continue;
      ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
      ctx.clearRect(0, 0, width, SPARK_HEIGHT);
      const entries = axis.fraction.length;
      const slot = width / entries;
      const gap = slot >= 6 ? 1 : 0;
      const y = (f: number) => 1 + (SPARK_HEIGHT - 2) * (1 - f);
      // The baseline, so an index with nothing kept still shows as a place.
      ctx.fillStyle = palette.border;
      ctx.fillRect(0, SPARK_HEIGHT - 1, width, 1);
      ctx.fillStyle = palette.kept;
      for (let e = 0; e < entries; e++) {
        const top = y(axis.fraction[e]);
        ctx.fillRect(e * slot + gap, top, Math.max(1, slot - 2 * gap), SPARK_HEIGHT - top);
        if (palette.highContrast && axis.fraction[e] > 0) {
          ctx.strokeStyle = palette.foreground;
          ctx.strokeRect(e * slot + gap + 0.5, top + 0.5, Math.max(1, slot - 2 * gap) - 1, SPARK_HEIGHT - top - 1);
        }
      }
      if (axis.indicesPerEntry > 1) {
        // Pooled bars: a whisker from the smallest to the largest single index in the run.
        ctx.strokeStyle = palette.foreground;
        ctx.lineWidth = 1;
        ctx.beginPath();
        for (let e = 0; e < entries; e++) {
          const x = Math.round(e * slot + slot / 2) + 0.5;
          ctx.moveTo(x, y(axis.max[e]));
          ctx.lineTo(x, y(axis.min[e]));
        }
        ctx.stroke();
      }
      // Where every index sits on average: keep = 1 − p.
      ctx.strokeStyle = palette.foreground;
      ctx.setLineDash([4, 3]);
      ctx.beginPath();
      ctx.moveTo(0, Math.round(y(this.keep)) + 0.5);
      ctx.lineTo(width, Math.round(y(this.keep)) + 0.5);
      ctx.stroke();
      ctx.setLineDash([]);
    }
  }

  private card(card: Card, shape: readonly number[]): HTMLElement {
    const { axis, canvas } = card;
    const fractions = Array.from(axis.fraction);
    const low = Math.min(...Array.from(axis.min));
    const high = Math.max(...Array.from(axis.max));
    const whole = axis.unitsPerIndex > 1 && Array.from(axis.min).every((f, e) => (f === 0 || f === 1) && axis.max[e] === f);
    const pooled = axis.indicesPerEntry > 1;
    canvas.setAttribute(
      'aria-label',
      `Fraction kept per index along axis ${axis.axis}: ${fractions.length} bars${pooled ? ` of ${formatCount(axis.indicesPerEntry)} indices each` : ''}, from ${formatProbability(low)} to ${formatProbability(high)}; the dashed line is 1 − p = ${formatProbability(this.keep)}.`,
    );
    const notes: string[] = [`${formatCount(axis.length)} indices of ${formatCount(axis.unitsPerIndex)} units each.`];
    if (pooled)
      notes.push(
        `Too many to list one by one: each bar and row pools ${formatCount(axis.indicesPerEntry)} neighbouring indices (the last may hold fewer); the whisker and the min/max columns give the range of single indices.`,
      );
    if (whole) notes.push('Every index is kept or dropped whole: one mask value is shared along the other axes.');
    // The table is built when its twin is opened: during a slider drag only the bars are redrawn.
    const tableBox = h('div', { class: 'table-scroll' });
    const twin = h('details', { class: 'twin', 'data-twin': `axis-${axis.axis}` }, h('summary', {}, 'The bars as a table'), tableBox);
    const fill = () => twin.open && !tableBox.firstChild && setChildren(tableBox, this.table(axis));
    twin.open = this.twinOpen.has(axis.axis);
    fill();
    twin.addEventListener('toggle', () => {
      if (twin.open) this.twinOpen.add(axis.axis);
      else this.twinOpen.delete(axis.axis);
      fill();
    });
    const details = h(
      'details',
      { class: 'axis-card', 'data-axis-summary': axis.axis },
      h(
        'summary',
        {},
        h('span', { class: 'axis-title' }, `axis ${axis.axis}`),
        ` (${formatCount(shape[axis.axis])}) · kept ${rangeText(low, high)}`,
        whole ? h('span', { class: 'axis-badge' }, '0 or 1') : null,
      ),
      h('div', { class: 'axis-spark-box' }, canvas),
      h('p', { class: 'note' }, notes.join(' ')),
      twin,
    );
    details.open = this.open.get(axis.axis) ?? axis.fraction.length <= OPEN_UP_TO;
    details.addEventListener('toggle', () => {
      this.open.set(axis.axis, details.open);
      if (details.open) this.draw();
    });
    return details;
  }

  private table(axis: AxisSummary): HTMLTableElement {
    const pooled = axis.indicesPerEntry > 1;
    const headers = [pooled ? 'indices' : 'index', 'kept', 'of', 'fraction kept', ...(pooled ? ['min', 'max'] : [])];
    const rows = Array.from(axis.fraction, (fraction, e) => {
      const first = e * axis.indicesPerEntry;
      const last = Math.min(axis.length, first + axis.indicesPerEntry) - 1;
      const units = (last - first + 1) * axis.unitsPerIndex;
      return h(
        'tr',
        { 'data-index': first },
        h('th', { scope: 'row' }, first === last ? formatCount(first) : `${formatCount(first)}–${formatCount(last)}`),
        h('td', { class: 'num' }, formatCount(axis.kept[e])),
        h('td', { class: 'num' }, formatCount(units)),
        h('td', { class: 'num', 'data-fraction': '' }, formatStat(fraction)),
        ...(pooled ? [h('td', { class: 'num' }, formatStat(axis.min[e])), h('td', { class: 'num' }, formatStat(axis.max[e]))] : []),
      );
    });
    return h(
      'table',
      { class: 'chart-twin axis-table' },
      h('caption', { class: 'visually-hidden' }, `Fraction kept per index along axis ${axis.axis}`),
      h('thead', {}, h('tr', {}, ...headers.map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, ...rows),
    );
  }
}

/** A fraction for a heading: 3 significant digits (the table twin has them all). */
function short(f: number): string {
  return String(Number(f.toPrecision(3)));
}

function rangeText(low: number, high: number): string {
  return low === high ? short(low) : `${short(low)} to ${short(high)}`;
}
