// The notebook cell toolbar's "Open Output in Dropout Playground": the array or tensor a cell printed
// (its stdout, or its text/plain result) goes to the playground as if it had been selected.
import * as vscode from 'vscode';
import { printedArrays } from '../../parse/printedArrays';
import type { PanelSnapshot } from '../../shared/viewModel';
import { type CommandContext, openOnSelection } from '../commands';

/** The output kinds that hold what a cell printed. */
const TEXT_MIMES = new Set(['application/vnd.code.notebook.stdout', 'text/plain']);

function isCell(value: unknown): value is vscode.NotebookCell {
  return typeof value === 'object' && value !== null && 'outputs' in value && 'notebook' in value && 'index' in value;
}

/** The cell the menu passes, or the selected cell of the active notebook. */
function targetCell(arg: unknown): vscode.NotebookCell | undefined {
  if (isCell(arg)) return arg;
  const editor = vscode.window.activeNotebookEditor;
  const index = editor?.selections[0]?.start;
  return editor && index !== undefined && index < editor.notebook.cellCount ? editor.notebook.cellAt(index) : undefined;
}

/** The cell's printed text, output by output. */
function printedText(cell: vscode.NotebookCell): string[] {
  const decoder = new TextDecoder();
  return cell.outputs.flatMap((output) =>
    output.items.filter((item) => TEXT_MIMES.has(item.mime)).map((item) => decoder.decode(item.data)),
  );
}

function notebookName(notebook: vscode.NotebookDocument): string {
  const path = notebook.uri.path;
  return path.slice(path.lastIndexOf('/') + 1) || 'Notebook';
}

export function openCellOutput(ctx: CommandContext) {
  return async (arg?: unknown): Promise<PanelSnapshot | undefined> => {
    const cell = targetCell(arg);
    if (!cell) {
      void vscode.window.showInformationMessage(
        vscode.l10n.t('Dropout Playground: select a notebook cell whose output prints an array or a tensor.'),
      );
      return undefined;
    }
    const label = vscode.l10n.t('{0}, cell {1} output', notebookName(cell.notebook), cell.index + 1);
    // The last printout is the latest value the cell showed.
    const printed = printedText(cell).flatMap(printedArrays).at(-1);
    if (!printed) {
      void vscode.window.showInformationMessage(
        cell.outputs.length === 0
          ? vscode.l10n.t('Dropout Playground: {0} is empty. Run the cell so that it prints an array or a tensor.', label)
          : vscode.l10n.t('Dropout Playground: {0} has no printed array or tensor (such as tensor([...]) or [[1. 2.]]).', label),
      );
      return undefined;
    }
    return openOnSelection(ctx)({ text: printed.text, label });
  };
}
