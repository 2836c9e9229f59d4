// Exports of what the panel shows, run from the panel or the palette. The text
// and the files are built by the pure builders in src/viewModels/export (a file's
// bytes on the compute side, where the values are); this file only asks which
// format or where, and writes the clipboard or the file, through VS Code's save
// dialog and workspace.fs so it works on remote and virtual file systems and on
// the web. The panel never names a file: it can only ask for the dialog.
import * as vscode from 'vscode';
import { isTableFormat, TABLE_FORMAT_LABELS, TABLE_FORMATS, type TableFormat } from '../shared/protocol';
import { formatCount, formatProbability } from '../shared/numberFormat';
import { tableText } from '../viewModels/export/tableText';
import { markdownReport } from '../viewModels/export/markdownReport';
import { isSnippetLanguage, SNIPPET_LANGUAGES, type SnippetLanguage, snippetLanguageFor } from '../viewModels/snippet';
import { FRAMEWORK_PRESETS } from '../shared/catalogue';
import type { PlaygroundSettings } from '../shared/viewModel';
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

/** Where the save dialog starts: beside the workspace's first folder, named after p and the seed. */
function defaultOutputsUri(p: number, seed: string): vscode.Uri | undefined {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  return folder && vscode.Uri.joinPath(folder, `dropout-p${formatProbability(p)}-seed${seed}.npz`);
}

/** The file `args.uri` names (a Uri or its text), or undefined when absent; anything else is an error. */
function uriArgument(args: { uri?: unknown } | undefined): vscode.Uri | undefined {
  const uri = args?.uri;
  if (uri === undefined) return undefined;
  if (uri instanceof vscode.Uri) return uri;
  if (typeof uri === 'string' && uri !== '') return vscode.Uri.parse(uri);
  throw new Error(vscode.l10n.t('Save Outputs: pass {0} with the URI of the .npz file to write.', '{ uri }'));
}

/**
 * Saves this seed's train draw for NumPy: one .npz file holding `output` (the train output, in the
 * input's dtype), `mask` (bool, True = kept) and `input`, each of the input's shape. Asks where
 * unless `args.uri` says; returns the URI written.
 */
export function saveOutputs(ctx: CommandContext) {
  return async (args?: { uri?: unknown }): Promise<string | undefined> => {
    const given = uriArgument(args);
    if (!(await ctx.state.ensureResult())) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Open the playground on some activations first.'));
      return undefined;
    }
    const { settings } = ctx.state.current;
    const uri =
      given ??
      (await vscode.window.showSaveDialog({
        defaultUri: defaultOutputsUri(settings.p, settings.seed),
        filters: { [vscode.l10n.t('NumPy arrays')]: ['npz'] },
        title: vscode.l10n.t('Dropout: save the train output, the mask and the input for NumPy'),
      }));
    if (!uri) return undefined;
    // The values are those shown when the file is written: a change made while the dialog was open is drawn first.
    if (!(await ctx.state.ensureResult())) return undefined;
    const { result } = ctx.state.current;
    if (!result) return undefined;
    const name = uri.path.slice(uri.path.lastIndexOf('/') + 1);
    // Ten million values make a 90 MB file that takes a second or two: the status bar shows it is under way.
    const written = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Saving {0}…', name) },
      async () => {
        const bytes = await ctx.state.outputsFile();
        if (!bytes) return false;
        await vscode.workspace.fs.writeFile(uri, bytes);
        return true;
      },
    );
    if (!written) return undefined;
    vscode.window.setStatusBarMessage(
      `$(save) ${vscode.l10n.t(
        'Saved {0}: output, mask and input of {1} units ({2}; the train draw, {3} kept), for np.load.',
        name,
        formatCount(result.source.n),
        result.source.dtype,
        formatCount(result.stats.kept),
      )}`,
      STATUS_MESSAGE_MS,
    );
    return uri.toString();
  };
}

/** The framework of the report's script: the one whose stream drew the mask, else the chosen names' framework, else PyTorch. */
function reportLanguage(settings: PlaygroundSettings): SnippetLanguage {
  return snippetLanguageFor(settings.rng) ?? snippetLanguageFor(FRAMEWORK_PRESETS[settings.framework].rng ?? 'torch') ?? 'torch';
}

/**
 * Puts a Markdown report of the run on the clipboard: the settings, the summary's figures, the lesson
 * on these numbers and a script reproducing the run (`args.language`: torch, numpy or jax). Returns the text.
 */
export function copyReport(ctx: CommandContext) {
  return async (args?: { language?: unknown }): Promise<string | undefined> => {
    const language = args?.language;
    if (language !== undefined && !isSnippetLanguage(language))
      throw new Error(vscode.l10n.t('Unknown language {0}; expected one of {1}.', String(language), SNIPPET_LANGUAGES.join(', ')));
    if (!(await ctx.state.ensureResult())) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Open the playground on some activations first.'));
      return undefined;
    }
    const { settings, result } = ctx.state.current;
    if (!result) return undefined;
    const text = markdownReport(settings, result, language ?? reportLanguage(settings));
    await vscode.env.clipboard.writeText(text);
    vscode.window.setStatusBarMessage(
      `$(clippy) ${vscode.l10n.t('Copied a Markdown report of this run: p = {0}, {1} of {2} kept.', formatProbability(settings.p), formatCount(result.stats.kept), formatCount(result.stats.n))}`,
      STATUS_MESSAGE_MS,
    );
    return text;
  };
}
