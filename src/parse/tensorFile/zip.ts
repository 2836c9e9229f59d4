// The zip container of .npz and torch.save files: the central directory lists the entries (names,
// sizes, where each starts) without touching their data; an entry's bytes are a view of the file
// when stored, and inflated (fflate) when deflated. ZIP64 records are read for files past 4 GB.
import { inflateSync } from 'fflate';
import { FileFormatError } from './error';

export interface ZipEntry {
  name: string;
  /** 0 = stored, 8 = deflated. */
  method: number;
  compressedSize: number;
  size: number;
  /** Byte offset of the entry's local header. */
  localHeader: number;
  /** Byte offset of the entry's record in the central directory (where a bad pointer was read). */
  record: number;
}

const EOCD = 0x06054b50;
const EOCD64_LOCATOR = 0x07064b50;
const EOCD64 = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

function u64(view: DataView, at: number): number {
  return Number(view.getBigUint64(at, true));
}

/** The entries of the zip in `bytes`, in directory order. */
export function zipEntries(bytes: Uint8Array): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end record is in the last 22 + 65535 bytes (its comment is at most 65535 long).
  let eocd = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
    if (view.getUint32(at, true) === EOCD) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) throw new FileFormatError('The zip has no end of central directory: the file is cut off or not a zip', bytes.length);
  let count = view.getUint16(eocd + 10, true);
  let directory = view.getUint32(eocd + 16, true);
  const locator = eocd - 20;
  if (locator >= 0 && view.getUint32(locator, true) === EOCD64_LOCATOR) {
    const record = u64(view, locator + 8);
    if (record + 56 > bytes.length || view.getUint32(record, true) !== EOCD64)
      throw new FileFormatError('The ZIP64 end record is missing', locator);
    count = u64(view, record + 32);
    directory = u64(view, record + 48);
  }
  const entries: ZipEntry[] = [];
  let at = directory;
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== CENTRAL)
      throw new FileFormatError(`Zip directory entry ${i + 1} is damaged`, Math.min(at, bytes.length));
    const method = view.getUint16(at + 10, true);
    let compressedSize = view.getUint32(at + 20, true);
    let size = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    let localHeader = view.getUint32(at + 42, true);
    if (at + 46 + nameLength + extraLength > bytes.length) throw new FileFormatError(`Zip directory entry ${i + 1} is cut off`, at);
    const name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength));
    // ZIP64: the sizes and offset that did not fit in 32 bits follow in the extra field, in this order.
    for (let x = at + 46 + nameLength; x + 4 <= at + 46 + nameLength + extraLength;) {
      const id = view.getUint16(x, true);
      const length = view.getUint16(x + 2, true);
      if (id === 0x0001) {
        let field = x + 4;
        if (size === 0xffffffff) {
          size = u64(view, field);
          field += 8;
        }
        if (compressedSize === 0xffffffff) {
          compressedSize = u64(view, field);
          field += 8;
        }
        if (localHeader === 0xffffffff) localHeader = u64(view, field);
      }
      x += 4 + length;
    }
    entries.push({ name, method, compressedSize, size, localHeader, record: at });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Where the entry's data begins: after its local header, which is checked. */
export function zipEntryStart(bytes: Uint8Array, entry: ZipEntry): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = entry.localHeader;
  if (at + 30 > bytes.length || view.getUint32(at, true) !== LOCAL) {
    throw new FileFormatError(`The zip entry ${entry.name} points at a local header that is not there`, entry.record);
  }
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  if (start > bytes.length) throw new FileFormatError(`The local header of the zip entry ${entry.name} is cut off`, at);
  return start;
}

/** The entry's bytes: a view of the file when stored, inflated when deflated. */
export function zipEntryData(bytes: Uint8Array, entry: ZipEntry): Uint8Array {
  const start = zipEntryStart(bytes, entry);
  const end = start + entry.compressedSize;
  if (end > bytes.length) throw new FileFormatError(`The zip entry ${entry.name} runs past the end of the file`, bytes.length);
  const data = bytes.subarray(start, end);
  if (entry.method === 0) return data;
  if (entry.method !== 8) {
    throw new FileFormatError(
      `The zip entry ${entry.name} uses compression method ${entry.method}; only stored and deflated entries are read`,
      entry.record,
    );
  }
  // Deflate makes at most about 1032 bytes of each byte it stores: a larger claim is a damaged directory, not a buffer to allocate.
  if (entry.size > (entry.compressedSize + 1) * 1032) {
    throw new FileFormatError(
      `The zip entry ${entry.name} claims ${entry.size} bytes from ${entry.compressedSize} deflated ones`,
      entry.record,
    );
  }
  try {
    const inflated = inflateSync(data, { out: new Uint8Array(entry.size) });
    if (inflated.length !== entry.size) throw new Error(`${inflated.length} bytes instead of ${entry.size}`);
    return inflated;
  } catch (error) {
    throw new FileFormatError(
      `The zip entry ${entry.name} does not inflate: ${error instanceof Error ? error.message : String(error)}`,
      start,
    );
  }
}
