// The one Node-only part of opening tensor files: ranged reads of a local file, so a multi-GB
// checkpoint is listed from its header and only the chosen tensor's bytes are read. Only the Node
// entry (nodeMain.ts) passes it in; in a browser host every file is read whole.
import { open } from 'node:fs/promises';
import type * as vscode from 'vscode';
import type { ByteSource } from '../../parse';

/** A ranged reader of a `file:` URI on this machine, or undefined for any other scheme. */
export async function localByteSource(uri: vscode.Uri): Promise<ByteSource | undefined> {
  if (uri.scheme !== 'file') return undefined;
  const handle = await open(uri.fsPath, 'r');
  try {
    const { size } = await handle.stat();
    return {
      size,
      // One open per read: the source outlives no command, and a watcher's re-read opens the new file.
      read: async (offset, length, into) => {
        const file = await open(uri.fsPath, 'r');
        try {
          const bytes = into ?? new Uint8Array(length);
          let done = 0;
          while (done < length) {
            const { bytesRead } = await file.read(bytes, done, length - done, offset + done);
            if (bytesRead === 0) throw new Error(`${uri.fsPath} ended at byte ${offset + done} while ${offset + length} were expected`);
            done += bytesRead;
          }
          return bytes;
        } finally {
          await file.close();
        }
      },
    };
  } finally {
    await handle.close();
  }
}
