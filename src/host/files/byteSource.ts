// Where a tensor file's bytes come from: ranged reads of a local file, or vscode.workspace.fs for any
// other file system (remote, virtual, the browser), which reads files whole.
import * as vscode from 'vscode';
import { type ByteSource, bytesSource } from '../../parse';
import { localByteSource } from './localFiles';

export async function openByteSource(uri: vscode.Uri): Promise<{ source: ByteSource; ranged: boolean }> {
  const local = await localByteSource(uri);
  if (local) return { source: local, ranged: true };
  return { source: bytesSource(await vscode.workspace.fs.readFile(uri)), ranged: false };
}
