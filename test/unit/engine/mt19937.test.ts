// MT19937 as torch seeds it: the reference outputs, and the SIMD twist
// agreeing with the JavaScript one word for word.
import * as assert from 'node:assert/strict';
import { createMt19937, mtNextInt32, mtTwistSimdAvailable, twistJs } from '../../../src/engine/rng/mt19937';

describe('engine MT19937', () => {
  it('init_genrand(5489) gives the reference first outputs (mt19937ar.c)', () => {
    const g = createMt19937(5489);
    const first = Array.from({ length: 5 }, () => mtNextInt32(g) >>> 0);
    assert.deepEqual(first, [3499211612, 581869302, 3890346734, 3586334585, 545404204]);
  });

  it("the 10000th output for seed 5489 is 4123659995 (the C++ standard's check)", () => {
    const g = createMt19937(5489);
    let w = 0;
    for (let i = 0; i < 10000; i++) w = mtNextInt32(g);
    assert.equal(w >>> 0, 4123659995);
  });

  it('SIMD is available in this Node, so the tests exercise the SIMD twist', () => {
    assert.ok(mtTwistSimdAvailable());
  });

  for (const seed of [0, 1, 5489, 0xffffffff, 123456789]) {
    it(`the twist in use and the JavaScript twist agree over 5 blocks (seed ${seed})`, () => {
      const g = createMt19937(seed);
      const state = g.state.slice();
      const out = new Int32Array(624);
      for (let block = 0; block < 5; block++) {
        twistJs(state, out);
        for (let i = 0; i < 624; i++) assert.equal(mtNextInt32(g), out[i], `block ${block} word ${i}`);
      }
    });
  }

  it('two generators drawing in turn keep separate streams', () => {
    const a = createMt19937(1);
    const b = createMt19937(2);
    const a2 = createMt19937(1);
    const b2 = createMt19937(2);
    const interleaved: number[] = [];
    for (let i = 0; i < 1500; i++) interleaved.push(mtNextInt32(a), mtNextInt32(b));
    for (let i = 0; i < 1500; i++) {
      assert.equal(interleaved[2 * i], mtNextInt32(a2));
    }
    for (let i = 0; i < 1500; i++) {
      assert.equal(interleaved[2 * i + 1], mtNextInt32(b2));
    }
  });
});
