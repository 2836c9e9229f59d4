// The scroll model of the values table: which rows a scroll position shows, and
// back. Pure (no DOM), unit-tested in Node.
//
// Browsers cap an element's height (Chromium about 33.5 million px, Firefox about
// 17.9 million), and 1e7 rows of 22 px would need 2.2e8 px. So the scrollbar is a
// scaled picture of the rows: scrollTop maps linearly onto the first row shown,
// and the scroll height never exceeds MAX_SCROLL_HEIGHT. The table always starts
// on a whole row (it snaps, as a spreadsheet does), which keeps the mapping exact
// at both ends whatever the scale.

/** Below every browser's element-height limit, and above 1 px per row up to 1.5e7 rows, so every row has a scrollTop of its own. */
export const MAX_SCROLL_HEIGHT = 15_000_000;

export interface RowGeometry {
  /** Rows in the table (n). */
  rows: number;
  /** Height of one body row, px (> 0). */
  rowHeight: number;
  /** The scroll container's visible height, px. */
  viewportHeight: number;
  /** What sits above the rows inside the viewport (the header row), px. */
  headerHeight: number;
  /** Defaults to MAX_SCROLL_HEIGHT; smaller in tests. */
  maxScrollHeight?: number;
}

/** Rows that fit whole under the header; at least 1, so a tiny viewport still moves. */
export function fullRows(g: RowGeometry): number {
  return Math.max(1, Math.floor((g.viewportHeight - g.headerHeight) / g.rowHeight));
}

/** The largest first row: the one that puts the last row at the bottom. */
export function lastFirstRow(g: RowGeometry): number {
  return Math.max(0, g.rows - fullRows(g));
}

/** The scroll container's content height: the header and every row, capped. */
export function scrollHeight(g: RowGeometry): number {
  const natural = g.headerHeight + g.rows * g.rowHeight;
  return Math.max(g.viewportHeight, Math.min(natural, g.maxScrollHeight ?? MAX_SCROLL_HEIGHT));
}

/** How far scrollTop can go. */
export function scrollRange(g: RowGeometry): number {
  return Math.max(0, scrollHeight(g) - g.viewportHeight);
}

/** True when the scrollbar is a scaled picture (more rows than pixels allow). */
export function isScaled(g: RowGeometry): boolean {
  return g.headerHeight + g.rows * g.rowHeight > scrollHeight(g);
}

export function clampRow(row: number, g: RowGeometry): number {
  return Math.min(Math.max(0, Math.round(row)), lastFirstRow(g));
}

/** The first row shown at this scrollTop. */
export function firstRowAt(scrollTop: number, g: RowGeometry): number {
  const range = scrollRange(g);
  const last = lastFirstRow(g);
  if (range <= 0 || last === 0) return 0;
  return clampRow((scrollTop / range) * last, g);
}

/** The scrollTop that shows this row first (the inverse of firstRowAt). */
export function scrollTopFor(row: number, g: RowGeometry): number {
  const last = lastFirstRow(g);
  return last === 0 ? 0 : (clampRow(row, g) / last) * scrollRange(g);
}

/** Rows to put in the DOM from `first`: those on screen (the last one may be cut) plus `overscan` below. */
export function renderedRows(first: number, g: RowGeometry, overscan: number): number {
  const onScreen = Math.ceil(Math.max(0, g.viewportHeight - g.headerHeight) / g.rowHeight);
  return Math.max(0, Math.min(g.rows - first, Math.max(1, onScreen) + overscan));
}

export type RowKey = 'ArrowUp' | 'ArrowDown' | 'PageUp' | 'PageDown' | 'Home' | 'End';

export function isRowKey(key: string): key is RowKey {
  return key === 'ArrowUp' || key === 'ArrowDown' || key === 'PageUp' || key === 'PageDown' || key === 'Home' || key === 'End';
}

/** The first row after a key: one row, one page (the rows that fit whole), or an end. */
export function firstRowAfterKey(key: RowKey, first: number, g: RowGeometry): number {
  const page = fullRows(g);
  switch (key) {
    case 'ArrowUp':
      return clampRow(first - 1, g);
    case 'ArrowDown':
      return clampRow(first + 1, g);
    case 'PageUp':
      return clampRow(first - page, g);
    case 'PageDown':
      return clampRow(first + page, g);
    case 'Home':
      return 0;
    case 'End':
      return lastFirstRow(g);
  }
}

/** The first row that brings `row` into view: unchanged when it is already whole on screen, else `row` at the top (as far as the end allows). */
export function firstRowShowing(row: number, first: number, g: RowGeometry): number {
  const target = Math.min(Math.max(0, Math.floor(row)), Math.max(0, g.rows - 1));
  if (target >= first && target < first + fullRows(g)) return clampRow(first, g);
  return clampRow(target, g);
}

/**
 * Wheel deltas as rows. Pixel deltas (touchpads send many small ones) carry
 * their remainder to the next event so slow scrolling still moves.
 */
export function wheelRows(
  deltaY: number,
  deltaMode: number,
  rowHeight: number,
  pageRows: number,
  carry: number,
): { rows: number; carry: number } {
  const exact = deltaMode === 1 ? deltaY : deltaMode === 2 ? deltaY * pageRows : deltaY / rowHeight + carry;
  const rows = Math.trunc(exact);
  return { rows, carry: deltaMode === 0 ? exact - rows : 0 };
}
