// The parser's formats: JSON(C), delimited rows, printed NumPy/PyTorch tensors.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { detectFormat, parseActivations, type ParsedActivations } from '../../../src/parse';
import { REPO_ROOT } from '../paths';

const SAMPLES = path.join(REPO_ROOT, 'test', 'fixtures', 'samples');

function sample(name: string): string {
  return fs.readFileSync(path.join(SAMPLES, name), 'utf8');
}

/** The values exactly as Float32Array / Float64Array would store them. */
function f32(values: number[]): number[] {
  return Array.from(new Float32Array(values));
}

function values(t: ParsedActivations): number[] {
  return Array.from(t.data);
}

describe('parse: JSON arrays', () => {
  it('reads depths 1 to 4 with their shapes, in C order', () => {
    assert.deepEqual(parseActivations('[1, 2, 3]').shape, [3]);
    const m = parseActivations('[[1, 2, 3], [4, 5, 6]]');
    assert.deepEqual(m.shape, [2, 3]);
    assert.deepEqual(values(m), [1, 2, 3, 4, 5, 6]);
    const t3 = parseActivations('[[[1,2],[3,4],[5,6]],[[7,8],[9,10],[11,12]]]');
    assert.deepEqual(t3.shape, [2, 3, 2]);
    assert.deepEqual(values(t3), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    const t4 = parseActivations(JSON.stringify([[[[1], [2]]], [[[3], [4]]], [[[5], [6]]]]));
    assert.deepEqual(t4.shape, [3, 1, 2, 1]);
    assert.deepEqual(values(t4), [1, 2, 3, 4, 5, 6]);
  });

  it('says which format it read', () => {
    const t = parseActivations('[1, 2]');
    assert.equal(t.format, 'json');
    assert.equal(t.columnLabels, undefined);
  });

  it('defaults to float32 (values rounded as Float32Array rounds) and honours float64', () => {
    const a = parseActivations('[0.1, 1e-50, 3.4028235677973366e38]');
    assert.equal(a.dtype, 'float32');
    assert.ok(a.data instanceof Float32Array);
    assert.deepEqual(values(a), f32([0.1, 1e-50, 3.4028235677973366e38]));
    const b = parseActivations('[0.1, 1e-50]', 'json', { dtype: 'float64' });
    assert.equal(b.dtype, 'float64');
    assert.ok(b.data instanceof Float64Array);
    assert.deepEqual(values(b), [0.1, 1e-50]);
  });

  it('reads every spelling of NaN and infinity that Python and JavaScript print', () => {
    const t = parseActivations('[NaN, nan, Infinity, -Infinity, inf, -inf, +inf, -nan]', 'json', { dtype: 'float64' });
    assert.deepEqual(values(t), [NaN, NaN, Infinity, -Infinity, Infinity, -Infinity, Infinity, NaN]);
  });

  it('keeps the sign of negative zero', () => {
    const t = parseActivations('[-0, -0.0, 0]', 'json', { dtype: 'float64' });
    assert.ok(Object.is(t.data[0], -0) && Object.is(t.data[1], -0) && Object.is(t.data[2], 0));
  });

  it('tolerates // and /* */ comments and trailing commas (JSONC)', () => {
    const t = parseActivations('// weights\n[ /* row 0 */ [1, 2,], // end\n [3, 4,],\n]\n/* done */');
    assert.deepEqual(t.shape, [2, 2]);
    assert.deepEqual(values(t), [1, 2, 3, 4]);
  });

  it('reads a JSONC sample file', () => {
    const t = parseActivations(sample('activations.jsonc'), undefined, { dtype: 'float64' });
    assert.equal(t.format, 'json');
    assert.deepEqual(t.shape, [2, 4]);
    assert.deepEqual(values(t), [0.25, -1.5, 3, 1e-3, NaN, Infinity, -Infinity, 0]);
  });

  it('reads numbers in every decimal form exactly as Number() does', () => {
    const tokens = [
      '1',
      '-2.5',
      '1.',
      '.5',
      '-.5',
      '+3',
      '1e3',
      '1E-3',
      '1.e+10',
      '2.5e-308',
      '1e400',
      '-1e400',
      '123456789012345678901234567890',
      '0.1000000000000000055511151231257827',
      '4.9e-324',
      '007',
    ];
    const t = parseActivations(`[${tokens.join(', ')}]`, 'json', { dtype: 'float64' });
    assert.deepEqual(values(t), tokens.map(Number));
  });
});

describe('parse: delimited rows', () => {
  it('reads a single line as 1-D and several lines as [rows, columns]', () => {
    const row = parseActivations('1, 2, 3, 4');
    assert.equal(row.format, 'csv');
    assert.deepEqual(row.shape, [4]);
    assert.deepEqual(values(row), [1, 2, 3, 4]);
    const m = parseActivations('1,2,3\n4,5,6\n');
    assert.deepEqual(m.shape, [2, 3]);
    assert.deepEqual(values(m), [1, 2, 3, 4, 5, 6]);
    const column = parseActivations('1\n2\n3');
    assert.deepEqual(column.shape, [3, 1]);
  });

  it('sniffs comma, tab, semicolon and runs of spaces', () => {
    for (const text of ['1,2\n3,4', '1\t2\n3\t4', '1;2\n3;4', '  1   2\n3 \t 4  ']) {
      const t = parseActivations(text);
      assert.deepEqual(t.shape, [2, 2], text);
      assert.deepEqual(values(t), [1, 2, 3, 4], text);
    }
  });

  it('prefers the delimiter that is present over spaces around it', () => {
    const t = parseActivations('1.5 ,  -2 , 3\n 4 , 5 , 6 ');
    assert.deepEqual(t.shape, [2, 3]);
    assert.deepEqual(values(t), [1.5, -2, 3, 4, 5, 6]);
  });

  it('takes a first row with any non-numeric cell as a header naming the columns', () => {
    const t = parseActivations('x, y ,z\n1,2,3\n4,5,6');
    assert.deepEqual(t.columnLabels, ['x', 'y', 'z']);
    assert.deepEqual(t.shape, [2, 3]);
    assert.deepEqual(values(t), [1, 2, 3, 4, 5, 6]);
    const mixed = parseActivations('epoch\t2020\t2021\n1\t2\t3\n4\t5\t6');
    assert.deepEqual(mixed.columnLabels, ['epoch', '2020', '2021']);
    const single = parseActivations('a b c\n1 2 3');
    assert.deepEqual(single.shape, [3]);
    assert.deepEqual(single.columnLabels, ['a', 'b', 'c']);
  });

  it('reads quoted numbers and quoted header names holding delimiters and quotes', () => {
    const t = parseActivations('"unit, a";"say ""hi""";c\n"1.5";2;"-3"\n4;" 5 ";6');
    assert.deepEqual(t.columnLabels, ['unit, a', 'say "hi"', 'c']);
    assert.deepEqual(values(t), [1.5, 2, -3, 4, 5, 6]);
  });

  it('reads NaN and infinities in cells', () => {
    const t = parseActivations('nan,NaN,inf\n-inf,Infinity,-Infinity', undefined, { dtype: 'float64' });
    assert.deepEqual(values(t), [NaN, NaN, Infinity, -Infinity, Infinity, -Infinity]);
  });

  it('reads CRLF and CR line ends and ignores blank trailing lines', () => {
    for (const text of ['1,2\r\n3,4\r\n\r\n', '1,2\r3,4\r\r', '1,2\n3,4\n  \n\n']) {
      const t = parseActivations(text);
      assert.deepEqual(t.shape, [2, 2], JSON.stringify(text));
      assert.deepEqual(values(t), [1, 2, 3, 4]);
    }
  });

  it('reads the CSV (header, quotes, CRLF) and TSV samples', () => {
    const csv = parseActivations(sample('activations-header.csv'));
    assert.deepEqual(csv.columnLabels, ['unit', 'relu, scaled', 'gate']);
    assert.deepEqual(csv.shape, [2, 3]);
    assert.deepEqual(values(csv), [1.5, 2.25, -3, 4, 500, 6]);
    const tsv = parseActivations(sample('activations.tsv'), undefined, { dtype: 'float64' });
    assert.deepEqual(tsv.columnLabels, ['a', 'b', 'c']);
    assert.deepEqual(values(tsv), [0.1, 0.2, 0.3, 0.4, 0.5, 0.6]);
  });

  it('rounds to float32 by default', () => {
    const t = parseActivations('0.1 0.2 0.3');
    assert.equal(t.dtype, 'float32');
    assert.deepEqual(values(t), f32([0.1, 0.2, 0.3]));
  });
});

interface Expected {
  shape: number[];
  dtype: 'float32' | 'float64';
  values: string[];
}

function expectedOf(name: string): Expected {
  return JSON.parse(sample(name)) as Expected;
}

describe('parse: printed NumPy and PyTorch tensors', () => {
  // The samples are real printouts written by test/fixtures/samples/generate.py.
  for (const name of ['numpy-repr-float32', 'numpy-str-3d', 'numpy-repr-float64-sci', 'torch-repr-float32', 'torch-float64-grad']) {
    it(`reads ${name} exactly as the framework printed it`, () => {
      const expected = expectedOf(`${name}.expected.json`);
      const t = parseActivations(sample(`${name}.txt`));
      assert.equal(t.format, 'python');
      assert.deepEqual(t.shape, expected.shape);
      assert.equal(t.dtype, expected.dtype);
      // Python writes non-finite floats as nan / inf / -inf.
      const want = expected.values.map((v) => (v === 'inf' ? Infinity : v === '-inf' ? -Infinity : Number(v)));
      assert.deepEqual(values(t), expected.dtype === 'float32' ? f32(want) : want);
    });
  }

  it('reads array(...) with commas and dtype, and tensor(...) with keyword arguments', () => {
    const a = parseActivations('array([[1., 2.],\n       [3., 4.]], dtype=float32)');
    assert.deepEqual(a.shape, [2, 2]);
    assert.deepEqual(values(a), [1, 2, 3, 4]);
    assert.equal(a.dtype, 'float32');
    const t = parseActivations("tensor([[1.0000e+00, -2.5000e-01]], device='cuda:0', dtype=torch.float64, requires_grad=True)");
    assert.deepEqual(t.shape, [1, 2]);
    assert.equal(t.dtype, 'float64');
    assert.deepEqual(values(t), [1, -0.25]);
    const g = parseActivations('tensor([0.5000, 1.5000], grad_fn=<AddBackward0>)');
    assert.deepEqual(values(g), [0.5, 1.5]);
    assert.equal(g.dtype, 'float32');
  });

  it('lets a printed float64 win over the requested dtype, and only float64', () => {
    assert.equal(parseActivations('array([1., 2.], dtype=float64)', undefined, { dtype: 'float32' }).dtype, 'float64');
    assert.equal(parseActivations('np.array([1., 2.], dtype=np.float64)').dtype, 'float64');
    assert.equal(parseActivations('tensor([1., 2.], dtype=torch.double)').dtype, 'float64');
    assert.equal(parseActivations('array([1., 2.], dtype=float32)', undefined, { dtype: 'float64' }).dtype, 'float64');
    assert.equal(parseActivations('tensor([1., 2.], dtype=torch.float16)').dtype, 'float32');
  });

  it('keeps float64 precision when the printout says float64', () => {
    const t = parseActivations('array([0.1, 0.30000000000000004], dtype=float64)');
    assert.deepEqual(values(t), [0.1, 0.30000000000000004]);
  });

  it('reads the values again as doubles when float64 is printed too far from the end to be seen first', () => {
    // mayBeFloat64 looks at the last 512 characters only; padding before ")" hides the dtype from it.
    const t = parseActivations(`array([0.1, 0.30000000000000004], dtype=float64${' '.repeat(600)})`);
    assert.equal(t.dtype, 'float64');
    assert.deepEqual(values(t), [0.1, 0.30000000000000004]);
  });

  it('returns arrays whose buffer holds the values alone, in every format and dtype', () => {
    for (const dtype of ['float32', 'float64'] as const) {
      for (const text of ['[1.5, 2.5, 3.5]', '1.25,2.5\n3,4\n', 'tensor([1.0000, 2.0000, 3.0000])', '[[1, 2], [3, 4]]']) {
        const { data } = parseActivations(text, undefined, { dtype });
        assert.equal(data.buffer.byteLength, data.byteLength, `${text} as ${dtype}`);
        assert.equal(data.byteOffset, 0);
      }
    }
    // The buffer is sized for the most values the text can hold, 1,2,3 fills it exactly.
    const exact = parseActivations('1,2,3', 'csv', { maxValues: 3 });
    assert.deepEqual(values(exact), [1, 2, 3]);
    assert.equal(exact.data.buffer.byteLength, 12);
  });

  it('reads NumPy str() output without commas, nan and inf included', () => {
    const t = parseActivations('[[ 1.  2. nan]\n [inf -inf  3.]]', undefined, { dtype: 'float64' });
    assert.equal(t.format, 'python');
    assert.deepEqual(t.shape, [2, 3]);
    assert.deepEqual(values(t), [1, 2, NaN, Infinity, -Infinity, 3]);
  });

  it('reads "Parameter containing:" printouts of torch parameters', () => {
    const t = parseActivations('Parameter containing:\ntensor([[ 0.1000, -0.2000]], requires_grad=True)');
    assert.deepEqual(t.shape, [1, 2]);
    assert.deepEqual(values(t), f32([0.1, -0.2]));
  });

  it('reads integer arrays and CRLF printouts', () => {
    const t = parseActivations('array([[1, 2],\r\n       [3, 4]])');
    assert.deepEqual(values(t), [1, 2, 3, 4]);
  });
});

describe('parse: format detection', () => {
  const cases: [string, string][] = [
    ['[1, 2]', 'json'],
    ['  // note\n[[1],[2]]', 'json'],
    ['[[1.0], [2.0]]', 'json'],
    ['[[1.], [2.]]', 'python'],
    ['{"a": 1}', 'json'],
    ['[1 2 3]', 'python'],
    ['[[1.]\n [2.]]', 'python'],
    ['array([1, 2])', 'python'],
    ['tensor([1., 2.])', 'python'],
    ['torch.tensor([1.])', 'python'],
    ['Parameter containing:\ntensor([1.])', 'python'],
    ['1,2,3', 'csv'],
    ['a,b\n1,2', 'csv'],
    ['1 2 3\n4 5 6', 'csv'],
    ['nan\tinf', 'csv'],
    ['relu(x),gate(x)\n1,2', 'csv'],
    ['tensor(3.)', 'python'],
  ];
  for (const [text, format] of cases) {
    it(`${JSON.stringify(text)} is ${format}`, () => assert.equal(detectFormat(text), format));
  }

  it('lets an explicit format override detection', () => {
    assert.equal(parseActivations('[1 2 3]', 'python').format, 'python');
    assert.deepEqual(parseActivations('1 2 3', 'csv').shape, [3]);
  });
});
