// A large text that arrives in slices, read as it comes. Joined first, it would
// be held twice at the join (the slices and the whole copy) before a value was
// read; read window by window, only a slice or two of it is ever held besides
// the values, and the reading overlaps the sending.
//
// Only the plain cases are read this way: JSON arrays without comments, and
// delimited rows without quotes. A window is cut just after a comma (JSON) or a
// line break (rows), where no number and no row is split, and the readers stop
// at its end until the next one comes. Anything else gives up — a printout, a
// comment, a quote, a number too large for its dtype, any error — and the
// caller parses the whole text as parseActivations does, which says what is
// wrong and where: what this returns is always what that would have returned.
import { DelimitedReader, SNIFF_CHARS, sniffDelimiter } from './delimited';
import { NestedArrayReader } from './nestedArray';
import { SourceText } from './parseError';
import type { ParsedActivations, ParseOptions } from './types';
import { mostValuesIn, ValueBuffer, valueOptions } from './valueBuffer';

/** The formats read as they arrive, with what their windows end after and what makes them give up. */
const PLAIN = {
  // Comments could hide a comma, and are rare in large arrays.
  json: { cutAfter: ',', refused: '/' },
  // A quoted cell may hold a line break.
  csv: { cutAfter: '\n', refused: '"' },
} as const;

export type StreamedFormat = keyof typeof PLAIN;

/** True for the formats a text sent in slices can be read in as they arrive. */
export function isStreamed(format: string): format is StreamedFormat {
  return Object.hasOwn(PLAIN, format);
}

/** Nothing but the whitespace allowed around a JSON array. */
const BLANK = /^[ \t\r\n]*$/;

export class TextStream {
  /** What arrived after the last window's end, not yet read. */
  private pending: string[] = [];
  private pendingLength = 0;
  private gaveUp = false;
  private readonly values: ValueBuffer;
  private readonly dtype: 'float32' | 'float64';
  private json?: NestedArrayReader;
  private rows?: DelimitedReader;
  /** The JSON array's shape once its closing ']' is read: only whitespace may follow. */
  private closedShape?: number[];
  private result?: { shape: number[]; columnLabels?: string[] };

  /** @param length the whole text's length, as parseActivations sizes its value buffer by it. */
  constructor(
    length: number,
    private readonly format: StreamedFormat,
    options: ParseOptions = {},
  ) {
    const { dtype, maxValues } = valueOptions(options);
    this.dtype = dtype;
    if (maxValues === 0) this.gaveUp = true;
    this.values = new ValueBuffer(maxValues, mostValuesIn(length, maxValues), dtype);
  }

  /** Reads the next slice as far as it can; false once the whole text has to be parsed instead. */
  append(slice: string): boolean {
    if (this.gaveUp) return false;
    const { cutAfter, refused } = PLAIN[this.format];
    if (slice.includes(refused)) return this.giveUp();
    const last = slice.lastIndexOf(cutAfter);
    // The first window is long enough for the delimiter and the array's start to be found as in the whole text.
    if (last < 0 || (!this.started && this.pendingLength + slice.length < SNIFF_CHARS)) {
      this.pending.push(slice);
      this.pendingLength += slice.length;
      return true;
    }
    if (!this.started) {
      const window = this.joined(slice);
      const cut = window.lastIndexOf(cutAfter) + 1;
      this.pending = [];
      this.pendingLength = 0;
      return this.read(window, 0, cut, true) && this.keep(window.slice(cut));
    }
    // What was pending and the slice up to its first cut make one small window; the rest is read in place.
    const first = slice.indexOf(cutAfter) + 1;
    return (
      this.read(this.joined(slice.slice(0, first)), 0, undefined, true) &&
      this.read(slice, first, last + 1, true) &&
      this.keep(slice.slice(last + 1))
    );
  }

  /** The values, after the last slice; undefined when the whole text has to be parsed instead. */
  finish(): ParsedActivations | undefined {
    const rest = this.joined('');
    this.pending = [];
    if (this.gaveUp || !this.read(rest, 0, undefined, false) || !this.result) return undefined;
    // The warning names the number's place in the whole text: parseActivations says it.
    if (this.values.overflows.first(this.dtype)) return undefined;
    return { ...this.result, dtype: this.dtype, data: this.values.toTypedArray(this.dtype), format: this.format };
  }

  /** What is pending, then `last`, as one flat string: a string built by concatenating reads two to three times slower. */
  private joined(last: string): string {
    return [...this.pending, last].join('');
  }

  /** Keeps what follows the last window's end, for the next. */
  private keep(rest: string): true {
    this.pending = [rest];
    this.pendingLength = rest.length;
    return true;
  }

  private get started(): boolean {
    return this.json !== undefined || this.rows !== undefined;
  }

  /** Reads `text` from `start` to `end` (its length when undefined), as the next window. */
  private read(text: string, start: number, end = text.length, more: boolean): boolean {
    try {
      if (this.format === 'csv') this.readRows(text, start, end, more);
      else this.readJson(text, start, end, more);
      return true;
    } catch {
      return this.giveUp();
    }
  }

  private readRows(text: string, start: number, end: number, more: boolean): void {
    if (!this.rows) {
      // The first window, from the text's start: the delimiter is sniffed as in the whole text.
      this.rows = new DelimitedReader(new SourceText(text), this.values, this.dtype === 'float32', sniffDelimiter(text));
      if (more) this.rows.readFirstWindow(end);
      else this.result = this.rows.read();
      return;
    }
    this.result = this.rows.readOn(text, start, end, more);
  }

  private readJson(text: string, start: number, end: number, more: boolean): void {
    if (this.closedShape) {
      if (!BLANK.test(text.slice(start, end))) throw new Error('text after the array');
    } else if (!this.json) {
      const reader = new NestedArrayReader(
        new SourceText(text),
        { commaOptional: false, comments: true },
        this.values,
        this.dtype === 'float32',
      );
      this.json = reader;
      const open = reader.skip(0);
      if (open >= end || text.charCodeAt(open) !== 91) throw new Error('no array at the start');
      this.closed(text, end, more ? reader.readFirstWindow(open, end) : reader.read(open));
    } else {
      this.closed(text, end, this.json.readOn(text, start, end, more));
    }
    if (!more) {
      if (!this.closedShape) throw new Error('the array is not closed');
      this.result = { shape: this.closedShape };
    }
  }

  /** Notes the array's shape when it closed in this window, and checks what follows it there. */
  private closed(text: string, end: number, read: { shape: number[]; end: number } | undefined): void {
    if (!read) return;
    if (!BLANK.test(text.slice(read.end, end))) throw new Error('text after the array');
    this.closedShape = read.shape;
  }

  private giveUp(): false {
    this.gaveUp = true;
    this.pending = [];
    return false;
  }
}
