// Where a tensor file's bytes come from: ranged reads of a local file, or vscode.workspace.fs for any
// other file system (remote, virtual, the browser), which reads files whole.
import * as vscode from 'vscode';
import { type ByteSource, bytesSource } from '../../parse';

/** Ranged reads of a file on this machine (the Node host's localFiles.ts); undefined for other files. */
export type LocalFiles = (uri: vscode.Uri) => Promise<ByteSource | undefined>;

/** The file's bytes: in ranges where `local` can read it (absent in a browser host), else whole. */
export async function openByteSource(uri: vscode.Uri, local?: LocalFiles): Promise<{ source: ByteSource; ranged: boolean }> {
  const ranged = local && (await local(uri));
  if (ranged) return { source: ranged, ranged: true };
  return { source: bytesSource(await vscode.workspace.fs.readFile(uri)), ranged: false };
}
