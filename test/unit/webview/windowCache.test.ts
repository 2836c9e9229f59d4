import * as assert from 'node:assert/strict';
import { REQUEST_TIMEOUT_MS, WindowCache } from '../../../webview/windowCache';
import type { ValueWindow } from '../../../src/shared/viewModel';

/** What the host would send for rows [offset, offset + count) of `n`: input i, output `tag` + i, mask on even rows. */
function reply(offset: number, count: number, n: number, tag = 0): ValueWindow {
  const end = Math.min(offset + count, n);
  const len = Math.max(0, end - offset);
  return {
    offset,
    input: Float64Array.from({ length: len }, (_, i) => offset + i),
    output: Float64Array.from({ length: len }, (_, i) => tag + offset + i),
    mask: Uint8Array.from({ length: len }, (_, i) => ((offset + i) % 2 === 0 ? 1 : 0)),
  };
}

describe('the values table window cache', () => {
  it('asks once for the missing blocks under the rows, merging neighbours up to the window limit', () => {
    const cache = new WindowCache(100, 64);
    cache.reset(10_000);
    assert.deepEqual(cache.requestsFor(150, 420, 0, 1000), [{ offset: 100, count: 400 }]);
    assert.deepEqual(cache.requestsFor(150, 420, 1, 1000), [], 'already out: not asked again');
    assert.deepEqual(cache.requestsFor(0, 650, 2, 1000), [
      { offset: 0, count: 100 },
      { offset: 500, count: 200 },
    ]);
    assert.deepEqual(cache.requestsFor(1000, 3499, 3, 1000), [
      { offset: 1000, count: 1000 },
      { offset: 2000, count: 1000 },
      { offset: 3000, count: 500 },
    ]);
  });

  it('asks for the short last block up to n and nothing past it', () => {
    const cache = new WindowCache(100, 64);
    cache.reset(250);
    assert.deepEqual(cache.requestsFor(180, 900, 0, 1000), [{ offset: 100, count: 150 }]);
    cache.receive(reply(100, 150, 250));
    assert.equal(cache.row(249)?.input, 249);
    assert.equal(cache.row(250), undefined);
  });

  it('fills rows from a reply and shows nothing for rows not fetched', () => {
    const cache = new WindowCache(100, 64);
    cache.reset(1000);
    cache.requestsFor(200, 299, 0, 1000);
    assert.equal(cache.row(250), undefined);
    assert.deepEqual(cache.receive(reply(200, 100, 1000, 0.5)), { filled: 1, stale: 0 });
    assert.deepEqual(cache.row(250), { input: 250, output: 250.5, kept: true });
    assert.deepEqual(cache.row(251), { input: 251, output: 251.5, kept: false });
    assert.equal(cache.row(300), undefined);
  });

  it('drops a reply asked for before a new result and lets the block be asked for again', () => {
    const cache = new WindowCache(100, 64);
    cache.reset(1000);
    cache.requestsFor(500, 599, 0, 1000);
    cache.reset(1000); // p changed while the window was on its way
    assert.deepEqual(cache.requestsFor(500, 599, 1, 1000), [], 'one request per block at a time');
    assert.deepEqual(cache.receive(reply(500, 100, 1000, 1)), { filled: 0, stale: 1 });
    assert.equal(cache.row(550), undefined, 'the old outputs are not shown');
    assert.deepEqual(cache.requestsFor(500, 599, 2, 1000), [{ offset: 500, count: 100 }]);
    cache.receive(reply(500, 100, 1000, 2));
    assert.equal(cache.row(550)?.output, 552);
  });

  it('ignores windows it did not ask for, but takes the window that comes with a result', () => {
    const cache = new WindowCache(100, 64);
    cache.reset(1000);
    assert.deepEqual(cache.receive(reply(0, 200, 1000)), { filled: 0, stale: 0 });
    assert.equal(cache.row(5), undefined);
    cache.seed(reply(0, 200, 1000, 7));
    assert.equal(cache.row(199)?.output, 206);
    assert.deepEqual(cache.requestsFor(0, 299, 0, 1000), [{ offset: 200, count: 100 }]);
  });

  it('keeps only whole blocks from an unaligned window', () => {
    const cache = new WindowCache(100, 64);
    cache.reset(1000);
    cache.seed(reply(50, 200, 1000));
    assert.equal(cache.row(60), undefined, 'block 0 is only half there');
    assert.equal(cache.row(150)?.input, 150);
    assert.equal(cache.row(220), undefined, 'block 2 is only half there');
  });

  it('forgets the least recently used blocks beyond its size', () => {
    const cache = new WindowCache(10, 3);
    cache.reset(1000);
    for (const b of [0, 1, 2]) cache.seed(reply(b * 10, 10, 1000));
    assert.ok(cache.row(5), 'block 0 used: now the most recent');
    cache.seed(reply(30, 10, 1000));
    assert.equal(cache.size, 3);
    assert.ok(cache.has(5) && cache.has(25) && cache.has(35));
    assert.equal(cache.has(15), false, 'block 1 was the least recently used');
  });

  it('gives up on a request that never comes back', () => {
    const cache = new WindowCache(100, 64);
    cache.reset(1000);
    assert.equal(cache.requestsFor(0, 99, 0, 1000).length, 1);
    assert.equal(cache.requestsFor(0, 99, REQUEST_TIMEOUT_MS - 1, 1000).length, 0);
    assert.equal(cache.requestsFor(0, 99, REQUEST_TIMEOUT_MS, 1000).length, 1);
  });
});
