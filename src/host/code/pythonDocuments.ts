// The dropout calls of an open Python document, scanned once per version. A notebook cell reads
// its names through the imports of every code cell of its notebook, since they share one kernel.
import * as vscode from 'vscode';
import { type DropoutCall, type ImportAliases, importsOf, scanDropoutCalls } from '../../parse/dropoutCalls';

/** Python files, untitled buffers and notebook cells. */
export const PYTHON_SELECTOR: vscode.DocumentSelector = [
  { language: 'python', scheme: 'file' },
  { language: 'python', scheme: 'untitled' },
  { language: 'python', scheme: 'vscode-notebook-cell' },
  { language: 'python', scheme: 'vscode-remote' },
  { language: 'python', scheme: 'vscode-vfs' },
];

const cache = new WeakMap<vscode.TextDocument, { version: number; notebookKey: string; calls: DropoutCall[] }>();

/** The notebook that holds `document` as a cell, if any. */
function notebookOf(document: vscode.TextDocument): vscode.NotebookDocument | undefined {
  if (document.uri.scheme !== 'vscode-notebook-cell') return undefined;
  return vscode.workspace.notebookDocuments.find((notebook) => notebook.getCells().some((cell) => cell.document === document));
}

/** The import aliases of the notebook's other code cells, and a key that changes when they may have. */
function notebookImports(document: vscode.TextDocument): { key: string; imports?: ImportAliases } {
  const notebook = notebookOf(document);
  if (!notebook) return { key: '' };
  const cells = notebook.getCells().filter((cell) => cell.kind === vscode.NotebookCellKind.Code && cell.document !== document);
  const imports: ImportAliases = new Map();
  for (const cell of cells) importsOf(cell.document.getText(), imports);
  return { key: cells.map((cell) => `${cell.document.uri.toString()}@${cell.document.version}`).join(','), imports };
}

/** The document's dropout calls, rescanned only when it (or, for a cell, its notebook) changed. */
export function dropoutCallsIn(document: vscode.TextDocument): DropoutCall[] {
  const { key, imports } = notebookImports(document);
  const cached = cache.get(document);
  if (cached && cached.version === document.version && cached.notebookKey === key) return cached.calls;
  const calls = scanDropoutCalls(document.getText(), imports ? { imports } : {});
  cache.set(document, { version: document.version, notebookKey: key, calls });
  return calls;
}

export function isPythonDocument(document: vscode.TextDocument): boolean {
  return vscode.languages.match(PYTHON_SELECTOR, document) > 0;
}
