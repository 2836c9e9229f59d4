import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { dropout } from '../../../src/engine';
import { keptPerIndex, MAX_AXIS_ENTRIES, summariseAxes } from '../../../src/viewModels/result/axisSummary';

/** The C-order multi-index of flat index i: the brute-force way, one division per axis. */
function unravel(i: number, shape: readonly number[]): number[] {
  const index = new Array<number>(shape.length);
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    index[axis] = i % shape[axis];
    i = Math.floor(i / shape[axis]);
  }
  return index;
}

/** Kept units per index along each axis, by visiting every value and unravelling its index. */
function bruteForce(mask: Uint8Array, shape: readonly number[]): number[][] {
  const counts = shape.map((length) => new Array<number>(length).fill(0));
  for (let i = 0; i < mask.length; i++) unravel(i, shape).forEach((index, axis) => (counts[axis][index] += mask[i]));
  return counts;
}

function randomMask(n: number, seed: number, keep = 0.5): Uint8Array {
  const mask = new Uint8Array(n);
  let s = seed | 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1103515245) + 12345) | 0;
    mask[i] = (s >>> 8) / 2 ** 24 < keep ? 1 : 0;
  }
  return mask;
}

describe('fraction kept per index along each axis', () => {
  it('matches a brute-force count for every shape up to 5 axes', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 5 }), fc.integer(), (shape, seed) => {
        const n = shape.reduce((a, b) => a * b, 1);
        const mask = randomMask(n, seed);
        const fast = keptPerIndex(mask, shape).map((c) => Array.from(c));
        assert.deepEqual(fast, bruteForce(mask, shape));
      }),
    );
  });

  it('matches a brute-force count on long axes, rows read four values at a time or one by one', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 600 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 13 }),
        fc.integer({ min: 0, max: 5 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer(),
        (rows, planes, width, offset, keep, seed) => {
          // Past 255 rows the packed counters are emptied; an offset mask starts off the 4-byte boundary.
          const shape = [rows, planes, width];
          const n = shape.reduce((a, b) => a * b, 1);
          const mask = randomMask(n + offset, seed, keep).subarray(offset);
          assert.deepEqual(
            keptPerIndex(mask, shape).map((c) => Array.from(c)),
            bruteForce(mask, shape),
          );
        },
      ),
      { numRuns: 60 },
    );
  });

  it('turns counts into fractions of the units that share an index', () => {
    // 2 × 3: rows [1 1 0] and [0 1 0].
    const [rows, cols] = summariseAxes(Uint8Array.from([1, 1, 0, 0, 1, 0]), [2, 3]);
    assert.deepEqual([rows.axis, rows.length, rows.unitsPerIndex, rows.indicesPerEntry], [0, 2, 3, 1]);
    assert.deepEqual(Array.from(rows.kept), [2, 1]);
    assert.deepEqual(Array.from(rows.fraction), [2 / 3, 1 / 3]);
    assert.deepEqual(Array.from(cols.fraction), [0.5, 1, 0]);
    assert.deepEqual(Array.from(cols.min), Array.from(cols.fraction));
    assert.deepEqual(Array.from(cols.max), Array.from(cols.fraction));
  });

  it('has nothing to say about 1-D or empty inputs', () => {
    assert.deepEqual(summariseAxes(Uint8Array.from([1, 0, 1]), [3]), []);
    assert.deepEqual(summariseAxes(new Uint8Array(0), [0, 4]), []);
  });

  it('pools neighbouring indices of a long axis into at most the limit, keeping the pooled fraction and the spread', () => {
    const shape = [1000, 3];
    const mask = randomMask(3000, 11, 0.3);
    const [long, short] = summariseAxes(mask, shape);
    assert.equal(short.fraction.length, 3);
    assert.equal(long.indicesPerEntry, 4); // ceil(1000 / 256)
    assert.equal(long.fraction.length, 250);
    assert.ok(long.fraction.length <= MAX_AXIS_ENTRIES);
    const perIndex = bruteForce(mask, shape)[0].map((k) => k / 3);
    for (let e = 0; e < 250; e++) {
      const run = perIndex.slice(4 * e, 4 * e + 4);
      assert.equal(
        long.kept[e],
        run.reduce((a, f) => a + 3 * f, 0),
      );
      assert.ok(Math.abs(long.fraction[e] - run.reduce((a, b) => a + b, 0) / 4) < 1e-12);
      assert.equal(long.min[e], Math.min(...run));
      assert.equal(long.max[e], Math.max(...run));
    }
  });

  it('pools a last run that is shorter than the others over its own indices only', () => {
    // 10 indices, at most 4 entries: runs of 3, 3, 3 and 1.
    const mask = Uint8Array.from([1, 1, 1, 0, 0, 0, 1, 0, 1, 1].flatMap((m) => [m, m]));
    const [axis] = summariseAxes(mask, [10, 2], 4);
    assert.equal(axis.indicesPerEntry, 3);
    assert.deepEqual(Array.from(axis.fraction), [1, 0, 2 / 3, 1]);
    assert.deepEqual(Array.from(axis.min), [1, 0, 0, 1]);
    assert.deepEqual(Array.from(axis.max), [1, 0, 1, 1]);
  });

  it('shows channel-wise dropout: sharing every axis but the channels leaves each channel wholly kept or dropped', () => {
    const shape = [2, 6, 4, 5];
    const x = { shape, dtype: 'float32' as const, data: new Float32Array(240).fill(1) };
    // Dropout2d shares over H and W: each (sample, channel) plane is kept or dropped whole.
    const planes = dropout(x, { p: 0.5, mode: 'train', seed: 3, rng: 'torch', broadcastDims: [2, 3] }).mask;
    const summary = summariseAxes(planes, shape);
    for (const f of summary[1].fraction) assert.ok([0, 0.5, 1].includes(f), `per channel ${f}`);
    // Sharing over the batch as well: one draw per channel, so 0 or 1 only, and the count matches the mask.
    const channels = dropout(x, { p: 0.5, mode: 'train', seed: 3, rng: 'torch', broadcastDims: [0, 2, 3] }).mask;
    const perChannel = summariseAxes(channels, shape)[1];
    for (let c = 0; c < 6; c++) assert.equal(perChannel.fraction[c], channels[c * 20]);
    // Element-wise, with 40 units per channel, some channel lands strictly between.
    const elementWise = summariseAxes(dropout(x, { p: 0.5, mode: 'train', seed: 3, rng: 'torch' }).mask, shape)[1];
    assert.ok(Array.from(elementWise.fraction).some((f) => f > 0 && f < 1));
  });
});
