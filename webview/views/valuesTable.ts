// Inputs beside outputs, for every unit: with inverted dropout the kept outputs
// are the inputs × 1/(1−p), which is the factor this table makes visible.
//
// Virtualised: the scroll container's height stands for all n rows (scaled past
// the browser's height limit, see virtualRows.ts), the table holds only the rows
// on screen plus a few, and the values cross from the host a block at a time as
// the user scrolls (windowCache.ts). Rows not fetched yet show "…". It stays a
// real <table> with aria-rowcount/aria-rowindex, so a screen reader says where in
// the n rows a row is; the container takes the keyboard (arrows, Page Up/Down,
// Home, End).
import { MAX_WINDOW } from '../../src/shared/protocol';
import type { ValueWindow } from '../../src/shared/viewModel';
import { h, setChildren } from '../dom';
import { maskColumnHeader, maskWord } from '../../src/shared/evalMode';
import { formatCount, formatStat } from '../../src/shared/numberFormat';
import { rowLabel } from '../rowIndex';
import {
  clampRow,
  firstRowAfterKey,
  firstRowAt,
  firstRowShowing,
  fullRows,
  isRowKey,
  lastFirstRow,
  renderedRows,
  type RowGeometry,
  scrollHeight,
  scrollTopFor,
  wheelRows,
} from '../virtualRows';
import { BLOCK_ROWS, WindowCache } from '../windowCache';

/** Rows rendered below the last one on screen, so a small scroll shows filled rows at once. */
const OVERSCAN = 3;
/** Scrolling coalesces: the fetch waits until the rows have been still this long. */
const FETCH_DELAY_MS = 40;
/** Until a row has been measured (the panel may start hidden). */
const FALLBACK_ROW_HEIGHT = 22;
const FALLBACK_VIEWPORT_HEIGHT = 320;
const PENDING = '…';

interface RowCells {
  tr: HTMLTableRowElement;
  index: HTMLTableCellElement;
  input: HTMLTableCellElement;
  output: HTMLTableCellElement;
  mask: HTMLTableCellElement;
}

export class ValuesTable {
  readonly element: HTMLElement;
  private readonly table: HTMLTableElement;
  private readonly head: HTMLTableSectionElement;
  private readonly body = h('tbody');
  private readonly caption = h('caption', { class: 'visually-hidden' });
  private readonly range = h('p', { class: 'values-range', 'data-values': 'range' });
  private readonly announcer = h('p', { class: 'visually-hidden', 'aria-live': 'polite' });
  private readonly outputHeader = h('th', { scope: 'col', class: 'num' }, 'output');
  private readonly maskHeader = h('th', { scope: 'col' }, 'mask');
  private readonly scroller: HTMLElement;
  private readonly spacer = h('div', { class: 'values-spacer' });
  private readonly cache = new WindowCache();
  private readonly pool: RowCells[] = [];
  private n = 0;
  private first = 0;
  /** The unit showIndex jumped to, marked until an input of another size. */
  private target: number | undefined;
  private columnLabels: string[] | undefined;
  private shape: number[] | undefined;
  /** At eval every unit is kept, whatever the train draw. */
  private mode: 'train' | 'eval' = 'train';
  private rowHeight = 0;
  private sizes: Omit<RowGeometry, 'rows'> | undefined;
  /** The scroller's scrollTop as last written or seen in a scroll event. */
  private knownScrollTop: number | undefined;
  private fetchTimer: ReturnType<typeof setTimeout> | undefined;
  private announceTimer: ReturnType<typeof setTimeout> | undefined;
  /** The scrollTop this table set itself: its scroll event must not move the rows again (scrollTop is rounded to pixels, rows may be finer). */
  private ownScrollTop: number | undefined;
  private wheelCarry = 0;

  constructor(private readonly requestWindow: (offset: number, count: number) => void) {
    this.head = h(
      'thead',
      {},
      h(
        'tr',
        { 'aria-rowindex': 1 },
        h('th', { scope: 'col' }, '#'),
        h('th', { scope: 'col', class: 'num' }, 'input'),
        this.outputHeader,
        this.maskHeader,
      ),
    );
    this.table = h(
      'table',
      { class: 'values', 'data-values': 'table' },
      this.caption,
      h('colgroup', {}, h('col', { class: 'values-index' }), h('col'), h('col'), h('col', { class: 'values-mask' })),
      this.head,
      this.body,
    );
    this.scroller = h(
      'div',
      {
        class: 'values-scroll',
        tabindex: 0,
        role: 'region',
        'aria-label': 'Inputs and outputs. Arrow keys, Page Up, Page Down, Home and End move through the rows.',
      },
      h('div', { class: 'values-pane' }, this.table),
      this.spacer,
    );
    this.scroller.addEventListener('scroll', () => this.onScroll());
    this.scroller.addEventListener('keydown', (event) => this.onKey(event));
    this.scroller.addEventListener('wheel', (event) => this.onWheel(event), { passive: false });
    // The scroll area (panel size) and the header row (font size, zoom: rows change with it) change the measured sizes.
    const resized = new ResizeObserver(() => {
      // Hidden and shown again, the scroller may also have lost its scroll position.
      this.sizes = this.knownScrollTop = undefined;
      this.layout();
    });
    resized.observe(this.scroller);
    resized.observe(this.head);
    this.element = h('div', { class: 'values-view' }, this.range, this.scroller, this.announcer);
  }

  /**
   * A new result: its size, mode and labels, and the window that came with it.
   * Fetched rows are forgotten (the outputs may have changed); the view stays on
   * the same rows while n does not change. `shape` (optional) adds the N-D index
   * to the index column; without it a 2-D input is known from `cols`.
   */
  show(values: ValueWindow, n: number, mode: 'train' | 'eval', columnLabels?: string[], cols?: number, shape?: readonly number[]): void {
    const sameSize = n === this.n;
    this.n = n;
    this.columnLabels = columnLabels;
    this.shape = shape && shape.length > 0 ? [...shape] : cols && cols > 0 ? [Math.ceil(n / cols), cols] : undefined;
    // The N-D index needs a wider first column.
    this.table.classList.toggle('nd', !!this.shape && this.shape.length > 1);
    this.outputHeader.textContent = mode === 'train' ? 'output (train)' : 'output (eval)';
    this.maskHeader.textContent = maskColumnHeader(mode);
    this.mode = mode;
    this.table.setAttribute('aria-rowcount', String(n + 1));
    this.caption.textContent = `Inputs and outputs of ${formatCount(n)} units, by flat index (C order, from 0)`;
    this.cache.reset(n);
    this.cache.seed(values);
    if (!sameSize) {
      this.first = 0;
      this.target = undefined;
    }
    this.layout();
  }

  /** A window the table asked for. */
  showWindow(values: ValueWindow): void {
    const { filled, stale } = this.cache.receive(values);
    if (filled > 0 && values.offset <= this.first + this.pool.length && values.offset + values.input.length > this.first) this.render();
    if (stale > 0) this.scheduleFetch();
  }

  /**
   * Scrolls so the unit with this flat (C order) index is on screen, and marks
   * its row. For other views of the panel (an N-D slice picker) that point at a unit.
   */
  showIndex(flatIndex: number): void {
    if (this.n === 0 || !Number.isFinite(flatIndex)) return;
    const index = Math.min(Math.max(0, Math.floor(flatIndex)), this.n - 1);
    this.target = index;
    this.moveTo(firstRowShowing(index, this.first, this.geometry()));
    this.announce(`Unit ${formatCount(index)} of ${formatCount(this.n)}`);
  }

  /**
   * The sizes the scroll model needs. Measured once and again only when the
   * resize observer says something changed: measuring right after the rows are
   * rewritten would force a layout of the whole panel on every update.
   */
  private geometry(): RowGeometry {
    const sizes = this.sizes ?? this.measure();
    return { rows: this.n, ...sizes };
  }

  /** In fractional pixels: offsetHeight rounds, and a rounded-down row height would let the last row hang below the edge. */
  private measure(): Omit<RowGeometry, 'rows'> {
    const row = this.body.rows[0]?.getBoundingClientRect().height ?? 0;
    if (row > 0) this.rowHeight = row;
    const viewport = this.scroller.clientHeight;
    const sizes = {
      rowHeight: this.rowHeight || FALLBACK_ROW_HEIGHT,
      viewportHeight: viewport || FALLBACK_VIEWPORT_HEIGHT,
      headerHeight: this.head.getBoundingClientRect().height,
    };
    // Kept only once real rows have been laid out in a visible panel.
    if (row > 0 && viewport > 0) this.sizes = sizes;
    return sizes;
  }

  /** Measures a row, sizes the scroll area for n rows, and shows the current rows again. */
  private layout(): void {
    const used = this.size();
    // The first rows rendered give the real row height (the panel may have started hidden): size again with it.
    if (this.geometry().rowHeight !== used) this.size();
    this.scheduleFetch();
  }

  /** Sizes the scroll area for n rows and shows the current rows; returns the row height it went by. */
  private size(): number {
    const g = this.geometry();
    const spacerHeight = `${Math.max(0, scrollHeight(g) - g.viewportHeight)}px`;
    if (this.spacer.style.height !== spacerHeight) this.spacer.style.height = spacerHeight;
    this.first = clampRow(this.first, g);
    this.syncScrollTop(g);
    this.render();
    return g.rowHeight;
  }

  private moveTo(first: number): void {
    const g = this.geometry();
    const row = clampRow(first, g);
    if (row === this.first && this.target === undefined) return;
    this.first = row;
    this.syncScrollTop(g);
    this.render();
    this.scheduleFetch();
  }

  private syncScrollTop(g: RowGeometry): void {
    const top = scrollTopFor(this.first, g);
    // Reading scrollTop right after the rows were rewritten forces a layout: go by the last position seen.
    const known = this.knownScrollTop;
    if (known !== undefined && Math.abs(known - top) < 1 && firstRowAt(known, g) === this.first) return;
    this.scroller.scrollTop = top;
    this.ownScrollTop = this.knownScrollTop = this.scroller.scrollTop;
  }

  private onScroll(): void {
    const top = this.scroller.scrollTop;
    this.knownScrollTop = top;
    if (this.ownScrollTop !== undefined && Math.abs(top - this.ownScrollTop) < 1) return;
    this.ownScrollTop = undefined;
    const row = firstRowAt(top, this.geometry());
    if (row === this.first) return;
    this.first = row;
    this.render();
    this.scheduleFetch();
  }

  private onKey(event: KeyboardEvent): void {
    if (!isRowKey(event.key) || event.altKey || event.ctrlKey || event.metaKey || this.n === 0) return;
    event.preventDefault();
    const g = this.geometry();
    this.moveTo(firstRowAfterKey(event.key, this.first, g));
    const last = Math.min(this.n, this.first + fullRows(g)) - 1;
    this.announce(`Rows ${formatCount(this.first + 1)} to ${formatCount(last + 1)} of ${formatCount(this.n)}`);
  }

  /** The wheel moves rows, not pixels: at 1e7 rows one pixel of a scaled scrollbar is more than a row. */
  private onWheel(event: WheelEvent): void {
    if (this.n === 0 || event.ctrlKey || event.deltaY === 0) return;
    const g = this.geometry();
    const { rows, carry } = wheelRows(event.deltaY, event.deltaMode, g.rowHeight, fullRows(g), this.wheelCarry);
    const next = clampRow(this.first + rows, g);
    // At an end the page scrolls on, as it would past any scroll area.
    const atEnd = (event.deltaY < 0 && this.first === 0) || (event.deltaY > 0 && this.first === lastFirstRow(g));
    if (atEnd) {
      this.wheelCarry = 0;
      return;
    }
    event.preventDefault();
    this.wheelCarry = carry;
    if (next !== this.first) this.moveTo(next);
  }

  /** Fills the table with the rows from `first`: values where fetched, "…" where not. */
  private render(): void {
    const g = this.geometry();
    const count = this.n === 0 ? 0 : renderedRows(this.first, g, OVERSCAN);
    while (this.pool.length < count) this.pool.push(this.newRow());
    let pending = false;
    for (let r = 0; r < count; r++) pending = this.fillRow(this.pool[r], this.first + r) || pending;
    if (this.body.rows.length !== count) setChildren(this.body, ...this.pool.slice(0, count).map((cells) => cells.tr));
    this.table.setAttribute('aria-busy', String(pending));
    const last = this.first + Math.min(count, fullRows(g)) - 1;
    this.range.textContent =
      this.n === 0
        ? 'No values.'
        : `Units ${formatCount(this.first)}–${formatCount(Math.max(this.first, last))} (C order, from 0) of ${formatCount(this.n)}`;
  }

  /** Returns true when the row is still waiting for its values. */
  private fillRow(cells: RowCells, index: number): boolean {
    const row = this.cache.row(index);
    cells.tr.setAttribute('aria-rowindex', String(index + 2));
    cells.tr.dataset.index = String(index);
    cells.index.textContent = rowLabel(index, this.shape, this.columnLabels);
    const word = row ? maskWord(this.mode, row.kept) : undefined;
    cells.tr.className = word ?? 'pending';
    cells.tr.classList.toggle('target', index === this.target);
    if (index === this.target) cells.tr.setAttribute('aria-current', 'true');
    else cells.tr.removeAttribute('aria-current');
    cells.input.textContent = row ? formatStat(row.input) : PENDING;
    cells.output.textContent = row ? formatStat(row.output) : PENDING;
    cells.mask.textContent = word ?? PENDING;
    return !row;
  }

  private newRow(): RowCells {
    const cells = {
      index: h('td', { class: 'index' }),
      input: h('td', { class: 'num' }),
      output: h('td', { class: 'num' }),
      mask: h('td', {}),
    };
    return { tr: h('tr', {}, cells.index, cells.input, cells.output, cells.mask), ...cells };
  }

  /** Asks for the blocks around the rows on screen once scrolling pauses; one request per block at a time. */
  private scheduleFetch(): void {
    if (this.fetchTimer !== undefined) clearTimeout(this.fetchTimer);
    this.fetchTimer = setTimeout(() => {
      this.fetchTimer = undefined;
      if (this.n === 0) return;
      const shown = renderedRows(this.first, this.geometry(), OVERSCAN);
      // One block either side too, so the next small scroll finds its rows.
      const requests = this.cache.requestsFor(this.first - BLOCK_ROWS, this.first + shown + BLOCK_ROWS, Date.now(), MAX_WINDOW);
      for (const { offset, count } of requests) this.requestWindow(offset, count);
    }, FETCH_DELAY_MS);
  }

  /** Tells a screen reader where the keyboard went, once the keys stop. */
  private announce(text: string): void {
    if (this.announceTimer !== undefined) clearTimeout(this.announceTimer);
    this.announceTimer = setTimeout(() => {
      this.announcer.textContent = text;
    }, 250);
  }
}
