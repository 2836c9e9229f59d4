// A large text read slice by slice as it arrives gives exactly what parsing it
// whole gives, or gives up (and the whole text is parsed instead): never a
// different answer. Texts past the first window's 64 KB, so the windows are
// really read one by one.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseActivations, TextStream } from '../../../src/parse';
import type { ParsedActivations, ParseOptions } from '../../../src/parse';
import type { StreamedFormat } from '../../../src/parse/textStream';

/** Values of every kind the scanners tell apart, from a seed: short and long decimals, integers, exponents, −0, NaN, ±∞. */
function valuesFrom(seed: number, n: number): string[] {
  let s = seed >>> 0 || 1;
  const next = () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
  return Array.from({ length: n }, () => {
    const kind = next();
    if (kind < 0.5) return (next() * 2 - 1).toFixed(Math.floor(next() * 8));
    if (kind < 0.7) return String((next() * 2 - 1) * 10 ** Math.floor(next() * 40 - 20));
    if (kind < 0.85) return String(Math.floor(next() * 2000) - 1000);
    return ['-0', 'NaN', 'Infinity', '-Infinity', '1e-45', '3.4e38', '0.1'][Math.floor(next() * 7)];
  });
}

/** Cuts `text` into slices of the given lengths, over and over. */
function slices(text: string, lengths: number[]): string[] {
  const out: string[] = [];
  for (let i = 0, k = 0; i < text.length; k++) {
    const length = lengths[k % lengths.length];
    out.push(text.slice(i, i + length));
    i += length;
  }
  return out;
}

/** What the stream gives for the text in these slices, and whether it ever said it gave up before the end. */
function streamed(text: string, format: StreamedFormat, lengths: number[], options: ParseOptions = {}) {
  const stream = new TextStream(text.length, format, options);
  let gaveUpAt: number | undefined;
  slices(text, lengths).forEach((slice, i) => {
    if (!stream.append(slice) && gaveUpAt === undefined) gaveUpAt = i;
  });
  return { result: stream.finish(), gaveUpAt };
}

function wholeParse(text: string, format: StreamedFormat, options: ParseOptions = {}): ParsedActivations | undefined {
  try {
    return parseActivations(text, format, options);
  } catch {
    return undefined;
  }
}

function assertSameTensor(actual: ParsedActivations, expected: ParsedActivations): void {
  assert.deepEqual({ ...actual, data: undefined }, { ...expected, data: undefined });
  assert.equal(actual.data.constructor, expected.data.constructor);
  assert.equal(actual.data.length, expected.data.length);
  for (let i = 0; i < expected.data.length; i++) {
    if (!Object.is(actual.data[i], expected.data[i])) assert.fail(`value ${i}: ${actual.data[i]} read, ${expected.data[i]} whole`);
  }
}

const sliceLengths = fc.array(fc.integer({ min: 1, max: 30_000 }), { minLength: 1, maxLength: 5 });
const dtype = fc.constantFrom<'float32' | 'float64'>('float32', 'float64');

/** A JSON array of rank 1 to 3 holding 9,000 to 20,000 values, with a separator and surrounding whitespace. */
const jsonText = fc
  .record({
    seed: fc.integer(),
    inner: fc.constantFrom<number[]>([9000], [3000, 4], [50, 7, 30], [20_000], [1, 9000]),
    sep: fc.constantFrom(',', ', ', ',\n  ', ' ,\r\n'),
    around: fc.constantFrom(['', ''], ['\n  ', '\n'], [' ', '  \n\n']),
  })
  .map(({ seed, inner, sep, around }) => {
    const n = inner.reduce((a, b) => a * b, 1);
    const values = valuesFrom(seed, n);
    const nest = (from: number, dims: number[]): string => {
      if (dims.length === 1) return `[${values.slice(from, from + dims[0]).join(sep)}]`;
      const step = dims.slice(1).reduce((a, b) => a * b, 1);
      return `[${Array.from({ length: dims[0] }, (_, i) => nest(from + i * step, dims.slice(1))).join(sep)}]`;
    };
    return { text: around[0] + nest(0, inner) + around[1], shape: inner };
  });

/** Rows of 1 to 40 columns holding over 9,000 values, with a delimiter, line ends, a header or not, and blank lines. */
const csvText = fc
  .record({
    seed: fc.integer(),
    columns: fc.constantFrom(1, 3, 40),
    delimiter: fc.constantFrom(',', '\t', ';', '  '),
    eol: fc.constantFrom('\n', '\r\n'),
    header: fc.boolean(),
    blank: fc.constantFrom('', '\n', '   \n\n'),
  })
  .map(({ seed, columns, delimiter, eol, header, blank }) => {
    const rows = Math.ceil(9000 / columns);
    const values = valuesFrom(seed, rows * columns);
    const lines = Array.from({ length: rows }, (_, r) => values.slice(r * columns, (r + 1) * columns).join(delimiter));
    if (header) lines.unshift(Array.from({ length: columns }, (_, c) => `unit_${c}`).join(delimiter));
    return { text: blank + lines.join(eol) + eol + blank, rows, columns };
  });

describe('parse: a text read as its slices arrive', () => {
  it('reads JSON arrays to exactly what the whole parse reads, in any slices', () => {
    fc.assert(
      fc.property(jsonText, sliceLengths, dtype, ({ text, shape }, lengths, dt) => {
        const { result, gaveUpAt } = streamed(text, 'json', lengths, { dtype: dt });
        assert.equal(gaveUpAt, undefined, 'a plain JSON array is read as it comes');
        assert.ok(result, 'a plain JSON array is read as it comes');
        assert.deepEqual(result.shape, shape);
        assertSameTensor(result, parseActivations(text, 'json', { dtype: dt }));
      }),
      { numRuns: 40 },
    );
  });

  it('reads delimited rows to exactly what the whole parse reads, header and blank lines included, in any slices', () => {
    fc.assert(
      fc.property(csvText, sliceLengths, dtype, ({ text, rows, columns }, lengths, dt) => {
        const { result, gaveUpAt } = streamed(text, 'csv', lengths, { dtype: dt });
        assert.equal(gaveUpAt, undefined);
        assert.ok(result, 'plain rows are read as they come');
        assert.deepEqual(result.shape, rows === 1 ? [columns] : [rows, columns]);
        assertSameTensor(result, parseActivations(text, 'csv', { dtype: dt }));
      }),
      { numRuns: 40 },
    );
  });

  it('gives up, and never answers differently, when the text goes wrong anywhere', () => {
    const breakages: [string, (text: string) => string][] = [
      ['a word in a late window', (t) => t.replace(/,(?=[^,]*$)/, ',oops,')],
      ['a value missing far in', (t) => t.slice(0, t.length - 200).replace(/,(?=[^,]*$)/, ',,') + t.slice(t.length - 200)],
      ['text after the array', (t) => `${t} [1]`],
      ['the closing bracket missing', (t) => t.trimEnd().slice(0, -1)],
      ['a comment', (t) => t.replace(',', ', /* c */')],
      ['a number too large for float32', (t) => t.replace(/,(?=[^,]*$)/, ', 1e39,')],
    ];
    fc.assert(
      fc.property(jsonText, sliceLengths, fc.constantFrom(...breakages), ({ text }, lengths, [what, broken]) => {
        const bad = broken(text);
        const { result } = streamed(bad, 'json', lengths);
        assert.equal(result, undefined, `${what}: the whole parse says what is wrong, and where`);
        const whole = wholeParse(bad, 'json');
        // A comment or a large number is no error: the whole parse reads them, the stream leaves them to it.
        if (whole) assert.ok(/\/\*|1e39/.test(bad));
      }),
      { numRuns: 60 },
    );
  });

  it('gives up on uneven rows, a word after the header, a quote, or more values than allowed', () => {
    fc.assert(
      fc.property(csvText, sliceLengths, fc.integer({ min: 0, max: 3 }), ({ text, columns }, lengths, breakage) => {
        const lines = text.split('\n');
        // The last row of values, in the text's last window.
        let late = lines.length - 1;
        while (!/\d/.test(lines[late])) late--;
        let options: ParseOptions = {};
        if (breakage === 0) lines[late] = `${lines[late]}${columns === 1 ? ',' : ''}9,9`;
        if (breakage === 1) lines[late] = lines[late].replace(/^(\s*)\S+?(?=[,\t; ]|\r|$)/, '$1word');
        if (breakage === 2) lines[late] = lines[late].replace(/^(\s*)(\S+?)(?=[,\t; ]|\r|$)/, '$1"$2"');
        if (breakage === 3) options = { maxValues: 8999 };
        const bad = lines.join('\n');
        const { result } = streamed(bad, 'csv', lengths, options);
        const whole = wholeParse(bad, 'csv', options);
        if (breakage === 2) assert.equal(result, undefined, 'a quoted cell may hold a line break: the whole parse reads it');
        else assert.equal(whole, undefined, `breakage ${breakage} is an error`);
        assert.equal(result, undefined);
      }),
      { numRuns: 60 },
    );
  });

  it('finds the delimiter as the whole parse does, even when the text comes a few characters at a time', () => {
    const text = `\n \n${'x\ty\n'}${'1.5\t-2\n'.repeat(12_000)}`;
    for (const lengths of [[1], [3, 1, 7]]) {
      const { result } = streamed(text, 'csv', lengths);
      assert.ok(result, `slices of ${lengths.join(', ')}`);
      assertSameTensor(result, parseActivations(text, 'csv'));
      assert.deepEqual(result.columnLabels, ['x', 'y']);
    }
  });

  it('reads each window as it arrives: an error in the second window is found before the last slice', () => {
    const values = valuesFrom(7, 40_000);
    values[12_000] = 'oops';
    const text = `[${values.join(', ')}]`;
    const { result, gaveUpAt } = streamed(text, 'json', [8192]);
    assert.equal(result, undefined);
    assert.ok(gaveUpAt !== undefined && gaveUpAt < slices(text, [8192]).length - 1, `gave up at slice ${gaveUpAt}`);
  });

  it('reads the same as the whole parse when the text fits in the first window, or is only whitespace', () => {
    for (const text of ['[1, 2, 3]', '[[1], [2]]', '  \n', '[', '[1, 2] x']) {
      const whole = wholeParse(text, 'json');
      const { result } = streamed(text, 'json', [3]);
      if (whole) assertSameTensor(result!, whole);
      else assert.equal(result, undefined, text);
    }
    for (const text of ['1,2\n3,4\n', 'a,b\n1,2\n', '1\n', '\n\n', '1,2\n3\n']) {
      const whole = wholeParse(text, 'csv');
      const { result } = streamed(text, 'csv', [2]);
      if (whole) assertSameTensor(result!, whole);
      else assert.equal(result, undefined, text);
    }
  });
});
