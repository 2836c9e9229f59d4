// The one exception type the parser throws. Its line and column are 1-based and
// already in document coordinates, so the editor can jump straight to the
// offending character.

/** 1-based document position of the parsed text's first character. */
export interface TextOrigin {
  line: number;
  column: number;
}

export class ParseError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
    this.name = 'ParseError';
  }
}

/**
 * The document position of `offset` in `text`. Lines end with \n, \r\n or \r;
 * columns count UTF-16 code units, as VS Code's Position does (a JS string
 * index already is one). Only the first line is shifted by the origin's column:
 * later lines start at the document's column 1.
 *
 * Computed only when an error is thrown, so the scanners never track lines.
 */
export function documentPosition(text: string, offset: number, origin?: TextOrigin): { line: number; column: number } {
  const end = Math.min(Math.max(offset, 0), text.length);
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      line++;
      lineStart = i + 1;
    } else if (c === 13) {
      // \r\n is one line break: let the \n (if any) do the counting.
      if (i + 1 < text.length && text.charCodeAt(i + 1) === 10) continue;
      line++;
      lineStart = i + 1;
    }
  }
  let column = end - lineStart + 1;
  const originLine = origin?.line ?? 1;
  const originColumn = origin?.column ?? 1;
  if (line === 1) column += originColumn - 1;
  return { line: line + originLine - 1, column };
}

/** Where the text is and how to turn an offset into a ParseError. */
export class SourceText {
  constructor(
    readonly text: string,
    readonly origin?: TextOrigin,
  ) {}

  /** A ParseError at `offset` (an index into the text). */
  error(offset: number, message: string): ParseError {
    const { line, column } = documentPosition(this.text, offset, this.origin);
    return new ParseError(message, line, column);
  }
}
