// Guesses the format from the first few tokens, without reading the whole text.
import type { ActivationFormat } from './types';
import { NumberScanner } from './numberScanner';
import { looksLikePrintout } from './pythonPrintout';

/** How many tokens of a bracketed text to look at before settling on JSON. */
const TOKEN_BUDGET = 64;

function skipSpaceAndComments(text: string, pos: number): number {
  for (;;) {
    const c = text.charCodeAt(pos);
    if (c === 32 || c === 9 || c === 10 || c === 13) pos++;
    else if (c === 47 && text.charCodeAt(pos + 1) === 47) {
      while (pos < text.length && text.charCodeAt(pos) !== 10 && text.charCodeAt(pos) !== 13) pos++;
    } else if (c === 47 && text.charCodeAt(pos + 1) === 42) {
      const close = text.indexOf('*/', pos + 2);
      if (close < 0) return text.length;
      pos = close + 2;
    } else return pos;
  }
}

/**
 * 'python' for array(...) / tensor(...) and for brackets whose items are
 * separated by whitespace alone (NumPy's print()); 'json' for other brackets;
 * 'csv' for everything else (rows of delimited numbers, with or without a header).
 */
export function detectFormat(text: string): ActivationFormat {
  const start = skipSpaceAndComments(text, 0);
  if (start >= text.length) return 'json';
  const c = text.charCodeAt(start);
  if (c === 91) return bracketStyle(text, start);
  // An object is not activations, but the JSON reader says so best.
  if (c === 123) return 'json';
  if (looksLikePrintout(text, start)) return 'python';
  return 'csv';
}

/** Walks the first tokens: the first separator after an item tells JSON (",") from NumPy's str() (whitespace). */
function bracketStyle(text: string, pos: number): ActivationFormat {
  const scanner = new NumberScanner(text);
  let depth = 0;
  for (let tokens = 0; tokens < TOKEN_BUDGET; tokens++) {
    pos = skipSpaceAndComments(text, pos);
    const c = text.charCodeAt(pos);
    if (c === 91) {
      depth++;
      pos++;
      continue;
    }
    if (text.startsWith('...', pos)) return 'python';
    let end: number;
    if (c === 93) {
      // The outermost array closed before any separator told: a one-item array.
      if (--depth === 0) return 'json';
      end = pos + 1;
    } else {
      end = scanner.scan(pos);
      if (end < 0) return 'json';
      // "1." is how NumPy prints floats; JSON never writes a bare trailing dot.
      if (text.charCodeAt(end - 1) === 46) return 'python';
    }
    // After an item: what separates it from the next?
    const next = skipSpaceAndComments(text, end);
    const d = text.charCodeAt(next);
    if (d === 44) return 'json';
    if (d === 93) {
      pos = next;
      continue;
    }
    if (next > end && next < text.length) return 'python';
    return 'json';
  }
  return 'json';
}
