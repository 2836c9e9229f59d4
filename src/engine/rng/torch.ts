// torch.manual_seed(seed) then bernoulli_(keep) on CPU, as F.dropout draws its
// mask: MT19937 seeded with the seed's low 32 bits; per element, in C order,
// hi = mt(), lo = mt(), u = ((hi * 2^32 + lo) mod 2^53) * 2^-53, kept = u < keep.
// The same two draws per element for every dtype.
import type { DType, MaskSource, Seed } from '../types';
import { seedLow32 } from '../seed';
import { createMt19937, mtNextInt32, torchBernoulli, torchDropoutF32, torchDropoutF64, type Mt19937 } from './mt19937';
import type { FusedMaskSource } from './fused';

const TWO_32 = 4294967296;
const TWO_53 = 9007199254740992;

/** torch's 53-bit uniform in [0, 1) from the next two words. */
function torchUniform53(mt: Mt19937): number {
  const hi = mtNextInt32(mt) & 0x1fffff;
  const lo = mtNextInt32(mt) >>> 0;
  return (hi * TWO_32 + lo) / TWO_53;
}

export class TorchSource implements MaskSource, FusedMaskSource {
  private readonly mt: Mt19937;

  constructor(seed: Seed) {
    this.mt = createMt19937(seedLow32(seed));
  }

  fillKeepMask(mask: Uint8Array, keep: number, _dtype: DType): void {
    torchBernoulli(this.mt, mask, 0, mask.length, keep);
  }

  dropoutMultiply(
    x: Float32Array | Float64Array,
    out: Float32Array | Float64Array,
    mask: Uint8Array,
    keep: number,
    table: Float64Array,
    acc: Float64Array,
  ): number {
    return x instanceof Float32Array
      ? torchDropoutF32(this.mt, x, out as Float32Array, mask, keep, table, acc)
      : torchDropoutF64(this.mt, x, out as Float64Array, mask, keep, table, acc);
  }

  /**
   * Box–Muller over the stream's 53-bit uniforms (two per pair of normals).
   * Not bit-exact with any framework: torch's own normal_ draws differently.
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
