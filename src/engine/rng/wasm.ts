// Instantiates one of the engine's small WebAssembly modules (embedded as
// hex), or returns null where WebAssembly, its SIMD or compiling it at run
// time (a content security policy) is unavailable; callers then run their
// JavaScript loops, which compute the same numbers.

/** The little of the WebAssembly API used here (this project's Node/ES2022 typings do not declare it). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
}

export interface WasmModule {
  exports: Record<string, unknown>;
  /** The module's exported memory. */
  buffer: ArrayBuffer;
}

function hexBytes(hex: string): Uint8Array {
  const bytes = new Uint8Array(hex.length >> 1);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.substr(2 * i, 2), 16);
  return bytes;
}

export function instantiateHex(hex: string): WasmModule | null {
  const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  if (wasm === undefined) return null;
  try {
    const instance = new wasm.Instance(new wasm.Module(hexBytes(hex)), {});
    return { exports: instance.exports, buffer: (instance.exports.memory as { buffer: ArrayBuffer }).buffer };
  } catch {
    return null;
  }
}
