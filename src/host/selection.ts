// Turns the user's selection (or a caller's arguments) into text plus where it
// came from. No parsing here: that is src/parse's job.
import * as vscode from 'vscode';
import type { ActivationFormat } from '../parse';
import type { TextInput } from '../controller/playground';

/** Arguments that let a caller (a test, a keybinding, another extension) skip the editor. */
export interface OpenArgs {
  uri?: string;
  selection?: { start: { line: number; character: number }; end: { line: number; character: number } };
  text?: string;
  /** What to call `text` in the panel and in messages (e.g. "train.ipynb, cell 3 output"). */
  label?: string;
  format?: ActivationFormat;
}

function documentLabel(document: vscode.TextDocument): string {
  const path = document.uri.path;
  return document.isUntitled ? document.uri.path || 'Untitled' : path.slice(path.lastIndexOf('/') + 1);
}

function rangeLabel(range: vscode.Range): string {
  const first = range.start.line + 1;
  // A selection that ends at column 0 of a line does not really include that line.
  const last = range.end.character === 0 && range.end.line > range.start.line ? range.end.line : range.end.line + 1;
  return first === last ? `line ${first}` : `lines ${first}–${last}`;
}

/** The text to read and, when it is in a document, where: the panel follows edits there. */
export interface ResolvedInput {
  input: TextInput;
  document?: vscode.TextDocument;
  /** The selection read, or undefined for the whole document. */
  range?: vscode.Range;
}

function fromDocument(document: vscode.TextDocument, selection: vscode.Range | undefined, format?: ActivationFormat): ResolvedInput {
  const range = !selection || selection.isEmpty ? undefined : selection;
  return { input: inputFromDocument(document, range, format), document, ...(range ? { range } : {}) };
}

/** The selected text, or the whole document when the selection is empty. */
export function inputFromDocument(
  document: vscode.TextDocument,
  selection: vscode.Range | undefined,
  format?: ActivationFormat,
): TextInput {
  const whole = !selection || selection.isEmpty;
  const range = whole ? new vscode.Range(0, 0, document.lineCount, 0) : selection;
  const name = documentLabel(document);
  return {
    text: document.getText(range),
    origin: whole ? { line: 1, column: 1 } : { line: range.start.line + 1, column: range.start.character + 1 },
    uri: document.uri.toString(),
    label: whole ? name : `${name}, ${rangeLabel(range)}`,
    documentLabel: name,
    ...(format ? { format } : {}),
  };
}

export function isOpenArgs(value: unknown): value is OpenArgs {
  return typeof value === 'object' && value !== null && !(value instanceof vscode.Uri);
}

/** Resolves the command's input: explicit text, a document + range, or the active editor. */
export async function resolveInput(args: OpenArgs | undefined): Promise<ResolvedInput | undefined> {
  if (args?.text !== undefined) {
    const input: TextInput = {
      text: args.text,
      origin: { line: 1, column: 1 },
      label: typeof args.label === 'string' ? args.label : 'Text',
      documentLabel: typeof args.label === 'string' ? args.label : 'Text',
      ...(args.format ? { format: args.format } : {}),
    };
    return { input };
  }
  if (args?.uri) {
    const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(args.uri));
    const s = args.selection;
    const range = s ? new vscode.Range(s.start.line, s.start.character, s.end.line, s.end.character) : undefined;
    return fromDocument(document, range, args.format);
  }
  const editor = vscode.window.activeTextEditor;
  if (!editor) return undefined;
  return fromDocument(editor.document, editor.selection, args?.format);
}
