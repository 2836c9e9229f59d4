// torch.manual_seed(seed) then bernoulli_(keep) on CPU, as F.dropout draws its
// mask: MT19937 seeded with the seed's low 32 bits; per element, in C order,
// hi = mt(), lo = mt(), u = ((hi * 2^32 + lo) mod 2^53) * 2^-53, kept = u < keep.
// The same two draws per element for every dtype.
import type { DType, MaskSource, Seed } from '../types';
import { seedLow32 } from '../seed';
import { createMt19937, MT_N, mtNextInt32, mtTwist, type Mt19937 } from './mt19937';
import type { StreamingMaskSource } from './streaming';

const INT_MIN = 0x80000000 | 0;
const TWO_32 = 4294967296;
const TWO_53 = 9007199254740992;

/**
 * Writes mask[start..end) for keep probability `keep`, continuing the stream.
 * u < keep  <=>  u53 < ceil(keep * 2^53) for the 53-bit integer u53; that
 * threshold is split into a high part (compared with hi & 0x1fffff) and a low
 * 32-bit part (compared with lo only on a tie, 1 time in 2^21).
 */
export function torchBernoulli(mt: Mt19937, mask: Uint8Array, start: number, end: number, keep: number): void {
  const c = Math.ceil(keep * TWO_53);
  const chi = Math.floor(c / TWO_32) | 0;
  // Unsigned order of lo equals signed order of lo ^ INT_MIN.
  const loLimit = ((c - chi * TWO_32) | 0) ^ INT_MIN;
  const out = mt.out;
  let pos = mt.pos;
  let i = start;
  while (i < end) {
    if (pos >= MT_N - 1) {
      if (pos === MT_N - 1) {
        // A pair that straddles two blocks (only after an odd number of draws).
        const hi = out[pos] & 0x1fffff;
        mtTwist(mt);
        mask[i++] = hi < chi || (hi === chi && (out[0] ^ INT_MIN) < loLimit) ? 1 : 0;
        pos = 1;
        continue;
      }
      mtTwist(mt);
      pos = 0;
    }
    const stop = Math.min(end, i + ((MT_N - pos) >> 1));
    for (; i < stop; i++) {
      const hi = out[pos] & 0x1fffff;
      let k = ((hi - chi) >> 31) & 1;
      if (hi === chi) k = (out[pos + 1] ^ INT_MIN) < loLimit ? 1 : 0;
      mask[i] = k;
      pos += 2;
    }
  }
  mt.pos = pos;
}

/** torch's 53-bit uniform in [0, 1) from the next two words. */
export function torchUniform53(mt: Mt19937): number {
  const hi = mtNextInt32(mt) & 0x1fffff;
  const lo = mtNextInt32(mt) >>> 0;
  return (hi * TWO_32 + lo) / TWO_53;
}

export class TorchSource implements MaskSource, StreamingMaskSource {
  readonly mt: Mt19937;

  constructor(seed: Seed) {
    this.mt = createMt19937(seedLow32(seed));
  }

  fillKeepMask(mask: Uint8Array, keep: number, _dtype: DType): void {
    torchBernoulli(this.mt, mask, 0, mask.length, keep);
  }

  fillKeepMaskRange(mask: Uint8Array, start: number, end: number, keep: number): void {
    torchBernoulli(this.mt, mask, start, end, keep);
  }

  /**
   * Box–Muller over the stream's 53-bit uniforms (two per pair of normals).
   * Not bit-exact with any framework: torch's own normal_ uses other paths.
   */
  fillStandardNormal(out: Float64Array): void {
    for (let i = 0; i < out.length; i += 2) {
      const u1 = torchUniform53(this.mt);
      const u2 = torchUniform53(this.mt);
      const r = Math.sqrt(-2 * Math.log(1 - u1));
      out[i] = r * Math.cos(2 * Math.PI * u2);
      if (i + 1 < out.length) out[i + 1] = r * Math.sin(2 * Math.PI * u2);
    }
  }
}

export function createTorchSource(seed: Seed): TorchSource {
  return new TorchSource(seed);
}
