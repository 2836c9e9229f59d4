// A zip read in ranges (.npz, torch.save files): its end record from the file's last bytes, its
// central directory, and a member's local header and data only when asked for, so listing a
// multi-GB zip reads a few kilobytes.
import { Inflate } from 'fflate';
import { FileFormatError } from './error';
import { NPY_PREAMBLE, npyHeaderEnd } from './npy';
import type { ByteSource } from './ranged';
import { entryContent, LOCAL_HEADER, localHeaderLength, ZIP_TAIL, zip64End, zipDirectory, zipEnd, type ZipEnd, type ZipEntry } from './zip';

/** The zip's entries, from its end record and central directory; `notZip` is the message for a file that is no zip. */
export async function zipEntriesOf(source: ByteSource, notZip: string): Promise<ZipEntry[]> {
  const magic = await source.read(0, Math.min(4, source.size));
  if (!(magic.length === 4 && magic[0] === 0x50 && magic[1] === 0x4b && magic[2] === 0x03 && magic[3] === 0x04))
    throw new FileFormatError(notZip, 0);
  // The end record is the last 22 bytes of a zip without a comment (torch.save and NumPy write none), a ZIP64
  // locator the 20 before; a comment hides them further back, up to ZIP_TAIL bytes from the end.
  const first = Math.min(source.size, 42);
  let end = await zipEndOf(source, first).catch(() => undefined);
  if (!end || (end.zip64Record === undefined && end.endRecord - (source.size - first) < 20 && source.size > first))
    end = await zipEndOf(source, ZIP_TAIL);
  if (end.zip64Record !== undefined) end = zip64End(await source.read(end.zip64Record, 56), end.zip64Record);
  if (end.directory + end.directorySize > source.size)
    throw new FileFormatError('The zip directory runs past the end of the file', Math.min(end.directory, source.size));
  return zipDirectory(await source.read(end.directory, end.directorySize), end.directory, end.count);
}

/** The end record, searched in the file's last `length` bytes. */
async function zipEndOf(source: ByteSource, length: number): Promise<ZipEnd> {
  const tailStart = Math.max(0, source.size - length);
  return zipEnd(await source.read(tailStart, source.size - tailStart), tailStart);
}

/** Where the entry's data starts, from its local header (`ahead` bytes of data are read with it, and returned). */
export async function memberStart(source: ByteSource, entry: ZipEntry, ahead = 0): Promise<{ start: number; first: Uint8Array }> {
  if (entry.localHeader + LOCAL_HEADER > source.size)
    throw new FileFormatError(`The zip entry ${entry.name} points at a local header that is not there`, entry.record);
  // The local name and extra field are usually as long as the directory's: one read gets them and `ahead` bytes of data.
  const guess = Math.min(source.size - entry.localHeader, LOCAL_HEADER + entry.name.length * 4 + 64 + ahead);
  const chunk = await source.read(entry.localHeader, guess);
  const start = entry.localHeader + localHeaderLength(chunk.subarray(0, LOCAL_HEADER), entry);
  if (start + entry.compressedSize > source.size)
    throw new FileFormatError(`The zip entry ${entry.name} runs past the end of the file`, source.size);
  const first = chunk.subarray(Math.min(chunk.length, start - entry.localHeader));
  return { start, first: first.subarray(0, Math.min(first.length, entry.compressedSize)) };
}

/** The entry's whole content: read, and inflated when deflated. */
export async function memberContent(source: ByteSource, entry: ZipEntry): Promise<{ start: number; content: Uint8Array }> {
  const { start } = await memberStart(source, entry);
  return { start, content: entryContent(await source.read(start, entry.compressedSize), entry, start) };
}

/** The first bytes of a deflated member's content: enough compressed bytes are inflated to hold a .npy header. */
export async function inflatedPrefix(source: ByteSource, entry: ZipEntry, start: number): Promise<Uint8Array> {
  for (let compressed = 1024; ; compressed *= 4) {
    const length = Math.min(compressed, entry.compressedSize);
    const chunks: Uint8Array[] = [];
    const inflate = new Inflate((chunk) => chunks.push(chunk));
    try {
      inflate.push(await source.read(start, length), length === entry.compressedSize);
    } catch (error) {
      throw new FileFormatError(
        `The zip entry ${entry.name} does not inflate: ${error instanceof Error ? error.message : String(error)}`,
        start,
      );
    }
    const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
    chunks.reduce((at, c) => (out.set(c, at), at + c.length), 0);
    const enough = out.length >= NPY_PREAMBLE && npyHeaderEnd(out, () => start) <= out.length;
    if (enough || length === entry.compressedSize) return out;
  }
}
