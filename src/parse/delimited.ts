// Rows of delimited numbers: CSV, TSV, semicolon- or space-separated. One pass
// over the text, cell by cell, straight into the value buffer. A single row is
// 1-D; several rows are [rows, columns]. A first row with any non-numeric cell
// is a header whose names label the columns. Quoted cells ("1.5", "a, b")
// follow RFC 4180 (a doubled quote inside quotes is a quote). A text that
// arrives in slices is read window by window (textStream.ts): each window ends
// just after a line break, where the reading stops until the next one comes.
import { NumberScanner } from './numberScanner';
import { EMPTY_TEXT, onlyWords, plural, quoteToken, tooManyValues } from './messages';
import type { SourceText } from './parseError';
import { TooManyValues, type ValueBuffer } from './valueBuffer';

/** The delimiter: a character code, or WHITESPACE for runs of spaces and tabs. */
const WHITESPACE = -2;
const TAB = 9;
const SPACE = 32;
const QUOTE = 34;
const LF = 10;
const CR = 13;

export interface DelimitedResult {
  shape: number[];
  columnLabels?: string[];
}

/** Where the reading stands between two windows of a text: the rows so far. */
interface Rows {
  /** Cells per row, set by the header or the first row; -1 before it. */
  columns: number;
  rows: number;
  columnLabels: string[] | undefined;
  /** The next row is the text's first: it may be a header. */
  first: boolean;
  /** Where the last row read starts (for the errors found at the end). */
  lastRowStart: number;
}

function isLineEnd(c: number): boolean {
  return c === LF || c === CR;
}

/** How much of the text the delimiter sniffing looks at. */
export const SNIFF_CHARS = 65536;

/**
 * Picks the delimiter from the first non-blank line (outside quotes): the most
 * frequent of comma, tab and semicolon (ties in that order), else runs of
 * whitespace. The first line alone decides: a row with one cell needs no
 * delimiter, and any later row with a different number of cells is uneven anyway.
 */
export function sniffDelimiter(text: string): number {
  const len = Math.min(text.length, SNIFF_CHARS);
  let commas = 0;
  let tabs = 0;
  let semicolons = 0;
  let quoted = false;
  let leading = true; // tabs before the first cell indent the line, they do not separate cells
  let blank = true;
  for (let i = 0; i < len; i++) {
    const c = text.charCodeAt(i);
    if (quoted) {
      if (c === QUOTE) quoted = false;
      continue;
    }
    if (isLineEnd(c)) {
      if (!blank) break;
      leading = true;
      blank = true;
      continue;
    }
    if (c === QUOTE) quoted = true;
    else if (c === 44) commas++;
    else if (c === TAB && !leading) tabs++;
    else if (c === 59) semicolons++;
    if (c !== SPACE && c !== TAB) {
      leading = false;
      blank = false;
    }
  }
  if (commas === 0 && tabs === 0 && semicolons === 0) return WHITESPACE;
  if (commas >= tabs && commas >= semicolons) return 44;
  return tabs >= semicolons ? TAB : 59;
}

export class DelimitedReader {
  private text: string;
  /** Where the text being read ends: its length, or a window's end inside a slice of a text arriving in slices. */
  private end: number;
  private readonly scanner: NumberScanner;
  /** Where the cell being read starts (for errors). */
  private cellStart = 0;
  private table: Rows = { columns: -1, rows: 0, columnLabels: undefined, first: true, lastRowStart: 0 };

  /** @param delimiter as sniffDelimiter finds it in the whole text (a window of it may hold too few lines to tell). */
  constructor(
    private readonly source: SourceText,
    private readonly values: ValueBuffer,
    roundsToFloat32 = false,
    private readonly delimiter = sniffDelimiter(source.text),
  ) {
    this.text = source.text;
    this.end = source.text.length;
    this.scanner = new NumberScanner(source.text, roundsToFloat32, values.overflows);
  }

  /** Characters trimmed around a cell: spaces, and tabs unless tab is the delimiter. */
  private isPadding(c: number): boolean {
    return c === SPACE || (c === TAB && this.delimiter !== TAB);
  }

  /** True at a character that ends a cell (delimiter, line end, end of text). */
  private endsCell(pos: number): boolean {
    if (pos >= this.end) return true;
    const c = this.text.charCodeAt(pos);
    if (c === LF || c === CR) return true;
    return this.delimiter === WHITESPACE ? c === SPACE || c === TAB : c === this.delimiter;
  }

  /** Skips lines holding only spaces and tabs; returns the start of the next non-blank line, or the text's length. */
  private skipBlankLines(pos: number): number {
    const text = this.text;
    const len = this.end;
    for (;;) {
      let p = pos;
      while (p < len && (text.charCodeAt(p) === SPACE || text.charCodeAt(p) === TAB)) p++;
      if (p >= len) return len;
      const c = text.charCodeAt(p);
      if (c === LF) pos = p + 1;
      else if (c === CR) pos = p + 1 < len && text.charCodeAt(p + 1) === LF ? p + 2 : p + 1;
      else return pos;
    }
  }

  read(): DelimitedResult {
    const result = this.readFromStart(false);
    // Without `more` the reading ends with a result or throws: this is never reached.
    if (!result) throw this.source.error(0, EMPTY_TEXT);
    return result;
  }

  /**
   * Reads the first window of a text arriving in slices, up to `end`, just
   * after a line break: nothing comes back until the last window is read.
   */
  readFirstWindow(end: number): void {
    this.end = end;
    this.readFromStart(true);
  }

  /**
   * Reads on in the next window of the text, `text` from `start` to `end`: it
   * starts just after the line break the last one ended with, and ends just
   * after one. The result comes after the last window (`more` false).
   */
  readOn(text: string, start: number, end: number, more: boolean): DelimitedResult | undefined {
    this.text = text;
    this.end = end;
    this.scanner.moveTo(text);
    return this.readRowsCaught(this.skipBlankLines(start), more);
  }

  private readFromStart(more: boolean): DelimitedResult | undefined {
    const pos = this.skipBlankLines(0);
    if (pos >= this.end) throw this.source.error(0, EMPTY_TEXT);
    return this.readRowsCaught(pos, more);
  }

  private readRowsCaught(pos: number, more: boolean): DelimitedResult | undefined {
    try {
      return this.readRows(pos, more);
    } catch (error) {
      if (error instanceof TooManyValues) {
        throw this.source.error(this.cellStart, tooManyValues(this.values.maxValues));
      }
      throw error;
    }
  }

  /** The rows from `pos`, at a line's start; undefined when the window ends first and `more` text is to come. */
  private readRows(pos: number, more: boolean): DelimitedResult | undefined {
    const text = this.text;
    const len = this.end;
    const values = this.values;
    let { columns, rows, columnLabels, first, lastRowStart } = this.table;
    while (pos < len) {
      const rowStart = pos;
      lastRowStart = rowStart;
      const valuesBefore = values.length;
      let cells = 0;
      let headerCell = -1; // first non-numeric, non-empty cell of the first row
      let emptyCell = -1;
      for (;;) {
        // One cell, then its delimiter.
        while (pos < len && this.isPadding(text.charCodeAt(pos))) pos++;
        this.cellStart = pos;
        const c = pos < len ? text.charCodeAt(pos) : -1;
        if (c === QUOTE) {
          const close = this.closingQuote(pos);
          // A number inside the quotes, padding allowed: " 1.5 ".
          let inner = pos + 1;
          while (inner < close && text.charCodeAt(inner) === SPACE) inner++;
          let end = this.scanner.scan(inner);
          while (end > 0 && end < close && text.charCodeAt(end) === SPACE) end++;
          if (end === close && close > inner) {
            values.push(this.scanner.value);
          } else if (first) {
            if (headerCell < 0) headerCell = pos;
          } else {
            throw this.notANumber(pos, rows + 1, cells + 1);
          }
          pos = close + 1;
          if (!this.endsCell(pos)) {
            while (pos < len && this.isPadding(text.charCodeAt(pos))) pos++;
          }
          if (!this.endsCell(pos))
            throw this.source.error(pos, `Expected a delimiter after the quoted cell, found ${quoteToken(text, pos)}.`);
        } else if (this.endsCell(pos)) {
          if (first) {
            if (emptyCell < 0) emptyCell = pos;
          } else {
            throw this.source.error(
              pos,
              `A value is missing here: cell ${cells + 1} of row ${rows + 1} is empty (write NaN for a missing value).`,
            );
          }
        } else {
          let end = this.scanner.scan(pos);
          if (end >= 0 && !this.endsCell(end)) {
            while (end < len && this.isPadding(text.charCodeAt(end))) end++;
            if (!this.endsCell(end)) end = -1;
          }
          if (end >= 0) {
            values.push(this.scanner.value);
            pos = end;
          } else if (first) {
            if (headerCell < 0) headerCell = pos;
            pos = this.cellEnd(pos);
          } else {
            throw this.notANumber(pos, rows + 1, cells + 1);
          }
        }
        cells++;
        // Now at a delimiter, a line end or the end of the text.
        if (pos >= len) break;
        const d = text.charCodeAt(pos);
        if (d === LF) {
          pos++;
          break;
        }
        if (d === CR) {
          pos += pos + 1 < len && text.charCodeAt(pos + 1) === LF ? 2 : 1;
          break;
        }
        pos++;
        if (this.delimiter === WHITESPACE) {
          // A run of spaces is one delimiter; trailing spaces end the row, not start a cell.
          while (pos < len && (text.charCodeAt(pos) === SPACE || text.charCodeAt(pos) === TAB)) pos++;
          if (pos >= len) break;
          const e = text.charCodeAt(pos);
          if (e === LF || e === CR) {
            pos += e === CR && pos + 1 < len && text.charCodeAt(pos + 1) === LF ? 2 : 1;
            break;
          }
        }
      }

      if (first) {
        first = false;
        if (headerCell >= 0) {
          columnLabels = this.readLabels(rowStart);
          values.length = valuesBefore;
          columns = columnLabels.length;
          pos = this.skipBlankLines(pos);
          continue;
        }
        if (emptyCell >= 0) {
          throw this.source.error(emptyCell, 'A value is missing here: this cell of row 1 is empty (write NaN for a missing value).');
        }
      }
      rows++;
      if (columns < 0) {
        columns = cells;
      } else if (cells !== columns) {
        const reference = columnLabels
          ? `the header has ${plural(columns, 'name', 'names')}`
          : `row 1 has ${columns.toLocaleString('en-US')}`;
        throw this.source.error(
          rowStart,
          `The rows are uneven: row ${rows} has ${plural(cells, 'value', 'values')}, ${reference}. Every row needs the same number of values.`,
        );
      }
      pos = this.skipBlankLines(pos);
    }
    if (more) {
      // The window ended just after a line break: wait for the next one.
      this.table = { columns, rows, columnLabels, first, lastRowStart };
      return undefined;
    }

    if (rows === 0) {
      // Point at the first word rather than the indentation before it.
      let firstWord = lastRowStart;
      while (firstWord < len && this.isPadding(text.charCodeAt(firstWord))) firstWord++;
      throw this.source.error(firstWord, onlyWords(columnLabels ?? []));
    }
    if (rows === 1 && columns === 1) {
      throw this.source.error(lastRowStart, 'A single number is not enough: select an array, a row or a column of values.');
    }
    const shape = rows === 1 ? [columns] : [rows, columns];
    return columnLabels ? { shape, columnLabels } : { shape };
  }

  /** The index of the quote closing the quoted cell opened at `open`. */
  private closingQuote(open: number): number {
    const text = this.text;
    let pos = open + 1;
    for (;;) {
      const close = text.indexOf('"', pos);
      if (close < 0) throw this.source.error(open, 'This quoted cell is never closed: a closing " is missing.');
      if (text.charCodeAt(close + 1) !== QUOTE) return close;
      pos = close + 2; // "" is an escaped quote
    }
  }

  /** The end of an unquoted cell (before its trailing padding is trimmed). */
  private cellEnd(pos: number): number {
    while (!this.endsCell(pos)) pos++;
    return pos;
  }

  private notANumber(pos: number, row: number, cell: number) {
    const text = this.text;
    let shown: string;
    if (text.charCodeAt(pos) === QUOTE) {
      shown = text.slice(pos, this.closingQuote(pos) + 1);
    } else {
      shown = text.slice(pos, this.cellEnd(pos)).trim();
    }
    if (shown.length > 40) shown = `${shown.slice(0, 37)}...`;
    return this.source.error(pos, `"${shown}" is not a number (row ${row}, cell ${cell}). Only the first row may hold column names.`);
  }

  /** Re-reads the first row as text: the column names. */
  private readLabels(rowStart: number): string[] {
    const text = this.text;
    const len = this.end;
    const labels: string[] = [];
    let pos = rowStart;
    for (;;) {
      while (pos < len && this.isPadding(text.charCodeAt(pos))) pos++;
      if (text.charCodeAt(pos) === QUOTE) {
        const close = this.closingQuote(pos);
        labels.push(text.slice(pos + 1, close).replace(/""/g, '"'));
        pos = close + 1;
        if (!this.endsCell(pos)) {
          while (pos < len && this.isPadding(text.charCodeAt(pos))) pos++;
        }
      } else {
        const end = this.cellEnd(pos);
        labels.push(text.slice(pos, end).trim());
        pos = end;
      }
      if (pos >= len || isLineEnd(text.charCodeAt(pos))) return labels;
      pos++;
      if (this.delimiter === WHITESPACE) {
        while (pos < len && (text.charCodeAt(pos) === SPACE || text.charCodeAt(pos) === TAB)) pos++;
        if (pos >= len || isLineEnd(text.charCodeAt(pos))) return labels;
      }
    }
  }
}
