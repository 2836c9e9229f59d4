// Runs threefry.wat's SIMD hash over masks and bit arrays of any size, a
// chunk at a time through the module's memory. Compiled once on first use;
// where WebAssembly or its SIMD is unavailable (or a content security policy
// forbids compiling it) this reports "unavailable" and threefry.ts's
// JavaScript loops, which compute the same numbers, run instead.
import { THREEFRY_WASM_HEX } from './threefryBytes';
import { instantiateHex } from './wasm';

/**
 * Elements per chunk of mask bytes (words: a quarter of it). A power of two
 * that divides 2^32, so a chunk never straddles a change of the counter's
 * high word and lo + j stays below 2^32 inside the module.
 */
const MASK_CHUNK = 65536;
const WORD_CHUNK = MASK_CHUNK >> 2;
const TWO_32 = 4294967296;

interface Kernel {
  run: (k0: number, k1: number, hi: number, lo: number, n16: number, threshold: number, words: number) => void;
  u8: Uint8Array;
  u32: Uint32Array;
}

let kernel: Kernel | null | undefined;

function loadKernel(): Kernel | null {
  const module = instantiateHex(THREEFRY_WASM_HEX);
  if (module === null) return null;
  const { buffer, exports } = module;
  return {
    run: exports.run as Kernel['run'],
    u8: new Uint8Array(buffer),
    u32: new Uint32Array(buffer),
  };
}

/** Whether the WebAssembly route can run here (compiled once, then cached). */
export function threefryWasmAvailable(): boolean {
  if (kernel === undefined) kernel = loadKernel();
  return kernel !== null;
}

/**
 * mask[i] = (bits_i >>> 9) < threshold, bits_i the partitionable layout's
 * word for index i. Call only when threefryWasmAvailable().
 */
export function partitionableKeepMaskWasm(k0: number, k1: number, mask: Uint8Array, threshold: number): void {
  const k = kernel!;
  for (let start = 0; start < mask.length; start += MASK_CHUNK) {
    const count = Math.min(MASK_CHUNK, mask.length - start);
    // The last chunk is rounded up to whole turns of 16; the extra bytes are never copied out.
    k.run(k0 | 0, k1 | 0, Math.floor(start / TWO_32), start | 0, (count + 15) >> 4, threshold, 0);
    mask.set(k.u8.subarray(0, count), start);
  }
}

/** out[i] = bits_i of the partitionable layout. Call only when threefryWasmAvailable(). */
export function partitionableBitsWasm(k0: number, k1: number, out: Uint32Array): void {
  const k = kernel!;
  for (let start = 0; start < out.length; start += WORD_CHUNK) {
    const count = Math.min(WORD_CHUNK, out.length - start);
    k.run(k0 | 0, k1 | 0, Math.floor(start / TWO_32), start | 0, (count + 15) >> 4, 0, 1);
    out.set(k.u32.subarray(0, count), start);
  }
}
