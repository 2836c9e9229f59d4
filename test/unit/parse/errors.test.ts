// Every way the parser refuses text: always a ParseError, at the 1-based line
// and column (UTF-16 code units, document coordinates) of the first offending
// character, with a message a person can act on.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ParseError, parseActivations, type ActivationFormat, type ParseOptions } from '../../../src/parse';
import { REPO_ROOT } from '../paths';

const SAMPLES = path.join(REPO_ROOT, 'test', 'fixtures', 'samples');

function errorOf(text: string, format?: ActivationFormat, options?: ParseOptions): ParseError {
  try {
    parseActivations(text, format, options);
  } catch (error) {
    assert.ok(error instanceof ParseError, `expected a ParseError, got ${String(error)}`);
    return error;
  }
  assert.fail(`expected ${JSON.stringify(text)} to be refused`);
}

/** Asserts the error's position and that its message matches. */
function refuses(
  text: string,
  line: number,
  column: number,
  message: RegExp,
  format?: ActivationFormat,
  options?: ParseOptions,
): ParseError {
  const error = errorOf(text, format, options);
  assert.deepEqual({ line: error.line, column: error.column }, { line, column }, `position of: ${error.message}`);
  assert.match(error.message, message);
  return error;
}

describe('parse errors: JSON', () => {
  it('points at the first row of uneven length, in the words of rows', () => {
    refuses('[[1,2,3,4,5],\n [1,2,3,4,5],\n [1,2,3,4]]', 3, 2, /row 3 has 4 values, row 1 has 5\b/);
    refuses('[[1,2,3,4,5],\n [1,2,3,4,5],\n [1,2,3,4,5,6]]', 3, 2, /row 3 has 6 values, row 1 has 5\b/);
    refuses('[[1],[]]', 1, 6, /row 2 has 0 values, row 1 has 1\b/);
  });

  it('names deeper uneven arrays by their index path', () => {
    refuses('[[[1,2],[3,4]],\n [[5,6],[7]]]', 2, 9, /the array at \[1\]\[1\] has 1 value, the array at \[0\]\[0\] has 2\b/);
    refuses('[[[1],[2]],[[3]]]', 1, 12, /row 2 has 1 item, row 1 has 2\b/);
  });

  it('points at items whose depth differs from the others', () => {
    refuses('[[1, 2], 3]', 1, 10, /found a number/);
    refuses('[1, [2]]', 1, 5, /found an array/);
    refuses('[[[1]], [2]]', 1, 10, /found a number/);
  });

  it('refuses a bare scalar, empty text and empty arrays', () => {
    refuses('', 1, 1, /empty/);
    refuses('  \n  ', 1, 1, /empty/);
    refuses('// only a comment', 1, 1, /empty/, 'json');
    refuses('42', 1, 1, /single number/, 'json');
    refuses('42', 1, 1, /single number/);
    refuses('  []', 1, 3, /array is empty/);
    refuses('[[]]', 1, 2, /array is empty/);
  });

  it('refuses strings, objects, booleans and null inside, at the offending token', () => {
    refuses('[1, "2"]', 1, 5, /string/);
    refuses("[1, '2']", 1, 5, /string/);
    refuses('[1, {"a": 2}]', 1, 5, /object/);
    refuses('{"a": [1]}', 1, 1, /object/);
    refuses('[1,\n true]', 2, 2, /"true".*booleans/);
    refuses('[null]', 1, 2, /null.*NaN/);
    refuses('[1, abc]', 1, 5, /Expected a number, found "abc"/);
  });

  it('refuses nesting deeper than any tensor has', () => {
    assert.equal(parseActivations('['.repeat(64) + '1' + ']'.repeat(64)).shape.length, 64);
    refuses('['.repeat(65) + '1' + ']'.repeat(65), 1, 65, /deeper than 64 levels/);
  });

  it('refuses missing values, missing commas and unclosed arrays', () => {
    refuses('[1,,2]', 1, 4, /value is missing/);
    refuses('[1 2]', 1, 4, /Expected "," or "\]" after a value, found "2"/, 'json');
    refuses('[1.5abc]', 1, 5, /found "abc"/);
    refuses('[1, 2', 1, 6, /closing "\]" is missing/);
    refuses('[1, 2,', 1, 7, /closing "\]" is missing/);
    refuses('[1] [2]', 1, 5, /after the array/);
    refuses('[1] /* note', 1, 5, /comment is never closed/);
  });

  it('refuses values past maxValues at the first value too many, and accepts exactly maxValues', () => {
    assert.equal(parseActivations('[1, 2, 3]', undefined, { maxValues: 3 }).data.length, 3);
    refuses('[1, 2,\n 3]', 2, 2, /more than 2 values/, undefined, { maxValues: 2 });
    refuses('[[1, 2], [3, 4]]', 1, 14, /more than 3 values.*maxValues/, undefined, { maxValues: 3 });
    refuses('[1]', 1, 1, /No values are allowed/, undefined, { maxValues: 0 });
  });

  it('refuses a huge input without allocating all of it', () => {
    // 5 million values but a limit of 1000: refused at value 1001, long before the end.
    const text = '[' + '1,'.repeat(5_000_000) + '1]';
    refuses(text, 1, 2002, /more than 1,000 values/, undefined, { maxValues: 1000 });
  });
});

describe('parse errors: positions', () => {
  it('counts columns in UTF-16 code units after emoji and astral characters', () => {
    // "[1, /* 😀 */ " is 13 code units: the emoji takes two.
    refuses('[1, /* 😀 */ x]', 1, 14, /found "x"/);
    // "𝔁" (U+1D501) is also two code units.
    refuses('[[1, 2], /*𝔁*/ [3]]', 1, 17, /row 2 has 1 value, row 1 has 2/);
    refuses('a,"😀 b",c\n1,2,3\n4,5,x', 3, 5, /"x" is not a number/);
    refuses('1,2\n3,😀', 2, 3, /"😀" is not a number/);
  });

  it('counts \\n, \\r\\n and \\r as one line end each', () => {
    refuses('[1,\n2,\nx]', 3, 1, /found "x"/);
    refuses('[1,\r\n2,\r\nx]', 3, 1, /found "x"/);
    refuses('[1,\r2,\rx]', 3, 1, /found "x"/);
    refuses('[1,\r\n\r\n\rx]', 4, 1, /found "x"/);
    refuses('1,2\r\n3,4\r\n5', 3, 1, /row 3 has 1 value, row 1 has 2/);
    refuses('1,2\r3,4\r5,6,7', 3, 1, /row 3 has 3 values, row 1 has 2/);
  });

  it('reports document positions: origin column on the first line only', () => {
    const origin = { line: 10, column: 5 };
    refuses('[x]', 10, 6, /found "x"/, undefined, { origin });
    refuses('[1,\n  x]', 11, 3, /found "x"/, undefined, { origin });
    refuses('', 10, 5, /empty/, undefined, { origin });
    refuses('1,2\n3', 11, 1, /row 2 has 1 value/, undefined, { origin });
    refuses('tensor([1., ...])', 10, 17, /abbreviated/, undefined, { origin });
  });
});

describe('parse errors: delimited rows', () => {
  it('points at the uneven row, counting data rows', () => {
    refuses('1,2,3,4,5\n1,2,3,4,5\n1,2,3,4', 3, 1, /row 3 has 4 values, row 1 has 5\b/);
    refuses('1 2\n3 4 5', 2, 1, /row 2 has 3 values, row 1 has 2/);
    refuses('a;b;c\n1;2;3\n4;5', 3, 1, /row 2 has 2 values, the header has 3 names/);
  });

  it('points at a non-numeric cell in a data row', () => {
    refuses('1,2,3\n4,five,6', 2, 3, /"five" is not a number \(row 2, cell 2\)/);
    refuses('a\tb\n1\t2\n3\t"x y"', 3, 3, /"\\"x y\\"" is not a number|"x y"/);
    refuses('1 2\n3 4abc', 2, 3, /"4abc" is not a number/);
  });

  it('points at empty cells', () => {
    refuses('1,2,3\n4,,6', 2, 3, /cell 2 of row 2 is empty/);
    refuses('1,,3\n4,5,6', 1, 3, /empty/);
    refuses('1,2,\n4,5,', 1, 5, /empty/);
  });

  it('refuses broken quotes', () => {
    refuses('"a,b\n1,2', 1, 1, /quoted cell is never closed/);
    refuses('"a"b,c\n1,2', 1, 4, /delimiter after the quoted cell/);
  });

  it('refuses a header with no numbers, and a single number', () => {
    refuses('a,b,c\n', 1, 1, /^No numbers found, only words: "a", "b", "c"\. A row of words reads as a header row but no rows of numbers/);
    refuses('hello world foo', 1, 1, /^No numbers found, only words: "hello", "world", "foo"\./);
    refuses('\n  one;two;three;four;five;six', 2, 3, /^No numbers found, only words: "one", "two", "three", "four" and 2 more\./);
    refuses('  7  ', 1, 1, /single number/);
    refuses('x\n7', 2, 1, /single number/);
  });

  it('refuses too many values at the first cell over the limit', () => {
    refuses('1,2\n3,4', 2, 3, /more than 3 values/, undefined, { maxValues: 3 });
  });
});

describe('parse errors: printed tensors', () => {
  it('refuses abbreviated printouts at the "..." and says how to print in full', () => {
    const numpy = fs.readFileSync(path.join(SAMPLES, 'numpy-abbreviated.txt'), 'utf8');
    const error = refuses(numpy, 1, 42, /abbreviated/);
    assert.match(error.message, /np\.set_printoptions\(threshold=sys\.maxsize\)/);
    assert.match(error.message, /torch\.set_printoptions\(profile="full"\)/);
    const torch = fs.readFileSync(path.join(SAMPLES, 'torch-abbreviated.txt'), 'utf8');
    refuses(torch, 1, 46, /abbreviated/);
    refuses('[[ 0  1 ... 8  9]\n [10 11 ... 18 19]]', 1, 9, /abbreviated/);
    refuses('array([[0, 1],\n       ...,\n       [8, 9]])', 2, 8, /abbreviated/);
    refuses('[1, 2, ..., 9]', 1, 8, /abbreviated/, 'json');
    refuses('[1, 2 …]', 1, 7, /abbreviated/, 'python');
  });

  it('refuses a 0-d tensor and malformed wrappers', () => {
    refuses('tensor(3.)', 1, 8, /single number/);
    refuses('array(', 1, 7, /ends before its values/);
    refuses('foo [1, 2]', 1, 1, /Expected "\[" to start the values, found "foo"/, 'python');
    refuses('array([1, 2] dtype=float32)', 1, 14, /Expected "," or "\)" after the values, found "dtype"/);
    refuses('array([1, 2], dtype=float32', 1, 28, /closing "\)" is missing/);
    refuses('array([1, 2]', 1, 13, /closing "\)" is missing/);
    refuses('array([1, 2], 5)', 1, 15, /keyword argument/);
    refuses("tensor([1.], device='cuda)", 1, 21, /never closed/);
    refuses('tensor([1.], size=1])', 1, 20, /Unexpected "\]"/);
    refuses('array([1, 2]) + 1', 1, 15, /after the printed tensor/);
  });

  it('explains a Python list of framework scalars', () => {
    refuses('[np.float32(0.5), np.float32(1.5)]', 1, 2, /list of NumPy or PyTorch scalars.*tolist\(\)/);
    refuses('[tensor(0.5000), tensor(1.5000)]', 1, 2, /list of NumPy or PyTorch scalars/);
  });

  it('refuses uneven and non-numeric printouts like JSON', () => {
    refuses('tensor([[1., 2.],\n        [3.]])', 2, 9, /row 2 has 1 value, row 1 has 2/);
    refuses('tensor([True, False])', 1, 9, /booleans/);
    refuses("array(['a', 'b'], dtype='<U1')", 1, 8, /string/);
    refuses('array([1.+2.j])', 1, 10, /found "\+2\.j"/);
  });
});

describe('parse errors: the API itself', () => {
  it('refuses an unknown format and non-text input as ParseErrors', () => {
    refuses('[1]', 1, 1, /Unknown format/, 'yaml' as ActivationFormat);
    const error = errorOf(undefined as unknown as string);
    assert.equal(error.line, 1);
  });

  it('exposes line and column as numbers on a real Error', () => {
    const error = errorOf('[x]');
    assert.ok(error instanceof Error);
    assert.equal(error.name, 'ParseError');
    assert.equal(typeof error.line, 'number');
    assert.equal(typeof error.column, 'number');
  });
});
