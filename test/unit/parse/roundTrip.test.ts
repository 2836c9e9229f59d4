// Properties: random tensors printed as JSON, CSV and NumPy-style text parse back
// to the same shape and values; every decimal token reads exactly as Number()
// reads it; and no text, however broken, escapes as anything but a ParseError.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { ParseError, parseActivations } from '../../../src/parse';

/** A JS/JSON spelling that keeps -0, NaN and the infinities. */
function jsNumber(v: number): string {
  if (Object.is(v, -0)) return '-0';
  return String(v); // NaN, Infinity, -Infinity, 1e+21, 5e-324 ...
}

/** Python's spelling: nan, inf, and a trailing dot on integral floats as NumPy prints them. */
function pythonNumber(v: number): string {
  if (Number.isNaN(v)) return 'nan';
  if (v === Infinity) return 'inf';
  if (v === -Infinity) return '-inf';
  const s = jsNumber(v);
  return /^-?\d+$/.test(s) ? `${s}.` : s;
}

/** The values of a C-order tensor as nested arrays of strings. */
function nest(values: number[], shape: number[], format: (v: number) => string, open: string, sep: string, close: string): string {
  const step = shape.slice(1).reduce((a, b) => a * b, 1);
  const parts: string[] = [];
  for (let i = 0; i < shape[0]; i++) {
    const chunk = values.slice(i * step, (i + 1) * step);
    parts.push(shape.length === 1 ? format(chunk[0]) : nest(chunk, shape.slice(1), format, open, sep, close));
  }
  if (shape.length === 1) return open + values.map(format).join(sep) + close;
  return open + parts.join(sep) + close;
}

const value = fc.oneof(
  { weight: 6, arbitrary: fc.double() },
  { weight: 2, arbitrary: fc.integer({ min: -1000, max: 1000 }) },
  { weight: 1, arbitrary: fc.constantFrom(0.1, -0, 5e-324, 1e300, 3.4028235677973366e38, 1.401298464324817e-45) },
);

/** A shape of rank 1 to 4 (each dim 1 to 5) with its values. */
const tensor = fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 4 }).chain((shape) => {
  const n = shape.reduce((a, b) => a * b, 1);
  return fc.record({ shape: fc.constant(shape), values: fc.array(value, { minLength: n, maxLength: n }) });
});

/** What the parser must return: the values, exactly, in the requested precision. */
function expectSame(actual: Float32Array | Float64Array, values: number[], dtype: 'float32' | 'float64'): void {
  const want = dtype === 'float32' ? Array.from(new Float32Array(values)) : values;
  const got = Array.from(actual);
  assert.equal(got.length, want.length);
  for (let i = 0; i < want.length; i++) {
    assert.ok(Object.is(got[i], want[i]), `value ${i}: got ${got[i]}, want ${want[i]}`);
  }
}

describe('parse: round trips (property)', () => {
  it('JSON text of any tensor parses back to its shape and values', () => {
    fc.assert(
      fc.property(
        tensor,
        fc.constantFrom<'float32' | 'float64'>('float32', 'float64'),
        fc.constantFrom(',', ', ', ',\n ', ' ,\r\n'),
        ({ shape, values }, dtype, sep) => {
          const text = nest(values, shape, jsNumber, '[', sep, ']');
          const t = parseActivations(text, undefined, { dtype });
          assert.equal(t.format, 'json');
          assert.deepEqual(t.shape, shape);
          expectSame(t.data, values, dtype);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('NumPy-style repr and str text parses back to its shape and values', () => {
    fc.assert(
      fc.property(tensor, fc.boolean(), ({ shape, values }, repr) => {
        const text = repr
          ? `array(${nest(values, shape, pythonNumber, '[', ',\n       ', ']')}, dtype=float64)`
          : nest(values, shape, pythonNumber, '[', '\n ', ']');
        const t = parseActivations(text, undefined, { dtype: repr ? 'float32' : 'float64' });
        // A one-value str() printout such as [[nan]] reads the same as JSON would.
        if (repr || values.length > 1) assert.equal(t.format, 'python');
        assert.deepEqual(t.shape, shape);
        // The repr says float64, which wins over the requested float32.
        expectSame(t.data, values, 'float64');
      }),
      { numRuns: 300 },
    );
  });

  it('CSV, TSV, semicolon and space-separated rows parse back, with or without a header', () => {
    const table = fc
      .record({ rows: fc.integer({ min: 1, max: 6 }), columns: fc.integer({ min: 1, max: 6 }) })
      .filter(({ rows, columns }) => rows * columns > 1);
    fc.assert(
      fc.property(
        table.chain(({ rows, columns }) =>
          fc.record({
            rows: fc.constant(rows),
            columns: fc.constant(columns),
            values: fc.array(value, { minLength: rows * columns, maxLength: rows * columns }),
            quoted: fc.array(fc.boolean(), { minLength: rows * columns, maxLength: rows * columns }),
          }),
        ),
        fc.constantFrom(',', '\t', ';', '  '),
        fc.constantFrom('\n', '\r\n', '\r'),
        fc.boolean(),
        ({ rows, columns, values, quoted }, delimiter, eol, header) => {
          const spaced = delimiter === '  ';
          const cell = (v: number, i: number) => (quoted[i] && !spaced ? `"${jsNumber(v)}"` : jsNumber(v));
          const lines: string[] = [];
          const labels = Array.from({ length: columns }, (_, c) => `col ${c}${delimiter === ',' ? ', "x"' : ''}`);
          if (header) lines.push(labels.map((l) => `"${l.replace(/"/g, '""')}"`).join(delimiter));
          for (let r = 0; r < rows; r++)
            lines.push(
              values
                .slice(r * columns, (r + 1) * columns)
                .map((v, c) => cell(v, r * columns + c))
                .join(delimiter),
            );
          const text = lines.join(eol) + eol;
          const t = parseActivations(text, undefined, { dtype: 'float64' });
          assert.equal(t.format, 'csv');
          assert.deepEqual(t.shape, rows === 1 ? [columns] : [rows, columns]);
          if (header) assert.deepEqual(t.columnLabels, labels);
          else assert.equal(t.columnLabels, undefined);
          expectSame(t.data, values, 'float64');
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('parse: numbers read exactly (property)', () => {
  const digits = (max: number) => fc.string({ unit: fc.constantFrom('0', '1', '2', '3', '4', '5', '6', '7', '8', '9'), maxLength: max });
  const token = fc
    .record({
      sign: fc.constantFrom('', '-', '+'),
      whole: digits(25),
      fraction: fc.option(digits(25)),
      exponent: fc.option(
        fc.record({ e: fc.constantFrom('e', 'E'), sign: fc.constantFrom('', '-', '+'), digits: fc.integer({ min: 0, max: 400 }) }),
      ),
    })
    .filter(({ whole, fraction }) => whole.length + (fraction ?? '').length > 0)
    .map(
      ({ sign, whole, fraction, exponent }) =>
        sign + whole + (fraction === null ? '' : `.${fraction}`) + (exponent ? `${exponent.e}${exponent.sign}${exponent.digits}` : ''),
    );

  it('every decimal token equals Number(token) in float64 and its Float32Array rounding in float32', () => {
    fc.assert(
      fc.property(fc.array(token, { minLength: 1, maxLength: 20 }), (tokens) => {
        const text = `[${tokens.join(', ')}]`;
        expectSame(parseActivations(text, 'json', { dtype: 'float64' }).data, tokens.map(Number), 'float64');
        expectSame(parseActivations(text, 'json').data, tokens.map(Number), 'float32');
        if (tokens.length > 1)
          expectSame(parseActivations(tokens.join(' '), 'csv', { dtype: 'float64' }).data, tokens.map(Number), 'float64');
      }),
      { numRuns: 500 },
    );
  });

  it('16 to 19 significant digits (doubles printed in full) read exactly, including near-ties', () => {
    const longToken = fc
      .record({
        digits: fc.string({ unit: fc.constantFrom('0', '1', '2', '3', '4', '5', '6', '7', '8', '9'), minLength: 15, maxLength: 18 }),
        lead: fc.integer({ min: 1, max: 9 }),
        dot: fc.nat(19),
        exponent: fc.integer({ min: -30, max: 30 }),
        sign: fc.constantFrom('', '-'),
      })
      .map(({ digits, lead, dot, exponent, sign }) => {
        const all = `${lead}${digits}`;
        const at = Math.min(dot, all.length);
        return `${sign}${all.slice(0, at)}.${all.slice(at)}e${exponent}`;
      });
    // Decimal expansions of the exact midpoint between two neighbouring doubles,
    // cut to 17-19 digits: the hardest cases for correct rounding.
    const nearTie = fc
      .tuple(fc.double({ min: 1, max: 2, noNaN: true }), fc.integer({ min: 17, max: 19 }), fc.integer({ min: -20, max: 20 }))
      .map(([x, digits, shift]) => {
        const m = BigInt(Math.round((x - 1) * 2 ** 52)) + 2n ** 52n; // x = m / 2^52
        const decimal = (((2n * m + 1n) * 10n ** BigInt(digits)) / 2n ** 53n).toString(); // (m + 1/2) / 2^52
        return `${decimal[0]}.${decimal.slice(1)}e${shift}`;
      });
    fc.assert(
      fc.property(fc.array(fc.oneof(longToken, nearTie), { minLength: 2, maxLength: 30 }), (tokens) => {
        const expected = tokens.map(Number);
        expectSame(parseActivations(`[${tokens.join(',')}]`, 'json', { dtype: 'float64' }).data, expected, 'float64');
        expectSame(parseActivations(tokens.join('\n'), 'csv').data, expected, 'float32');
      }),
      { numRuns: 1000 },
    );
  });

  it('shortest round-trip spellings of random doubles and floats read back bit for bit', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ noNaN: true }), { minLength: 2, maxLength: 50 }),
        fc.array(fc.float({ noNaN: true }), { minLength: 2, maxLength: 50 }),
        (doubles, floats) => {
          expectSame(parseActivations(doubles.map(jsNumber).join(','), 'csv', { dtype: 'float64' }).data, doubles, 'float64');
          expectSame(parseActivations(`[${floats.map(jsNumber).join(',')}]`).data, floats, 'float32');
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('parse: robustness (property)', () => {
  const pieces = fc.constantFrom(
    '[',
    ']',
    ',',
    ' ',
    '\n',
    '\r',
    '\t',
    ';',
    '"',
    "'",
    '1',
    '-2.5',
    'e',
    '.',
    '...',
    'nan',
    'inf',
    'array(',
    'tensor(',
    ')',
    'dtype=float64',
    '/*',
    '*/',
    '//',
    '{',
    '😀',
    'x',
    '=',
  );
  it('any text either parses or throws a ParseError with a position inside the text', () => {
    fc.assert(
      fc.property(
        fc.array(pieces, { maxLength: 30 }),
        fc.constantFrom<'json' | 'csv' | 'python' | undefined>(undefined, 'json', 'csv', 'python'),
        (parts, format) => {
          const text = parts.join('');
          try {
            const t = parseActivations(text, format);
            assert.equal(
              t.data.length,
              t.shape.reduce((a, b) => a * b, 1),
            );
            assert.ok(t.data.length >= 1);
          } catch (error) {
            assert.ok(error instanceof ParseError, `not a ParseError: ${String(error)}`);
            const lines = text.split(/\r\n|\r|\n/);
            assert.ok(error.line >= 1 && error.line <= lines.length, `line ${error.line} of ${lines.length}`);
            assert.ok(error.column >= 1 && error.column <= lines[error.line - 1].length + 1, `column ${error.column}`);
            assert.ok(error.message.length > 10);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });
});
