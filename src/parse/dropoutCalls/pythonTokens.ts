// Python source as tokens, just enough to find calls: names, numbers, strings, operators and the ends
// of logical lines. Comments and the insides of strings (every prefix, triple quotes, f-strings with
// their nested replacement fields) never produce tokens, so nothing written in them is ever taken for
// code; bracketed lines and backslash continuations join into one logical line, as Python reads them.

export type TokenKind = 'name' | 'number' | 'string' | 'op' | 'newline';

/**
 * The tokens, column by column (token i is kind[i], start[i] …): a 5,000-line file has some 60,000
 * tokens, and typed arrays and interned strings cost the garbage collector nothing, where an object
 * per token dominated the scan. Reading past the last token gives undefined, as for any array.
 */
export interface Tokens {
  count: number;
  kind: TokenKind[];
  /** Offsets in the source, end exclusive. */
  start: Int32Array;
  end: Int32Array;
  /** For the first token of a logical line: its column (the line's indentation); otherwise -1. */
  indent: Int32Array;
  /** Names, numbers and operators as written; empty for strings and newlines (read the source when needed). */
  text: string[];
}

/** Room for `capacity` tokens, keeping the first `count`. */
function grow(tokens: Tokens, capacity: number): void {
  for (const column of ['start', 'end', 'indent'] as const) {
    const wider = new Int32Array(capacity);
    wider.set(tokens[column].subarray(0, tokens.count));
    tokens[column] = wider;
  }
}

const enum Ch {
  Tab = 9,
  LineFeed = 10,
  CarriageReturn = 13,
  Space = 32,
  Quote = 34,
  Hash = 35,
  Apostrophe = 39,
  OpenParen = 40,
  CloseParen = 41,
  Dot = 46,
  Digit0 = 48,
  Digit9 = 57,
  Colon = 58,
  Semicolon = 59,
  Equals = 61,
  Exclamation = 33,
  OpenBracket = 91,
  Backslash = 92,
  CloseBracket = 93,
  Underscore = 95,
  OpenBrace = 123,
  CloseBrace = 125,
}

const isDigit = (c: number) => c >= Ch.Digit0 && c <= Ch.Digit9;
const isNameStart = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === Ch.Underscore || c >= 0x80;
const isNameChar = (c: number) => isNameStart(c) || isDigit(c);
const isLineEnd = (c: number) => c === Ch.LineFeed || c === Ch.CarriageReturn;

/** String prefixes Python accepts (case-insensitive): bytes, raw, formatted and template strings. */
const STRING_PREFIXES = new Set(['r', 'u', 'f', 'b', 't', 'br', 'rb', 'fr', 'rf', 'tr', 'rt']);

/** Characters that start an operator of two characters with "=" after them (`==` is not a keyword argument's `=`). */
const BEFORE_EQUALS = new Set('=!<>:+-*/%&|^@'.split('').map((c) => c.charCodeAt(0)));
/** Operators of two characters besides those ending in "=". */
const DOUBLED = new Set(['->', '**', '//', '<<', '>>']);

/** The width of the operator at `pos`: 1, 2, or 3 for `**=`, `//=`, `<<=`, `>>=`. */
function opWidth(source: string, pos: number): number {
  const c = source.charCodeAt(pos);
  if (!BEFORE_EQUALS.has(c)) return 1;
  const next = source.charCodeAt(pos + 1);
  if (next === Ch.Equals) return 2;
  if ((next !== c && next !== 62) /* > */ || !DOUBLED.has(source.slice(pos, pos + 2))) return 1;
  return next === c && source.charCodeAt(pos + 2) === Ch.Equals ? 3 : 2;
}

/** One-character strings, made once: operators are most tokens, and slicing each would allocate. */
const SINGLE: string[] = Array.from({ length: 128 }, (_, c) => String.fromCharCode(c));
const singleChar = (c: number) => (c < 128 ? SINGLE[c]! : String.fromCharCode(c));

/** Splits Python source into tokens; never throws (unterminated strings end at the end of their line or file). */
export function tokenize(source: string): Tokens {
  // About one token per six characters in typical code; the columns double when that is not enough.
  const tokens: Tokens = { count: 0, kind: [], start: new Int32Array(0), end: new Int32Array(0), indent: new Int32Array(0), text: [] };
  grow(tokens, 64 + (source.length >> 2));
  const n = source.length;
  let pos = 0;
  let lineStart = 0;
  let depth = 0;
  /** True until the current logical line has a token. */
  let atLineStart = true;

  const push = (kind: TokenKind, start: number, end: number, text: string, indent: number) => {
    const i = tokens.count++;
    if (i === tokens.start.length) grow(tokens, 2 * i);
    tokens.kind.push(kind);
    tokens.text.push(text);
    tokens.start[i] = start;
    tokens.end[i] = end;
    tokens.indent[i] = indent;
  };
  const pushToken = (kind: TokenKind, start: number, end: number, text: string) => {
    push(kind, start, end, text, atLineStart ? start - lineStart : -1);
    atLineStart = false;
  };
  const endLogicalLine = (at: number) => {
    if (!atLineStart) push('newline', at, at, '', -1);
    atLineStart = true;
  };

  while (pos < n) {
    const c = source.charCodeAt(pos);
    if (c === Ch.Space || c === Ch.Tab || c === 12) {
      pos++;
    } else if (isLineEnd(c)) {
      if (depth === 0) endLogicalLine(pos);
      pos += c === Ch.CarriageReturn && source.charCodeAt(pos + 1) === Ch.LineFeed ? 2 : 1;
      lineStart = pos;
    } else if (c === Ch.Hash) {
      while (pos < n && !isLineEnd(source.charCodeAt(pos))) pos++;
    } else if (c === Ch.Backslash) {
      // A continuation joins the next physical line to this logical one.
      pos++;
      if (source.charCodeAt(pos) === Ch.CarriageReturn) pos++;
      if (source.charCodeAt(pos) === Ch.LineFeed) pos++;
      lineStart = pos;
    } else if (c === Ch.Quote || c === Ch.Apostrophe) {
      const end = scanString(source, pos, false);
      pushToken('string', pos, end, '');
      pos = end;
    } else if (isNameStart(c)) {
      const start = pos;
      while (pos < n && isNameChar(source.charCodeAt(pos))) pos++;
      const q = source.charCodeAt(pos);
      const prefix = pos - start <= 2 ? source.slice(start, pos).toLowerCase() : '';
      if ((q === Ch.Quote || q === Ch.Apostrophe) && STRING_PREFIXES.has(prefix)) {
        const end = scanString(source, pos, prefix.includes('f') || prefix.includes('t'), prefix.includes('r'));
        pushToken('string', start, end, '');
        pos = end;
      } else {
        pushToken('name', start, pos, source.slice(start, pos));
      }
    } else if (isDigit(c) || (c === Ch.Dot && isDigit(source.charCodeAt(pos + 1)))) {
      const start = pos;
      pos = scanNumber(source, pos);
      pushToken('number', start, pos, source.slice(start, pos));
    } else {
      const width = opWidth(source, pos);
      if (c === Ch.OpenParen || c === Ch.OpenBracket || c === Ch.OpenBrace) depth++;
      else if ((c === Ch.CloseParen || c === Ch.CloseBracket || c === Ch.CloseBrace) && depth > 0) depth--;
      if (c === Ch.Semicolon && depth === 0) {
        endLogicalLine(pos);
        pos++;
        continue;
      }
      pushToken('op', pos, pos + width, width === 1 ? singleChar(c) : source.slice(pos, pos + width));
      pos += width;
    }
  }
  endLogicalLine(n);
  for (const column of ['start', 'end', 'indent'] as const) tokens[column] = tokens[column].subarray(0, tokens.count);
  return tokens;
}

/** The end of a number literal starting at `pos` (digits, `_`, `.`, exponents with signs, hex/octal/binary, `j`). */
function scanNumber(source: string, pos: number): number {
  const n = source.length;
  const hex = source.charCodeAt(pos) === Ch.Digit0 && (source.charCodeAt(pos + 1) | 0x20) === 120; // 0x
  while (pos < n) {
    const c = source.charCodeAt(pos);
    if (isNameChar(c) || c === Ch.Dot) {
      pos++;
      if (!hex && (c | 0x20) === 101 && (source.charCodeAt(pos) === 43 || source.charCodeAt(pos) === 45)) pos++; // e+ / e-
    } else break;
  }
  return pos;
}

/**
 * The end of the string whose opening quote is at `pos`. Backslashes escape the next character (in raw
 * strings too, as far as the closing quote goes); a single-quoted string ends at an unescaped line end
 * (Python's error, bounded here to one line); formatted strings skip their replacement fields, whose
 * expressions may hold strings of their own, with any quotes (Python 3.12).
 */
function scanString(source: string, pos: number, formatted: boolean, raw = false): number {
  const n = source.length;
  const quote = source.charCodeAt(pos);
  const triple = source.charCodeAt(pos + 1) === quote && source.charCodeAt(pos + 2) === quote;
  pos += triple ? 3 : 1;
  while (pos < n) {
    const c = source.charCodeAt(pos);
    if (c === Ch.Backslash) {
      // In raw f-strings a backslash does not hide a brace from the replacement-field scanner.
      const next = source.charCodeAt(pos + 1);
      if (raw && formatted && (next === Ch.OpenBrace || next === Ch.CloseBrace)) pos++;
      else pos += next === Ch.CarriageReturn && source.charCodeAt(pos + 2) === Ch.LineFeed ? 3 : 2;
    } else if (c === quote) {
      if (!triple) return pos + 1;
      if (source.charCodeAt(pos + 1) === quote && source.charCodeAt(pos + 2) === quote) return pos + 3;
      pos++;
    } else if (!triple && isLineEnd(c)) {
      return pos;
    } else if (formatted && c === Ch.OpenBrace) {
      if (source.charCodeAt(pos + 1) === Ch.OpenBrace) pos += 2;
      else pos = scanReplacementField(source, pos + 1, triple);
    } else {
      pos++;
    }
  }
  return n;
}

/**
 * The end of an f-string replacement field whose `{` is just before `pos`: an expression (brackets
 * nest, strings are skipped whole), then an optional `!conversion` and `:format spec`, which may hold
 * nested fields, up to the closing `}`. In a single-quoted f-string a line end stops it.
 */
function scanReplacementField(source: string, pos: number, triple: boolean): number {
  const n = source.length;
  let depth = 0;
  while (pos < n) {
    const c = source.charCodeAt(pos);
    if (!triple && isLineEnd(c)) return pos;
    if (c === Ch.Quote || c === Ch.Apostrophe) {
      pos = scanString(source, pos, false);
    } else if (isNameStart(c)) {
      const start = pos;
      while (pos < n && isNameChar(source.charCodeAt(pos))) pos++;
      const q = source.charCodeAt(pos);
      const prefix = pos - start <= 2 ? source.slice(start, pos).toLowerCase() : '';
      if ((q === Ch.Quote || q === Ch.Apostrophe) && STRING_PREFIXES.has(prefix))
        pos = scanString(source, pos, prefix.includes('f') || prefix.includes('t'), prefix.includes('r'));
    } else if (c === Ch.OpenParen || c === Ch.OpenBracket || c === Ch.OpenBrace) {
      depth++;
      pos++;
    } else if (c === Ch.CloseParen || c === Ch.CloseBracket) {
      depth = Math.max(0, depth - 1);
      pos++;
    } else if (c === Ch.CloseBrace) {
      if (depth === 0) return pos + 1;
      depth--;
      pos++;
    } else if (depth === 0 && (c === Ch.Colon || (c === Ch.Exclamation && source.charCodeAt(pos + 1) !== Ch.Equals))) {
      return scanFormatSpec(source, pos + 1, triple);
    } else {
      pos++;
    }
  }
  return n;
}

/** The end of a replacement field's conversion and format spec (literal text with nested fields), after its `}`. */
function scanFormatSpec(source: string, pos: number, triple: boolean): number {
  const n = source.length;
  while (pos < n) {
    const c = source.charCodeAt(pos);
    if (!triple && isLineEnd(c)) return pos;
    if (c === Ch.CloseBrace) return pos + 1;
    pos = c === Ch.OpenBrace ? scanReplacementField(source, pos + 1, triple) : pos + 1;
  }
  return n;
}
