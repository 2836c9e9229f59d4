// Where a selection's text is after edits of its document: what the panel re-reads while it follows a
// selection. Pure, in document offsets, so it is tested without an editor.

/** A half-open range of document offsets. */
export interface OffsetRange {
  start: number;
  end: number;
}

/** One replacement, in offsets of the document before the edit (as vscode.TextDocumentContentChangeEvent gives them). */
export interface Replacement {
  rangeOffset: number;
  rangeLength: number;
  /** Length of the text that replaced the range. */
  textLength: number;
}

/**
 * The range after `replacements` (all of one edit, in offsets of the document before it). Text typed
 * just before or just after the range stays outside it; a replacement that overlaps the range becomes
 * part of it.
 */
export function followRange(range: OffsetRange, replacements: readonly Replacement[]): OffsetRange {
  let { start, end } = range;
  // From the last to the first: a replacement never moves the offsets of those before it.
  for (const r of [...replacements].sort((a, b) => b.rangeOffset - a.rangeOffset)) {
    const from = r.rangeOffset;
    const to = r.rangeOffset + r.rangeLength;
    const delta = r.textLength - r.rangeLength;
    if (to <= start) {
      start += delta;
      end += delta;
    } else if (from < end) {
      start = Math.min(start, from);
      end = Math.max(end, to) + delta;
    }
  }
  return { start, end };
}
