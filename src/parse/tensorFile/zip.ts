// The zip container of .npz and torch.save files: the central directory lists the entries (names,
// sizes, where each starts) without touching their data; an entry's bytes are a view of the file
// when stored, and inflated (fflate) when deflated. ZIP64 records are read for files past 4 GB.
// Each record is read by a function of its own bytes, so a file read in ranges (./ranged.ts) needs
// only its tail, its directory and the local headers of the entries it opens.
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

const viewOf = (bytes: Uint8Array) => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** How many bytes at the end of a file hold its end record, a comment of up to 65535 bytes and a ZIP64 locator. */
export const ZIP_TAIL = 22 + 0xffff + 20;

/** Where the directory is, as the end record says; `zip64Record` when the ZIP64 end record must be read for it. */
export interface ZipEnd {
  count: number;
  directory: number;
  directorySize: number;
  /** Byte offset of the end record itself. */
  endRecord: number;
  /** Byte offset of the ZIP64 end record (56 bytes), when the file has one. */
  zip64Record?: number;
}

/** The end record, found in the file's last bytes (`tail`, which starts at byte `tailStart`). */
export function zipEnd(tail: Uint8Array, tailStart: number): ZipEnd {
  const view = viewOf(tail);
  const fileSize = tailStart + tail.length;
  let eocd = -1;
  for (let at = tail.length - 22; at >= Math.max(0, tail.length - 22 - 0xffff); at--) {
    if (view.getUint32(at, true) === EOCD) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) throw new FileFormatError('The zip has no end of central directory: the file is cut off or not a zip', fileSize);
  const end: ZipEnd = {
    count: view.getUint16(eocd + 10, true),
    directorySize: view.getUint32(eocd + 12, true),
    directory: view.getUint32(eocd + 16, true),
    endRecord: tailStart + eocd,
  };
  const locator = eocd - 20;
  if (locator >= 0 && view.getUint32(locator, true) === EOCD64_LOCATOR) {
    const record = u64(view, locator + 8);
    if (record + 56 > fileSize) throw new FileFormatError('The ZIP64 end record is missing', tailStart + locator);
    end.zip64Record = record;
  }
  return end;
}

/** The directory's place from the ZIP64 end record (56 bytes read at `at`). */
export function zip64End(record: Uint8Array, at: number): ZipEnd {
  const view = viewOf(record);
  if (record.length < 56 || view.getUint32(0, true) !== EOCD64) throw new FileFormatError('The ZIP64 end record is missing', at);
  return { count: u64(view, 32), directorySize: u64(view, 40), directory: u64(view, 48), endRecord: at };
}

/** The `count` entries of the central directory in `directory`, which starts at byte `start` of the file. */
export function zipDirectory(directory: Uint8Array, start: number, count: number): ZipEntry[] {
  const view = viewOf(directory);
  const end = start + directory.length;
  const entries: ZipEntry[] = [];
  let at = 0;
  for (let i = 0; i < count; i++) {
    if (at + 46 > directory.length || view.getUint32(at, true) !== CENTRAL)
      throw new FileFormatError(`Zip directory entry ${i + 1} is damaged`, Math.min(start + at, end));
    const method = view.getUint16(at + 10, true);
    let compressedSize = view.getUint32(at + 20, true);
    let size = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    let localHeader = view.getUint32(at + 42, true);
    if (at + 46 + nameLength + extraLength > directory.length)
      throw new FileFormatError(`Zip directory entry ${i + 1} is cut off`, start + at);
    const name = new TextDecoder().decode(directory.subarray(at + 46, at + 46 + nameLength));
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
    entries.push({ name, method, compressedSize, size, localHeader, record: start + at });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The entries of the zip in `bytes`, in directory order. */
export function zipEntries(bytes: Uint8Array): ZipEntry[] {
  const tailStart = Math.max(0, bytes.length - ZIP_TAIL);
  let end = zipEnd(bytes.subarray(tailStart), tailStart);
  if (end.zip64Record !== undefined) end = zip64End(bytes.subarray(end.zip64Record, end.zip64Record + 56), end.zip64Record);
  // The directory runs to the file's end at most: a larger size claimed is read as far as there are bytes.
  return zipDirectory(bytes.subarray(Math.min(end.directory, bytes.length)), Math.min(end.directory, bytes.length), end.count);
}

/** A local header's fixed part; the name and extra field follow it. */
export const LOCAL_HEADER = 30;

/** How far past its local header the entry's data begins, from the header's fixed part (`header`, read at entry.localHeader). */
export function localHeaderLength(header: Uint8Array, entry: ZipEntry): number {
  const view = viewOf(header);
  if (header.length < LOCAL_HEADER || view.getUint32(0, true) !== LOCAL) {
    throw new FileFormatError(`The zip entry ${entry.name} points at a local header that is not there`, entry.record);
  }
  return LOCAL_HEADER + view.getUint16(26, true) + view.getUint16(28, true);
}

/** Where the entry's data begins: after its local header, which is checked. */
export function zipEntryStart(bytes: Uint8Array, entry: ZipEntry): number {
  const at = entry.localHeader;
  const start = at + localHeaderLength(bytes.subarray(Math.min(at, bytes.length), at + LOCAL_HEADER), entry);
  if (start > bytes.length) throw new FileFormatError(`The local header of the zip entry ${entry.name} is cut off`, at);
  return start;
}

/** The entry's bytes: a view of the file when stored, inflated when deflated. */
export function zipEntryData(bytes: Uint8Array, entry: ZipEntry): Uint8Array {
  const start = zipEntryStart(bytes, entry);
  const end = start + entry.compressedSize;
  if (end > bytes.length) throw new FileFormatError(`The zip entry ${entry.name} runs past the end of the file`, bytes.length);
  return entryContent(bytes.subarray(start, end), entry, start);
}

/** The entry's content from its data as stored in the file (`data`, which starts at byte `start`): itself, or inflated. */
export function entryContent(data: Uint8Array, entry: ZipEntry, start: number): Uint8Array {
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
