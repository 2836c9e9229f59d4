// Runs pcg64.wat's loops over masks of any size, a chunk at a time through
// the module's memory, swapping the caller's stream in and out. Compiled once
// on first use; where WebAssembly is unavailable (or a content security policy
// forbids compiling it) this reports "unavailable" and pcg64.ts's JavaScript
// loops, which draw the same numbers, run instead.
import type { Pcg64State } from './pcg64';
import { PCG64_WASM_HEX } from './pcg64Bytes';
import { instantiateHex } from './wasm';

const DATA = 64;
const CHUNK = 65536;
const STATE_WORDS = 10;

interface Kernel {
  /** limit = ceil(keep * 2^53) */
  keepF64: (n: number, limit: number) => void;
  /** limit = ceil(f32(keep) * 2^24) */
  keepF32: (n: number, limit: number) => void;
  uniformF64: (n: number) => void;
  i32: Int32Array;
  u8: Uint8Array;
  f64: Float64Array;
}

let kernel: Kernel | null | undefined;

function loadKernel(): Kernel | null {
  const module = instantiateHex(PCG64_WASM_HEX);
  if (module === null) return null;
  const { buffer, exports } = module;
  return {
    keepF64: exports.keepF64 as Kernel['keepF64'],
    keepF32: exports.keepF32 as Kernel['keepF32'],
    uniformF64: exports.uniformF64 as Kernel['uniformF64'],
    i32: new Int32Array(buffer),
    u8: new Uint8Array(buffer),
    f64: new Float64Array(buffer),
  };
}

/** Whether the WebAssembly route can run here (compiled once, then cached). */
export function pcg64WasmAvailable(): boolean {
  if (kernel === undefined) kernel = loadKernel();
  return kernel !== null;
}

/** mask[from..to) = random(dtype) < keep (the whole mask by default). Call only when pcg64WasmAvailable(). */
export function pcg64KeepWasm(s: Pcg64State, mask: Uint8Array, keep: number, float32: boolean, from = 0, to = mask.length): void {
  const k = kernel!;
  k.i32.set(s, 0);
  // The kernels compare the draw's integer bits: u * 2^-b < keep exactly when u < ceil(keep * 2^b).
  const scaled = float32 ? Math.ceil(Math.fround(keep) * 2 ** 24) : Math.ceil(keep * 2 ** 53);
  const limit = scaled > 0 ? scaled : 0; // (a NaN keep keeps nothing, as the comparison would)
  for (let start = from; start < to; start += CHUNK) {
    const count = Math.min(CHUNK, to - start);
    if (float32) k.keepF32(count, limit);
    else k.keepF64(count, limit);
    mask.set(k.u8.subarray(DATA, DATA + count), start);
  }
  s.set(k.i32.subarray(0, STATE_WORDS));
}

/** out = the next out.length random() doubles. Call only when pcg64WasmAvailable(). */
export function pcg64UniformWasm(s: Pcg64State, out: Float64Array): void {
  const k = kernel!;
  k.i32.set(s, 0);
  const perChunk = CHUNK >> 3;
  for (let start = 0; start < out.length; start += perChunk) {
    const count = Math.min(perChunk, out.length - start);
    k.uniformF64(count);
    out.set(k.f64.subarray(DATA >> 3, (DATA >> 3) + count), start);
  }
  s.set(k.i32.subarray(0, STATE_WORDS));
}
