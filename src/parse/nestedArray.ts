// Nested [ ... ] arrays of numbers, read in one pass straight into a value
// buffer: the shape comes from the nesting, checked as each array closes, and
// no tree is ever built. Shared by JSON (commas required, JSONC comments) and
// printed NumPy/PyTorch tensors (commas optional: NumPy's str() separates
// values with spaces and rows with newlines). A JSON text that arrives in
// slices is read window by window (textStream.ts): each window ends just after
// a comma, where the reading stops until the next one comes.
import { NumberScanner } from './numberScanner';
import { ABBREVIATED, plural, quoteToken, tooManyValues } from './messages';
import type { SourceText } from './parseError';
import { TooManyValues, type ValueBuffer } from './valueBuffer';

export interface NestedArraySyntax {
  /** Values and rows may be separated by whitespace alone (NumPy's str()). */
  commaOptional: boolean;
  /** // line and /* block *\/ comments count as whitespace (JSONC). */
  comments: boolean;
}

export interface NestedArrayResult {
  shape: number[];
  /** Index just past the closing ']'. */
  end: number;
}

const OPEN = 91; // [
const CLOSE = 93; // ]
const COMMA = 44;
/** Where the reading stands between two windows of a text: the arrays open, and the lengths found so far. */
interface Nesting {
  /** Per open array (index = nesting depth): where its '[' is and how many items it holds so far. */
  starts: number[];
  counts: number[];
  /** Per depth: the length every array at that depth must have (set by the first one to close). */
  shape: number[];
  /** How many arrays enclose a number; -1 until the first number. */
  leafDepth: number;
  depth: number;
}

/** NumPy allows 64 dimensions (32 before 2.0), PyTorch fewer: deeper nesting is a mistake, not a tensor. */
const MAX_DEPTH = 64;

function isNumberStart(c: number): boolean {
  return (c >= 48 && c <= 57) || c === 45 || c === 43 || c === 46 || c === 110 || c === 78 || c === 105 || c === 73;
}

/** "row 3" for the rows of a matrix, "the array at [1][2]" deeper down (indices as Python and JS write them). */
function describeArray(path: number[]): string {
  if (path.length === 1) return `row ${path[0] + 1}`;
  return `the array at ${path.map((i) => `[${i}]`).join('')}`;
}

export class NestedArrayReader {
  private pos = 0;
  private text: string;
  /** Where the text being read ends: its length, or a window's end inside a slice of a text arriving in slices. */
  private end: number;
  private readonly scanner: NumberScanner;
  private nesting: Nesting = { starts: [], counts: [], shape: [], leafDepth: -1, depth: 0 };

  constructor(
    private readonly source: SourceText,
    private readonly syntax: NestedArraySyntax,
    private readonly values: ValueBuffer,
    roundsToFloat32 = false,
  ) {
    this.text = source.text;
    this.end = source.text.length;
    this.scanner = new NumberScanner(source.text, roundsToFloat32, values.overflows);
  }

  /** Skips whitespace (and comments, if allowed). Returns the new position. */
  skip(pos: number): number {
    const text = this.text;
    const len = this.end;
    while (pos < len) {
      const c = text.charCodeAt(pos);
      if (c === 32 || c === 10 || c === 13 || c === 9) {
        pos++;
      } else if (c === 47 && this.syntax.comments && pos + 1 < len) {
        const next = text.charCodeAt(pos + 1);
        if (next === 47) {
          pos += 2;
          while (pos < len && text.charCodeAt(pos) !== 10 && text.charCodeAt(pos) !== 13) pos++;
        } else if (next === 42) {
          const close = text.indexOf('*/', pos + 2);
          if (close < 0) throw this.source.error(pos, 'This /* comment is never closed: a "*/" is missing.');
          pos = close + 2;
        } else {
          return pos;
        }
      } else {
        return pos;
      }
    }
    return pos;
  }

  /** Reads the array whose '[' is at `start`. */
  read(start: number): NestedArrayResult {
    this.begin(start);
    const result = this.readFromPos(false);
    // Without `more` the reading ends at the closing ']' or throws: this is never reached.
    if (!result) throw this.afterItem(this.text.length);
    return result;
  }

  /**
   * Reads the first window of a text arriving in slices, from the '[' at
   * `start` to `end`, just after a comma: the array's shape if it closes in
   * this window, else undefined, and `readOn` reads the next window.
   */
  readFirstWindow(start: number, end: number): NestedArrayResult | undefined {
    this.begin(start);
    this.end = end;
    return this.readFromPos(true);
  }

  /**
   * Reads on in the next window of the text, `text` from `start` to `end`: it
   * starts just after the comma the last one ended with, and ends just after a
   * comma; `more` when yet another window will follow.
   */
  readOn(text: string, start: number, end: number, more: boolean): NestedArrayResult | undefined {
    this.text = text;
    this.end = end;
    this.scanner.moveTo(text);
    this.pos = start;
    return this.readFromPos(more);
  }

  private begin(start: number): void {
    this.nesting = { starts: [], counts: [], shape: [], leafDepth: -1, depth: 0 };
    this.pos = start;
  }

  private readFromPos(more: boolean): NestedArrayResult | undefined {
    try {
      return this.readArrays(more);
    } catch (error) {
      if (error instanceof TooManyValues) throw this.source.error(this.pos, tooManyValues(this.values.maxValues));
      throw error;
    }
  }

  /** The array's shape once it closes; undefined when the window ends first and `more` text is to come. */
  private readArrays(more: boolean): NestedArrayResult | undefined {
    const text = this.text;
    const scanner = this.scanner;
    const values = this.values;
    const commaOptional = this.syntax.commaOptional;
    const end = this.end;
    const { starts, counts, shape } = this.nesting;
    let { leafDepth, depth } = this.nesting;
    let pos = this.pos;

    // Expecting an item: '[' , a number, or ']' (an empty array, or after a trailing comma).
    for (;;) {
      if (more && pos >= end) {
        // The window ended just after a comma: wait for the next one.
        this.nesting.leafDepth = leafDepth;
        this.nesting.depth = depth;
        return undefined;
      }
      // Whitespace and comments start with a code <= 32 or "/": skip the call otherwise.
      let c = text.charCodeAt(pos);
      if (c <= 32 || c === 47) {
        pos = this.skip(pos);
        c = text.charCodeAt(pos);
      }
      if (c === OPEN) {
        if (depth === leafDepth) {
          throw this.source.error(
            pos,
            `Expected a number here, found an array: the other values at this depth are numbers, so the nesting is uneven.`,
          );
        }
        if (depth === MAX_DEPTH) {
          throw this.source.error(pos, `The arrays nest deeper than ${MAX_DEPTH} levels, more than any framework's tensors have.`);
        }
        starts[depth] = pos;
        counts[depth] = 0;
        depth++;
        pos++;
        continue;
      }
      if (c !== CLOSE) {
        if (depth !== leafDepth) {
          if (leafDepth === -1) leafDepth = depth;
          else throw this.misplacedItem(pos);
        }
        // A run of numbers and separators in a tight loop (most of any input);
        // anything unusual leaves the run for the general code below.
        let count = counts[depth - 1];
        for (;;) {
          const end = scanner.scan(pos);
          if (end < 0) throw this.notANumber(pos);
          this.pos = pos;
          values.push(scanner.value);
          count++;
          pos = end;
          let next = pos;
          let d = text.charCodeAt(next);
          if (d <= 32 || d === 47) {
            next = this.skip(next);
            d = text.charCodeAt(next);
          }
          if (d === COMMA) {
            d = text.charCodeAt(++next);
            if (d === 32) d = text.charCodeAt(++next); // the usual ", "
            if (d <= 32 || d === 47) {
              next = this.skip(next);
              d = text.charCodeAt(next);
            }
          } else if (!commaOptional || next === pos) {
            break;
          }
          // Past the window's end lies the next window's start, which may be only part of a number.
          if (next >= end || !((d >= 48 && d <= 57) || d === 45)) break;
          pos = next;
        }
        counts[depth - 1] = count;
      } else {
        // ']' closes the innermost array.
        const d = depth - 1;
        const n = counts[d];
        if (n === 0) {
          if (shape[d] !== undefined) throw this.ragged(starts[d], counts, d, 0, shape[d], leafDepth);
          throw this.source.error(starts[d], 'This array is empty: there are no values to drop out.');
        }
        if (shape[d] === undefined) shape[d] = n;
        else if (shape[d] !== n) throw this.ragged(starts[d], counts, d, n, shape[d], leafDepth);
        depth = d;
        pos++;
        if (depth === 0) return { shape, end: pos };
        counts[depth - 1]++;
      }

      // After an item: ',' or ']' (or, for printed tensors, whitespace then the next item).
      for (;;) {
        const before = pos;
        c = text.charCodeAt(pos);
        if (c <= 32 || c === 47) {
          pos = this.skip(pos);
          c = text.charCodeAt(pos);
        }
        if (c === COMMA) {
          pos++;
          break;
        }
        if (c === CLOSE) {
          const d = depth - 1;
          const n = counts[d];
          if (shape[d] === undefined) shape[d] = n;
          else if (shape[d] !== n) throw this.ragged(starts[d], counts, d, n, shape[d], leafDepth);
          depth = d;
          pos++;
          if (depth === 0) return { shape, end: pos };
          counts[depth - 1]++;
          continue;
        }
        if (commaOptional && pos > before && (c === OPEN || isNumberStart(c))) break;
        throw this.afterItem(pos);
      }
    }
  }

  private isEllipsis(pos: number): boolean {
    return this.text.startsWith('...', pos) || this.text.startsWith('\u2026', pos);
  }

  /** An item where an array belongs (the numbers sit deeper elsewhere). */
  private misplacedItem(pos: number) {
    if (isNumberStart(this.text.charCodeAt(pos)) && !this.isEllipsis(pos)) {
      return this.source.error(
        pos,
        'Expected an array [ ... ] here, found a number: the other items at this depth are arrays, so the nesting is uneven.',
      );
    }
    return this.notANumber(pos);
  }

  private ragged(at: number, counts: number[], d: number, n: number, expected: number, leafDepth: number) {
    // The path of the offending array: its index in each enclosing array.
    const path = counts.slice(0, d);
    const first = path.map(() => 0);
    const what = d + 1 === leafDepth ? ['value', 'values'] : ['item', 'items'];
    const message =
      `The rows are uneven: ${describeArray(path)} has ${plural(n, what[0], what[1])}, ` +
      `${describeArray(first)} has ${expected.toLocaleString('en-US')}. Every array at the same depth needs the same length.`;
    return this.source.error(at, message);
  }

  /** Why there is no number at `pos`, in words. */
  private notANumber(pos: number) {
    const text = this.text;
    const c = pos < text.length ? text.charCodeAt(pos) : -1;
    if (c === -1) return this.source.error(pos, 'The text ends inside an array: a closing "]" is missing.');
    if (this.isEllipsis(pos)) return this.source.error(pos, ABBREVIATED);
    if (c === 34 || c === 39)
      return this.source.error(pos, 'Found a string where a number belongs: every item must be a number (or NaN / Infinity).');
    if (c === 123)
      return this.source.error(
        pos,
        'Found an object { ... } where a number belongs: select an array of numbers, nested for more dimensions.',
      );
    if (c === COMMA) return this.source.error(pos, 'A value is missing before this comma.');
    if (text.startsWith('null', pos)) return this.source.error(pos, 'Found null where a number belongs: write NaN for a missing value.');
    if (text.startsWith('true', pos) || text.startsWith('false', pos) || text.startsWith('True', pos) || text.startsWith('False', pos)) {
      return this.source.error(pos, `Found ${quoteToken(text, pos)} where a number belongs: booleans are not activations.`);
    }
    if (/^[A-Za-z_][\w.]*\s*\(/.test(text.slice(pos, pos + 40))) {
      return this.source.error(
        pos,
        `Found ${quoteToken(text, pos)}(...) where a number belongs: this looks like a Python list of NumPy or PyTorch scalars. ` +
          'Print the array or tensor itself (print(x) or repr(x)), or x.tolist(), and select that.',
      );
    }
    return this.source.error(pos, `Expected a number, found ${quoteToken(text, pos)}.`);
  }

  private afterItem(pos: number) {
    const text = this.text;
    if (pos >= text.length) return this.source.error(pos, 'The text ends inside an array: a closing "]" is missing.');
    if (this.isEllipsis(pos)) return this.source.error(pos, ABBREVIATED);
    return this.source.error(pos, `Expected "," or "]" after a value, found ${quoteToken(text, pos)}.`);
  }
}
