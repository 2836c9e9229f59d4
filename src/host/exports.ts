// Exports of what the panel shows, run from the panel or the palette. The text
// is built by the pure builders in src/viewModels/export; this file only asks
// which format, reads the values from the controller and writes the clipboard.
import * as vscode from 'vscode';
import { isTableFormat, TABLE_FORMAT_LABELS, TABLE_FORMATS, type TableFormat } from '../shared/protocol';
import { tableText } from '../viewModels/export/tableText';
import type { CommandContext } from './commands';

/** More rows than this make a clipboard no one can paste: the command says so instead. */
export const MAX_TABLE_ROWS = 100_000;

/** How long a status-bar confirmation stays. */
const STATUS_MESSAGE_MS = 6000;

/** Puts the inputs-and-outputs table, every unit, on the clipboard as CSV, Markdown or JSON; returns the text. */
export function copyTable(ctx: CommandContext) {
  return async (args?: { format?: unknown }): Promise<string | undefined> => {
    if (args?.format !== undefined && !isTableFormat(args.format))
      throw new Error(vscode.l10n.t('Unknown table format {0}; expected one of {1}.', String(args.format), TABLE_FORMATS.join(', ')));
    const { settings, result } = ctx.state.current;
    if (!result) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Open the playground on some activations first.'));
      return undefined;
    }
    const { n, shape, dtype } = result.source;
    if (n > MAX_TABLE_ROWS) {
      void vscode.window.showWarningMessage(
        vscode.l10n.t('The table has {0} rows; Copy Table copies up to {1}. Select fewer values.', n, MAX_TABLE_ROWS),
      );
      return undefined;
    }
    const format: TableFormat | undefined =
      (args?.format as TableFormat | undefined) ??
      (
        await vscode.window.showQuickPick(
          TABLE_FORMATS.map((f) => ({ label: TABLE_FORMAT_LABELS[f], format: f })),
          { title: vscode.l10n.t('Dropout: copy the inputs and outputs table as…') },
        )
      )?.format;
    if (!format) return undefined;
    const values = await ctx.state.valueWindow(0, n);
    if (!values) return undefined;
    const text = tableText(format, values, { shape, dtype, mode: settings.mode });
    await vscode.env.clipboard.writeText(text);
    vscode.window.setStatusBarMessage(
      `$(clippy) ${vscode.l10n.t('Copied the table of {0} units as {1}.', n, TABLE_FORMAT_LABELS[format])}`,
      STATUS_MESSAGE_MS,
    );
    return text;
  };
}
