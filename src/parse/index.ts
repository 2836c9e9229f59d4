// Text the user selected -> a tensor, or a ParseError at the offending
// character. Pure: no vscode, Node or DOM, so it runs in the extension host,
// the browser host, a worker and plain unit tests alike.
import { DelimitedReader } from './delimited';
import { detectFormat } from './detectFormat';
import { EMPTY_TEXT, overflowWarning } from './messages';
import { NestedArrayReader } from './nestedArray';
import { documentPosition, ParseError, SourceText } from './parseError';
import { mayBeFloat64, parsePrintout } from './pythonPrintout';
import type { ActivationFormat, ParsedActivations, ParseOptions, ParseWarning } from './types';
import { mostValuesIn, ValueBuffer, valueOptions } from './valueBuffer';

export { ParseError, documentPosition, type TextOrigin } from './parseError';
export { isStreamed, type StreamedFormat, TextStream } from './textStream';
export { detectFormat } from './detectFormat';
export {
  FileFormatError,
  isWhole,
  listTensors,
  playgroundDType,
  readTensor,
  slicedShape,
  sliceProblem,
  type TensorEntry,
  type TensorSlice,
} from './tensorFile';
export { type ByteSource, bytesSource, openTensorFile, type OpenedTensorFile, type TensorRead } from './tensorFile/ranged';
export type { ActivationFormat, ParsedActivations, ParseOptions, ParseWarning } from './types';

const FORMATS: readonly ActivationFormat[] = ['json', 'csv', 'python'];

/**
 * Parses activations from `text` in the given format (detected when omitted).
 * Every failure is a ParseError with the 1-based document line and column of
 * the first offending character.
 */
export function parseActivations(text: string, format?: ActivationFormat, options: ParseOptions = {}): ParsedActivations {
  const origin = options.origin;
  try {
    if (typeof text !== 'string') throw new ParseError('Expected text to parse.', origin?.line ?? 1, origin?.column ?? 1);
    if (format !== undefined && !FORMATS.includes(format)) {
      throw new ParseError(`Unknown format "${String(format)}": use json, csv or python.`, origin?.line ?? 1, origin?.column ?? 1);
    }
    const { dtype, maxValues } = valueOptions(options);
    const source = new SourceText(text, origin);
    const capacity = mostValuesIn(text.length, maxValues);
    const chosen = format ?? detectFormat(text);
    if (maxValues === 0) throw source.error(0, 'No values are allowed (the maxValues setting is 0).');

    // Values bound for float32 need only their float32 exactly, which allows a faster path for long mantissas.
    const roundsToFloat32 = dtype === 'float32';
    if (chosen === 'csv') {
      const values = new ValueBuffer(maxValues, capacity, dtype);
      const { shape, columnLabels } = new DelimitedReader(source, values, roundsToFloat32).read();
      const tensor: ParsedActivations = { shape, dtype, data: values.toTypedArray(dtype), format: 'csv' };
      if (columnLabels) tensor.columnLabels = columnLabels;
      return withOverflowWarning(tensor, source, values);
    }
    if (chosen === 'python') {
      // Without the shortcut the printout may say float64 after the values, so they are kept as doubles.
      const shortcut = roundsToFloat32 && !mayBeFloat64(text);
      let values = new ValueBuffer(maxValues, capacity, shortcut ? 'float32' : 'float64');
      let { shape, printedDType } = parsePrintout(source, values, shortcut);
      if (printedDType === 'float64' && shortcut) {
        // The dtype came as a surprise after the values: read them again, exactly.
        values = new ValueBuffer(maxValues, capacity, 'float64');
        ({ shape, printedDType } = parsePrintout(source, values, false));
      }
      const finalDType = printedDType ?? dtype;
      return withOverflowWarning({ shape, dtype: finalDType, data: values.toTypedArray(finalDType), format: 'python' }, source, values);
    }
    const values = new ValueBuffer(maxValues, capacity, dtype);
    const shape = parseJson(source, values, roundsToFloat32);
    return withOverflowWarning({ shape, dtype, data: values.toTypedArray(dtype), format: 'json' }, source, values);
  } catch (error) {
    if (error instanceof ParseError) throw error;
    // Anything else (running out of memory for a huge paste) still reaches the user as a ParseError.
    const reason =
      error instanceof RangeError ? 'There is not enough memory to hold these values.' : `The text could not be parsed (${String(error)}).`;
    throw new ParseError(reason, origin?.line ?? 1, origin?.column ?? 1);
  }
}

/** The tensor, with a warning when a number was too large for its dtype and became ±Infinity. */
function withOverflowWarning(tensor: ParsedActivations, source: SourceText, values: ValueBuffer): ParsedActivations {
  const first = values.overflows.first(tensor.dtype);
  if (!first) return tensor;
  const { line, column } = documentPosition(source.text, first.start, source.origin);
  const token = source.text.slice(first.start, Math.min(first.end, first.start + 40));
  const warning: ParseWarning = { message: overflowWarning(token, line, column, tensor.dtype, tensor.format === 'python'), line, column };
  return { ...tensor, warning };
}

/** A JSON (JSONC) array: comments and trailing commas allowed, commas required. */
function parseJson(source: SourceText, values: ValueBuffer, roundsToFloat32: boolean): number[] {
  const text = source.text;
  const reader = new NestedArrayReader(source, { commaOptional: false, comments: true }, values, roundsToFloat32);
  const start = reader.skip(0);
  if (start >= text.length) throw source.error(0, EMPTY_TEXT);
  const c = text.charCodeAt(start);
  if (c !== 91) {
    if (c === 123) throw source.error(start, 'Found an object { ... }: select an array of numbers, nested for more dimensions.');
    throw source.error(start, 'Expected "[" to start a JSON array. A single number is not enough: select an array of values.');
  }
  const { shape, end } = reader.read(start);
  const after = reader.skip(end);
  if (after < text.length) throw source.error(after, 'Unexpected text after the array: select one array only.');
  return shape;
}
