// np.random.default_rng(seed) drawing a dropout mask, as the playground's
// numpy convention writes it: mask = rng.random(shape, dtype) < keep.
// SeedSequence + PCG64 bit for bit (seedSequence.ts, pcg64.ts); the draws run
// in WebAssembly where it is available, else in JavaScript: same numbers.
import type { DType, MaskSource, Seed } from '../types';
import { seedToBigInt } from '../seed';
import { pcg64KeepF32Js, pcg64KeepF64Js, pcg64NextDouble, seedPcg64, type Pcg64State } from './pcg64';
import { pcg64KeepWasm, pcg64UniformWasm, pcg64WasmAvailable } from './pcg64Wasm';

export class NumpySource implements MaskSource {
  /** The PCG64 stream (layout in pcg64.ts); exposed for tests. */
  readonly state: Pcg64State;
  private readonly useWasm: boolean;

  /** `useWasm: false` forces the JavaScript route (tests check that both agree). */
  constructor(seed: Seed, useWasm = true) {
    const value = seedToBigInt(seed);
    // NumPy's SeedSequence refuses negative entropy with these words.
    if (value < 0n) throw new Error(`The numpy convention needs a non-negative seed: expected non-negative integer, got ${value}.`);
    this.state = seedPcg64(value);
    this.useWasm = useWasm && pcg64WasmAvailable();
  }

  fillKeepMask(mask: Uint8Array, keep: number, dtype: DType): void {
    this.fillKeepMaskRange(mask, 0, mask.length, keep, dtype);
  }

  /**
   * mask[from..to) only, continuing the stream: consecutive ranges draw what
   * one fillKeepMask over their union draws (the float32 half is buffered in
   * the state). Lets a caller apply the rule to each range while it is still
   * in cache.
   */
  fillKeepMaskRange(mask: Uint8Array, from: number, to: number, keep: number, dtype: DType): void {
    if (this.useWasm) pcg64KeepWasm(this.state, mask, keep, dtype === 'float32', from, to);
    else if (dtype === 'float32') pcg64KeepF32Js(this.state, mask, from, to, keep);
    else pcg64KeepF64Js(this.state, mask, from, to, keep);
  }

  /** The next out.length rng.random() doubles. */
  fillUniform(out: Float64Array): void {
    if (this.useWasm) pcg64UniformWasm(this.state, out);
    else for (let i = 0; i < out.length; i++) out[i] = pcg64NextDouble(this.state);
  }

  /**
   * Box–Muller over the stream's random() doubles (two per pair of normals).
   * Not bit-exact with rng.standard_normal, which uses a ziggurat.
   */
  fillStandardNormal(out: Float64Array): void {
    const u = new Float64Array(2 * Math.ceil(out.length / 2));
    this.fillUniform(u);
    for (let i = 0; i < out.length; i += 2) {
      const r = Math.sqrt(-2 * Math.log(1 - u[i]));
      out[i] = r * Math.cos(2 * Math.PI * u[i + 1]);
      if (i + 1 < out.length) out[i + 1] = r * Math.sin(2 * Math.PI * u[i + 1]);
    }
  }
}

export function createNumpySource(seed: Seed): NumpySource {
  return new NumpySource(seed);
}
