// Base64 straight into a byte buffer: the debugger's replies are megabytes of it, and neither the Node
// host's Buffer nor the browser's atob (a binary string first) exists on both hosts without a copy.

const VALUES = new Uint8Array(128).fill(255);
for (let i = 0; i < 64; i++) VALUES['ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'.charCodeAt(i)] = i;

/** The number of bytes `text` decodes to. */
export function decodedLength(text: string): number {
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  return (text.length / 4) * 3 - padding;
}

/** Decodes `text` (padded base64) into `target` from `offset`; returns the number of bytes written. Throws on anything else. */
export function decodeBase64Into(text: string, target: Uint8Array, offset = 0): number {
  if (text.length % 4 !== 0) throw new Error(`Base64 text of ${text.length} characters is cut short.`);
  const n = decodedLength(text);
  if (offset + n > target.length) throw new Error(`Base64 text of ${n} bytes does not fit ${target.length - offset} bytes.`);
  let out = offset;
  const end = offset + n;
  for (let i = 0; i < text.length; i += 4) {
    const a = sextet(text, i);
    const b = sextet(text, i + 1);
    const c = text.charCodeAt(i + 2) === 61 ? 0 : sextet(text, i + 2);
    const d = text.charCodeAt(i + 3) === 61 ? 0 : sextet(text, i + 3);
    const bits = (a << 18) | (b << 12) | (c << 6) | d;
    target[out++] = bits >> 16;
    if (out < end) target[out++] = (bits >> 8) & 255;
    if (out < end) target[out++] = bits & 255;
  }
  return n;
}

/** Decodes base64 to text (the reader's JSON description is ASCII-only). */
export function decodeBase64Text(text: string): string {
  const bytes = new Uint8Array(decodedLength(text));
  decodeBase64Into(text, bytes);
  return new TextDecoder().decode(bytes);
}

function sextet(text: string, i: number): number {
  const code = text.charCodeAt(i);
  const value = code < 128 ? VALUES[code] : 255;
  if (value === 255) throw new Error(`Not base64: "${text[i]}" at ${i}.`);
  return value;
}
