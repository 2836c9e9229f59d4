// np.random.default_rng(seed) drawing a dropout mask: the playground's numpy
// convention is `mask = rng.random(shape, dtype) < keep`, so this replays
// SeedSequence -> PCG64 and NumPy's float conversions bit for bit.
import type { DType, MaskSource, Seed } from '../types';
import { PCG64_STATE_WORDS, Pcg64 } from './pcg64';
import { pcg64KeepWasm, pcg64WasmAvailable } from './pcg64Wasm';
import { numpySeedToBigInt } from './seedSequence';

const TWO_POW_24 = 16777216;
const TWO_POW_53 = 9007199254740992;

/**
 * Whether masks go through the WebAssembly kernel (i64 arithmetic, several
 * times faster) when it can run. The JavaScript loops below draw the same
 * numbers; tests switch this off to check them against NumPy too.
 */
export const numpyWasm = { enabled: true };

const wasmState: Int32Array = new Int32Array(PCG64_STATE_WORDS);

class NumpySource implements MaskSource {
  constructor(private readonly rng: Pcg64) {}

  fillKeepMask(mask: Uint8Array, keep: number, dtype: DType): void {
    const rng = this.rng;
    const n = mask.length;
    if (numpyWasm.enabled && pcg64WasmAvailable()) {
      rng.saveState(wasmState);
      pcg64KeepWasm(wasmState, mask, keep, dtype === 'float32');
      rng.loadState(wasmState);
      return;
    }
    if (dtype === 'float32') {
      // random(dtype=float32) = (u32 >> 8) * 2^-24, compared with keep rounded to
      // float32 (NumPy casts the Python float to the array's dtype). Scaling both
      // sides by 2^24 is exact, so compare the integers directly.
      const limit = Math.fround(keep) * TWO_POW_24;
      let i = 0;
      if (i < n && rng.hasUint32) {
        // The high half buffered by the previous call comes first.
        rng.hasUint32 = false;
        mask[i++] = (rng.uint32 >>> 8) < limit ? 1 : 0;
      }
      for (; i + 1 < n; i += 2) {
        rng.next64();
        mask[i] = (rng.lo >>> 8) < limit ? 1 : 0;
        mask[i + 1] = (rng.hi >>> 8) < limit ? 1 : 0;
      }
      if (i < n) mask[i] = (rng.nextUint32() >>> 8) < limit ? 1 : 0;
      return;
    }
    // random() float64 = (u64 >> 11) * 2^-53 < keep  <=>  (u64 >> 11) < keep * 2^53 (exact).
    const limit = keep * TWO_POW_53;
    for (let i = 0; i < n; i++) {
      rng.next64();
      mask[i] = rng.hi * 2097152 + (rng.lo >>> 11) < limit ? 1 : 0;
    }
  }

  /**
   * Standard normal draws by Box–Muller over this PCG64 stream. NOT bit-exact
   * with NumPy's standard_normal, which uses a ziggurat: the distribution is
   * right, the individual values are not NumPy's.
   */
  fillStandardNormal(out: Float64Array): void {
    const rng = this.rng;
    for (let i = 0; i < out.length; i += 2) {
      const u1 = 1 - rng.nextDouble(); // (0, 1]: log stays finite
      const u2 = rng.nextDouble();
      const radius = Math.sqrt(-2 * Math.log(u1));
      out[i] = radius * Math.cos(2 * Math.PI * u2);
      if (i + 1 < out.length) out[i + 1] = radius * Math.sin(2 * Math.PI * u2);
    }
  }
}

/**
 * rng.binomial(1, keep, n) into `mask`: NumPy's inversion algorithm for n = 1
 * (p <= 0.5 directly, otherwise n - binomial(1 - p)); p = 0 draws nothing.
 * Not the playground's convention (that is random() < keep), kept so the two
 * NumPy idioms can be compared draw for draw.
 */
export function binomialOneInto(rng: Pcg64, keep: number, mask: Uint8Array): void {
  if (keep === 0) { mask.fill(0); return; }
  const flip = keep > 0.5;
  const p = flip ? 1 - keep : keep;
  const q = 1 - p;
  const qn = Math.exp(Math.log(q)); // exp(n log q) with n = 1, as NumPy computes it
  const bound = Math.min(1, Math.trunc(p + 10 * Math.sqrt(p * q + 1)));
  for (let i = 0; i < mask.length; i++) {
    let x = 0;
    let px = qn;
    let u = rng.nextDouble();
    while (u > px) {
      x++;
      if (x > bound) { x = 0; px = qn; u = rng.nextDouble(); }
      else { u -= px; px = ((1 - x + 1) * p * px) / (x * q); }
    }
    mask[i] = flip ? 1 - x : x;
  }
}

/** The bare generator behind a numpy source (tests compare extra draws with NumPy's). */
export function createNumpyGenerator(seed: Seed): Pcg64 {
  return Pcg64.fromSeed(numpySeedToBigInt(seed));
}

/** A numpy mask source over an existing generator, sharing its stream. */
export function numpySourceFor(rng: Pcg64): MaskSource {
  return new NumpySource(rng);
}

/** np.random.default_rng(seed). Negative seeds throw, as NumPy does. */
export function createNumpySource(seed: Seed): MaskSource {
  return new NumpySource(Pcg64.fromSeed(numpySeedToBigInt(seed)));
}
