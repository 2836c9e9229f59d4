// Where the last input waits for the next window: a file in the extension's workspace storage folder.
// Not the workspace memento: in a browser workbench (code-server, vscode.dev) the memento lives in
// the browser's storage, written in the background and flushed on unload, so a reload soon after a
// new input could come back to an older input or none. The file is written by the extension host
// itself (on the machine that runs it) before the input counts as saved. Without a workspace
// folder there is no storage folder, and the memento is used.
import * as vscode from 'vscode';
import type { InputStore } from '../controller/ports';

const MEMENTO_KEY = 'dropoutPlayground.lastInput';
const FILE_NAME = 'last-input.json';

export function lastInputStore<T extends { text: string }>(
  context: Pick<vscode.ExtensionContext, 'storageUri' | 'workspaceState'>,
): InputStore<T> {
  const folder = context.storageUri;
  const memento = context.workspaceState;
  if (!folder) {
    return {
      load: async () => memento.get<T>(MEMENTO_KEY),
      save: (input) => Promise.resolve(memento.update(MEMENTO_KEY, input)),
    };
  }
  const file = vscode.Uri.joinPath(folder, FILE_NAME);
  // One write at a time, in the order asked: two quick inputs must not land out of order or interleaved.
  let writing: Promise<void> = Promise.resolve();
  const write = async (input: T | undefined) => {
    if (input === undefined) {
      await vscode.workspace.fs.delete(file).then(undefined, () => undefined);
      return;
    }
    await vscode.workspace.fs.createDirectory(folder);
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(JSON.stringify(input)));
  };
  return {
    async load() {
      try {
        return JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(file))) as T;
      } catch {
        return undefined; // none saved yet, or unreadable: the panel starts empty
      }
    },
    save(input) {
      const next = writing.then(() => write(input));
      writing = next.catch(() => undefined); // a failed write is reported to its caller, not to the next
      return next;
    },
  };
}
