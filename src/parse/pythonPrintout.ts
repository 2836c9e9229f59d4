// Printed NumPy arrays and PyTorch tensors, as repr() and print() show them:
//   array([[1., 2.], [3., 4.]], dtype=float32)
//   tensor([...], device='cuda:0', dtype=torch.float64, requires_grad=True)
//   [[1. 2.]
//    [3. 4.]]                      (NumPy's str(): no commas)
// The values are read by the nested-array reader; this file handles the
// wrapper call and its keyword arguments, of which only dtype matters.
import type { DType } from '../engine/types';
import { isWordChar } from './numberScanner';
import { NestedArrayReader } from './nestedArray';
import { EMPTY_TEXT, quoteToken } from './messages';
import type { SourceText } from './parseError';
import type { ValueBuffer } from './valueBuffer';

export interface PrintoutResult {
  shape: number[];
  /** 'float64' when the printout says dtype=float64 / torch.float64 / torch.double. */
  printedDType?: DType;
}

const PARAMETER_PREFIX = 'Parameter containing:';

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

function skipSpaces(text: string, pos: number): number {
  while (pos < text.length && isSpace(text.charCodeAt(pos))) pos++;
  return pos;
}

/** A dotted name such as array, np.array or torch.tensor; returns its end (== pos if none). */
function readDottedName(text: string, pos: number): number {
  let i = pos;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (isWordChar(c) || (c === 46 && i > pos)) i++;
    else break;
  }
  return i;
}

/**
 * True when the text at `pos` reads as a printed tensor: "name(" followed by
 * "[", or array( / tensor( whatever follows (so a 0-d tensor(3.) gets the
 * printout's error). A CSV header such as relu(x),gate stays CSV.
 */
export function looksLikePrintout(text: string, pos: number): boolean {
  if (text.startsWith(PARAMETER_PREFIX, pos)) return true;
  const nameEnd = readDottedName(text, pos);
  if (nameEnd === pos) return false;
  const open = skipSpaces(text, nameEnd);
  if (text.charCodeAt(open) !== 40) return false;
  if (text.charCodeAt(skipSpaces(text, open + 1)) === 91) return true;
  const name = text.slice(pos, nameEnd);
  return /(^|\.)(array|asarray|tensor)$/.test(name);
}

function isFloat64(value: string): boolean {
  const name = value.replace(/^['"]|['"]$/g, '');
  return /(^|\.)(float64|double|f8)$/.test(name) || name === 'float' || name === '<f8';
}

/**
 * True when the end of the text (where the keyword arguments are) may name a
 * float64 dtype: then the values are read as exact doubles from the start.
 */
export function mayBeFloat64(text: string): boolean {
  const tail = text.slice(Math.max(0, text.length - 512));
  return tail.includes('float64') || tail.includes('double') || tail.includes('f8');
}

/** @param roundsToFloat32 see NumberScanner; pass false when the printout may say float64. */
export function parsePrintout(source: SourceText, values: ValueBuffer, roundsToFloat32 = false): PrintoutResult {
  const text = source.text;
  let pos = skipSpaces(text, 0);
  if (pos >= text.length) throw source.error(0, EMPTY_TEXT);
  if (text.startsWith(PARAMETER_PREFIX, pos)) pos = skipSpaces(text, pos + PARAMETER_PREFIX.length);

  let wrapped = false;
  const nameEnd = readDottedName(text, pos);
  if (nameEnd > pos) {
    const open = skipSpaces(text, nameEnd);
    if (text.charCodeAt(open) === 40) {
      wrapped = true;
      pos = skipSpaces(text, open + 1);
    }
  }
  if (text.charCodeAt(pos) !== 91) {
    if (pos >= text.length) throw source.error(pos, 'The printout ends before its values: a "[" is missing.');
    throw source.error(
      pos,
      `Expected "[" to start the values, found ${quoteToken(text, pos)}. A single number (a 0-d tensor) is not enough: select an array of values.`,
    );
  }
  const reader = new NestedArrayReader(source, { commaOptional: true, comments: false }, values, roundsToFloat32);
  const { shape, end } = reader.read(pos);
  pos = skipSpaces(text, end);

  let printedDType: DType | undefined;
  if (wrapped) {
    // Keyword arguments: , name=value ... )
    for (;;) {
      const c = text.charCodeAt(pos);
      if (c === 41) {
        pos++;
        break;
      }
      if (c !== 44) {
        if (pos >= text.length) throw source.error(pos, 'The printout ends early: a closing ")" is missing.');
        throw source.error(pos, `Expected "," or ")" after the values, found ${quoteToken(text, pos)}.`);
      }
      pos = skipSpaces(text, pos + 1);
      if (text.charCodeAt(pos) === 41) continue;
      const keyStart = pos;
      const keyEnd = readDottedName(text, pos);
      const eq = skipSpaces(text, keyEnd);
      if (keyEnd === keyStart || text.charCodeAt(eq) !== 61) {
        throw source.error(pos, `Expected a keyword argument such as dtype=float32, found ${quoteToken(text, pos)}.`);
      }
      const valueStart = skipSpaces(text, eq + 1);
      const valueEnd = readArgumentValue(source, valueStart);
      if (text.slice(keyStart, keyEnd) === 'dtype' && isFloat64(text.slice(valueStart, valueEnd).trim())) printedDType = 'float64';
      pos = skipSpaces(text, valueEnd);
    }
    pos = skipSpaces(text, pos);
  }
  if (pos < text.length) {
    throw source.error(pos, `Unexpected ${quoteToken(text, pos)} after the printed tensor: select one tensor only.`);
  }
  return printedDType ? { shape, printedDType } : { shape };
}

/** The end of one argument value: up to a ',' or ')' outside quotes and brackets (device='cuda:0', grad_fn=<AddBackward0>, size=(0, 3)). */
function readArgumentValue(source: SourceText, start: number): number {
  const text = source.text;
  let nesting = 0;
  let pos = start;
  while (pos < text.length) {
    const c = text.charCodeAt(pos);
    if (c === 39 || c === 34) {
      const close = text.indexOf(text[pos], pos + 1);
      if (close < 0) throw source.error(pos, 'This quoted text is never closed.');
      pos = close + 1;
      continue;
    }
    if (c === 40 || c === 91 || c === 60 || c === 123) nesting++;
    else if (c === 41 || c === 93 || c === 62 || c === 125) {
      if (nesting === 0) {
        if (c === 41) return pos;
        throw source.error(pos, `Unexpected ${quoteToken(text, pos)} in the printout's arguments.`);
      }
      nesting--;
    } else if (c === 44 && nesting === 0) return pos;
    pos++;
  }
  throw source.error(pos, 'The printout ends early: a closing ")" is missing.');
}
