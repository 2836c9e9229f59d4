import * as assert from 'node:assert/strict';
import { isSection, MAX_WINDOW, parseWebviewMessage, SECTIONS } from '../../../src/shared/protocol';

describe('messages from the webview are validated', () => {
  it('accepts every well-formed message and keeps only its fields', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'ready', extra: 1 }), { type: 'ready' });
    assert.deepEqual(parseWebviewMessage({ type: 'setP', p: 0.4, junk: 'x' }), { type: 'setP', p: 0.4 });
    assert.deepEqual(parseWebviewMessage({ type: 'setP', p: 0 }), { type: 'setP', p: 0 });
    assert.deepEqual(parseWebviewMessage({ type: 'setP', p: 1 }), { type: 'setP', p: 1 });
    assert.deepEqual(parseWebviewMessage({ type: 'setMode', mode: 'eval' }), { type: 'setMode', mode: 'eval' });
    assert.deepEqual(parseWebviewMessage({ type: 'setSeed', seed: '-1' }), { type: 'setSeed', seed: '-1' });
    assert.deepEqual(parseWebviewMessage({ type: 'setSeed', seed: '18446744073709551623' }), {
      type: 'setSeed',
      seed: '18446744073709551623',
    });
    assert.deepEqual(parseWebviewMessage({ type: 'setRng', rng: 'numpy' }), { type: 'setRng', rng: 'numpy' });
    assert.deepEqual(parseWebviewMessage({ type: 'setVariant', variant: 'classic' }), { type: 'setVariant', variant: 'classic' });
    assert.deepEqual(parseWebviewMessage({ type: 'resample' }), { type: 'resample' });
    assert.deepEqual(parseWebviewMessage({ type: 'revealError' }), { type: 'revealError' });
    assert.deepEqual(parseWebviewMessage({ type: 'requestWindow', offset: 200, count: MAX_WINDOW }), {
      type: 'requestWindow',
      offset: 200,
      count: MAX_WINDOW,
    });
  });

  it('refuses p outside [0, 1], NaN, infinities and non-numbers', () => {
    for (const p of [-0.01, 1.0001, NaN, Infinity, -Infinity, '0.5', null, undefined, [0.5], { valueOf: () => 0.5 }]) {
      assert.equal(parseWebviewMessage({ type: 'setP', p }), undefined, String(p));
    }
  });

  it('refuses unknown modes, conventions, variants and malformed seeds', () => {
    assert.equal(parseWebviewMessage({ type: 'setMode', mode: 'test' }), undefined);
    assert.equal(parseWebviewMessage({ type: 'setRng', rng: 'tensorflow' }), undefined);
    assert.equal(parseWebviewMessage({ type: 'setVariant', variant: 'toString' }), undefined);
    for (const seed of ['', '1.5', '1e3', ' 1', '0x10', '9'.repeat(41), 5, '--1']) {
      assert.equal(parseWebviewMessage({ type: 'setSeed', seed }), undefined, String(seed));
    }
  });

  it('refuses windows that are negative, fractional or too large', () => {
    for (const [offset, count] of [
      [-1, 10],
      [0.5, 10],
      [0, MAX_WINDOW + 1],
      [0, -1],
      [2 ** 60, 1],
      ['0', 1],
    ]) {
      assert.equal(parseWebviewMessage({ type: 'requestWindow', offset, count }), undefined, `${offset},${count}`);
    }
  });

  it('refuses anything that is not a message object', () => {
    for (const raw of [null, undefined, 42, 'ready', [], [{ type: 'ready' }], { type: 'constructor' }, { type: '__proto__' }, {}]) {
      assert.equal(parseWebviewMessage(raw), undefined, JSON.stringify(raw));
    }
  });
});

describe('the save-outputs message', () => {
  it('carries nothing the host would use: the panel never names a file', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'saveOutputs', uri: 'file:///etc/passwd' }), { type: 'saveOutputs' });
  });

  it('asks for the report with no more than its type', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'copyReport', language: 'rm -rf' }), { type: 'copyReport' });
  });
});

describe('the copy-table message', () => {
  it('accepts CSV, Markdown and JSON and refuses any other format', () => {
    for (const format of ['csv', 'markdown', 'json'])
      assert.deepEqual(parseWebviewMessage({ type: 'copyTable', format, path: '/etc/passwd' }), { type: 'copyTable', format });
    for (const format of ['CSV', 'xlsx', '', undefined, 1, { toString: () => 'csv' }])
      assert.equal(parseWebviewMessage({ type: 'copyTable', format }), undefined, String(format));
  });
});

describe('the slice picker message is validated against the loaded shape', () => {
  const context = { shape: [2, 3, 4, 5] };

  it('accepts an index per leading axis within its length, or null for the whole mask', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'setSlice', slice: [1, 2], junk: 1 }, context), { type: 'setSlice', slice: [1, 2] });
    assert.deepEqual(parseWebviewMessage({ type: 'setSlice', slice: [0, 0] }, context), { type: 'setSlice', slice: [0, 0] });
    assert.deepEqual(parseWebviewMessage({ type: 'setSlice', slice: null }, context), { type: 'setSlice', slice: null });
    assert.deepEqual(parseWebviewMessage({ type: 'setSlice', slice: null }), { type: 'setSlice', slice: null });
  });

  it('refuses wrong types, out-of-range indices and the wrong number of indices', () => {
    const bad: unknown[] = [
      undefined,
      'all',
      1,
      {},
      { 0: 1, 1: 2, length: 2 }, // not an array
      ['1', 2],
      [1, null],
      [1, true],
      [1.5, 0],
      [NaN, 0],
      [Infinity, 0], // not whole numbers
      [-1, 0],
      [2, 0],
      [0, 3],
      [2 ** 53, 0], // out of range for 2 × 3
      [],
      [1],
      [1, 2, 3],
      [0, 0, 0, 0], // one index per leading axis only
    ];
    for (const slice of bad) assert.equal(parseWebviewMessage({ type: 'setSlice', slice }, context), undefined, JSON.stringify(slice));
  });

  it('refuses any slice when nothing is loaded or the input has fewer than 3 axes', () => {
    assert.equal(parseWebviewMessage({ type: 'setSlice', slice: [0, 0] }), undefined);
    assert.equal(parseWebviewMessage({ type: 'setSlice', slice: [0] }, { shape: [4, 5] }), undefined);
    assert.equal(parseWebviewMessage({ type: 'setSlice', slice: [] }, { shape: [4, 5] }), undefined);
  });

  it('keeps a copy, not the array the webview sent', () => {
    const slice = [1, 1];
    const parsed = parseWebviewMessage({ type: 'setSlice', slice }, context);
    slice[0] = 99;
    assert.deepEqual(parsed, { type: 'setSlice', slice: [1, 1] });
  });
});

describe('sections the host can bring into view', () => {
  it('names the Monte Carlo and mistakes sections, and nothing else', () => {
    assert.deepEqual([...SECTIONS], ['monteCarlo', 'mistakes']);
    for (const section of SECTIONS) assert.ok(isSection(section), section);
    for (const other of [
      'montecarlo',
      'mask',
      '',
      'toString',
      'constructor',
      null,
      undefined,
      0,
      ['monteCarlo'],
      { section: 'mistakes' },
    ]) {
      assert.equal(isSection(other), false, JSON.stringify(other));
    }
  });
});

describe('the Follow switch message', () => {
  it('carries a boolean, nothing else', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'setFollow', follow: false }), { type: 'setFollow', follow: false });
    assert.deepEqual(parseWebviewMessage({ type: 'setFollow', follow: true, junk: 1 }), { type: 'setFollow', follow: true });
    for (const follow of [undefined, 'true', 1, null]) assert.equal(parseWebviewMessage({ type: 'setFollow', follow }), undefined);
  });
});

describe('the choice of tensor message', () => {
  it('names one of the tensors of the file shown, nothing else', () => {
    const context = { tensorNames: ['encoder.weight', 'encoder.bias'] };
    assert.deepEqual(parseWebviewMessage({ type: 'chooseTensor', name: 'encoder.bias' }, context), {
      type: 'chooseTensor',
      name: 'encoder.bias',
    });
    for (const name of ['decoder.weight', '', undefined, 1, null, ['encoder.bias']])
      assert.equal(parseWebviewMessage({ type: 'chooseTensor', name }, context), undefined, String(name));
    assert.equal(parseWebviewMessage({ type: 'chooseTensor', name: 'encoder.bias' }), undefined, 'no file shown');
  });
});
