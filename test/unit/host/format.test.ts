import * as assert from 'node:assert/strict';
import { formatP, parseP, readTypedP, statusText } from '../../../src/host/format';

describe('status bar text and p entry', () => {
  it('shows p with two decimals, more only when needed', () => {
    assert.equal(formatP(0.5), '0.50');
    assert.equal(formatP(0), '0.00');
    assert.equal(formatP(1), '1.00');
    assert.equal(formatP(0.125), '0.125');
    assert.equal(formatP(1 / 3), '0.333333');
  });

  it('reads as the issue promises: "Dropout: train · p=0.50"', () => {
    assert.equal(statusText({ mode: 'train', p: 0.5 }), 'Dropout: train · p=0.50');
    assert.equal(statusText({ mode: 'eval', p: 0.4 }), 'Dropout: eval · p=0.40');
  });

  it('accepts decimals and percentages from 0 to 1', () => {
    assert.equal(parseP('0.4'), 0.4);
    assert.equal(parseP(' .25 '), 0.25);
    assert.equal(parseP('40%'), 0.4);
    assert.equal(parseP('1'), 1);
    assert.equal(parseP('0'), 0);
    assert.equal(parseP('5e-1'), 0.5);
  });

  it('refuses anything that is not a probability', () => {
    for (const bad of ['', '-0.1', '1.01', '150%', 'abc', 'NaN', 'Infinity', '0.4.1', '0x1', '1/2']) {
      assert.equal(parseP(bad), undefined, bad);
    }
  });

  it('reads what is typed into the p picker: a probability to use at once, or why it is not one', () => {
    assert.deepEqual(readTypedP('0.35'), { p: 0.35 });
    assert.deepEqual(readTypedP(' 35% '), { p: 0.35 });
    assert.deepEqual(readTypedP('.5'), { p: 0.5 });
    assert.deepEqual(readTypedP('1'), { p: 1 });
    assert.equal(readTypedP(''), undefined);
    assert.equal(readTypedP('   '), undefined);
    for (const outside of ['2', '-0.1', '150%', '1.01', '-0']) assert.deepEqual(readTypedP(outside), { problem: 'outOfRange' }, outside);
    for (const word of ['abc', '0.4.1', 'NaN', '1/2', '0x1']) assert.deepEqual(readTypedP(word), { problem: 'notANumber' }, word);
  });
});
