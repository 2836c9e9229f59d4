// A tensor file that cannot be read: what was found, and the byte offset where reading stopped.

export class FileFormatError extends Error {
  constructor(
    message: string,
    /** Byte offset in the file where the problem was found. */
    readonly offset: number,
  ) {
    super(`${message} (at byte ${offset})`);
    this.name = 'FileFormatError';
  }
}
