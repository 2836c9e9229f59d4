import * as assert from 'node:assert/strict';
import { exactNumber, tableText, type TableFacts } from '../../../src/viewModels/export/tableText';
import type { ValueWindow } from '../../../src/shared/viewModel';

/** A 2 × 3 float32 input with the values that are easy to get wrong: −0, NaN, ±Infinity, a non-terminating decimal. */
const INPUT = [0.1, -0, Number.NaN, Infinity, -Infinity, 1 / 3].map(Math.fround);
const MASK = [1, 0, 1, 0, 1, 0];
const window = (input: number[], mask: number[], scale: number): ValueWindow => ({
  offset: 0,
  input: Float64Array.from(input),
  output: Float64Array.from(input.map((x, i) => Math.fround(x * mask[i] * scale))),
  mask: Uint8Array.from(mask),
});
const FACTS: TableFacts = { shape: [2, 3], dtype: 'float32', mode: 'train' };
const values = window(INPUT, MASK, 2);

/** The text of a cell read back as the number it stands for. */
const read = (text: string): number => (text === 'NaN' ? Number.NaN : Number(text));
const same = (a: number, b: number) => Object.is(a, b);

describe('the table as text', () => {
  it('writes each number as the shortest text that reads back to it, −0 and the non-finite included', () => {
    assert.equal(exactNumber(Math.fround(0.1), 'float32'), '0.1');
    assert.equal(exactNumber(0.1, 'float64'), '0.1');
    assert.equal(exactNumber(Math.fround(1 / 3), 'float32'), '0.33333334');
    assert.equal(exactNumber(-0, 'float32'), '-0');
    assert.equal(exactNumber(Number.NaN, 'float64'), 'NaN');
    assert.equal(exactNumber(-Infinity, 'float32'), '-Infinity');
    for (let i = 0; i < 2000; i++) {
      const v = Math.fround((Math.random() - 0.5) * 10 ** Math.floor(Math.random() * 60 - 30));
      assert.ok(same(Math.fround(read(exactNumber(v, 'float32'))), v), `${v}`);
      const w = (Math.random() - 0.5) * 10 ** Math.floor(Math.random() * 600 - 300);
      assert.ok(same(read(exactNumber(w, 'float64')), w), `${w}`);
    }
  });

  it('CSV: a header, then one row per unit that reads back to the same index, input, output and mask', () => {
    const lines = tableText('csv', values, FACTS).trimEnd().split('\n');
    assert.equal(lines[0], 'index,axis0,axis1,input,output (train),mask');
    assert.equal(lines.length, 7);
    lines.slice(1).forEach((line, i) => {
      const [index, a0, a1, input, output, mask] = line.split(',');
      assert.deepEqual([index, a0, a1].map(Number), [i, Math.floor(i / 3), i % 3]);
      assert.ok(same(Math.fround(read(input)), values.input[i]), `input ${i}: ${input}`);
      assert.ok(same(Math.fround(read(output)), values.output[i]), `output ${i}: ${output}`);
      assert.equal(Number(mask), MASK[i]);
    });
  });

  it('Markdown: a table with the same cells, the mask in words', () => {
    const lines = tableText('markdown', values, FACTS).trimEnd().split('\n');
    assert.equal(lines[0], '| index | axis0 | axis1 | input | output (train) | mask |');
    assert.equal(lines[1], '| --: | --: | --: | --: | --: | :-- |');
    lines.slice(2).forEach((line, i) => {
      const cells = line.replace(/^\| | \|$/g, '').split(' | ');
      assert.ok(same(Math.fround(read(cells[3])), values.input[i]), `input ${i}`);
      assert.ok(same(Math.fround(read(cells[4])), values.output[i]), `output ${i}`);
      assert.equal(cells[5], MASK[i] ? 'kept' : 'dropped');
    });
  });

  it('JSON: an object per unit, numbers as numbers (−0 kept), NaN and the infinities as strings', () => {
    const rows = JSON.parse(tableText('json', values, FACTS)) as Record<string, number | string>[];
    assert.equal(rows.length, 6);
    const number = (cell: number | string) => (typeof cell === 'number' ? cell : read(cell));
    rows.forEach((row, i) => {
      assert.deepEqual(Object.keys(row), ['index', 'axis0', 'axis1', 'input', 'output (train)', 'mask']);
      assert.equal(row.index, i);
      assert.ok(same(Math.fround(number(row.input)), values.input[i]), `input ${i}: ${row.input}`);
      assert.ok(same(Math.fround(number(row['output (train)'])), values.output[i]), `output ${i}`);
      assert.equal(row.mask, MASK[i]);
    });
    assert.ok(Object.is(rows[1].input, -0), '−0 stays a negative zero');
    assert.equal(rows[2].input, 'NaN');
  });

  it('at eval every unit is kept, as the panel shows; a 1-D input has no axis columns', () => {
    // The eval output is the input; the train draw's mask (0, 1, 0) does not apply.
    const evalValues = { ...window([1, 2, 3], [0, 1, 0], 1), output: Float64Array.from([1, 2, 3]) };
    const text = tableText('csv', evalValues, { shape: [3], dtype: 'float64', mode: 'eval' });
    assert.equal(text, 'index,input,output (eval),mask (eval)\n0,1,1,1\n1,2,2,1\n2,3,3,1\n');
  });
});
