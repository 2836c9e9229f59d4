// A PNG's header, the bytes the checks of a PNG read, for tests of the messages that carry one.

/** A PNG's first 24 bytes: the signature and the IHDR chunk's length, type, width and height. */
export function pngHeader(width: number, height: number, length = 33): Uint8Array {
  const bytes = new Uint8Array(length);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  const view = new DataView(bytes.buffer);
  view.setUint32(16, width);
  view.setUint32(20, height);
  return bytes;
}
