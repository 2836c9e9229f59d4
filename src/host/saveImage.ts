// "Save Mask as PNG or SVG…" and "Save Charts as PNG or SVG…", from the panel and the palette. The
// SVG is built here from what the panel shows (src/viewModels/export); a PNG is that SVG drawn by
// the panel, which hands the bytes back. The file is written with VS Code's save dialog and
// workspace.fs, so it works on remote and virtual file systems and on the web.
import * as vscode from 'vscode';
import {
  IMAGE_FORMAT_LABELS,
  IMAGE_FORMATS,
  IMAGE_STYLES,
  type ImageFormat,
  type ImagePalette,
  type ImageStyle,
  type ImageSubject,
  PRINT_PALETTE,
} from '../shared/imageExport';
import { chartsSvg } from '../viewModels/export/chartSvg';
import { maskSvg } from '../viewModels/export/maskSvg';
import type { SvgImage } from '../viewModels/export/svgWriter';
import type { CommandContext } from './commands';
import type { PlaygroundPanel } from './panel/playgroundPanel';
import { SECTION } from './settingsStore';

/** How long a status-bar confirmation stays. */
const STATUS_MESSAGE_MS = 6000;

const SUBJECT_WORDS: Record<ImageSubject, { what: () => string; file: string }> = {
  mask: { what: () => vscode.l10n.t('the mask'), file: 'dropout-mask' },
  charts: { what: () => vscode.l10n.t('the charts'), file: 'dropout-charts' },
};

export interface SaveImageArgs {
  format?: unknown;
  /** Where to write (skips the dialog): a URI or its text. */
  uri?: unknown;
  /** 'theme' or 'print'; the setting dropoutPlayground.export.imageStyle when omitted. */
  style?: unknown;
}

/** The image style setting; anything malformed reads as the default, the theme. */
export function readImageStyle(): ImageStyle {
  const value = vscode.workspace.getConfiguration(SECTION).get<unknown>('export.imageStyle');
  return (IMAGE_STYLES as readonly unknown[]).includes(value) ? (value as ImageStyle) : 'theme';
}

/**
 * Saves the mask or the charts as a PNG or SVG file; returns the file's URI as text, undefined when
 * nothing was saved. `showPanel` shows (and loads) the panel, whose colours and renderer a theme
 * image or a PNG needs.
 */
export function saveImage(ctx: CommandContext, subject: ImageSubject, showPanel: () => PlaygroundPanel) {
  return async (args?: SaveImageArgs): Promise<string | undefined> => {
    const given = checkArgs(args);
    const words = SUBJECT_WORDS[subject];
    // The input being read, or the last session's, is waited for: the image shows its numbers.
    if (!(await ctx.state.ensureResult())) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Open the playground on some activations first.'));
      return undefined;
    }
    const format =
      given.format ??
      (
        await vscode.window.showQuickPick(
          IMAGE_FORMATS.map((f) => ({ label: IMAGE_FORMAT_LABELS[f], format: f })),
          { title: vscode.l10n.t('Dropout: save {0} as…', words.what()) },
        )
      )?.format;
    if (!format) return undefined;
    const style = given.style ?? readImageStyle();
    const target = given.uri ?? (await askWhere(words.file, format));
    if (!target) return undefined;
    // The theme's colours and the PNG renderer live in the panel: show it (it loads if it was hidden).
    const panel = style === 'theme' || format === 'png' ? showPanel() : undefined;
    const palette: ImagePalette = panel && style === 'theme' ? await panel.images.themePalette() : PRINT_PALETTE;
    // Built from the snapshot as it is now, after any wait, so the image shows what the panel shows.
    const image = buildImage(ctx, subject, palette);
    if (!image) return undefined;
    const bytes =
      format === 'svg' ? new TextEncoder().encode(image.svg) : await panel!.images.rasterize(image.svg, image.width, image.height);
    await vscode.workspace.fs.writeFile(target, bytes);
    vscode.window.setStatusBarMessage(
      `$(file-media) ${vscode.l10n.t('Saved {0} as {1}: {2}', words.what(), IMAGE_FORMAT_LABELS[format], fileName(target))}`,
      STATUS_MESSAGE_MS,
    );
    return target.toString();
  };
}

function checkArgs(args: SaveImageArgs | undefined): { format?: ImageFormat; style?: ImageStyle; uri?: vscode.Uri } {
  const { format, style, uri } = args ?? {};
  if (format !== undefined && !(IMAGE_FORMATS as readonly unknown[]).includes(format))
    throw new Error(vscode.l10n.t('Unknown image format {0}; expected one of {1}.', String(format), IMAGE_FORMATS.join(', ')));
  if (style !== undefined && !(IMAGE_STYLES as readonly unknown[]).includes(style))
    throw new Error(vscode.l10n.t('Unknown image style {0}; expected one of {1}.', String(style), IMAGE_STYLES.join(', ')));
  if (uri !== undefined && !(uri instanceof vscode.Uri) && typeof uri !== 'string')
    throw new Error(vscode.l10n.t('Save an image: pass {0} with the file to write.', '{ uri }'));
  return {
    ...(format !== undefined ? { format: format as ImageFormat } : {}),
    ...(style !== undefined ? { style: style as ImageStyle } : {}),
    ...(uri !== undefined ? { uri: typeof uri === 'string' ? vscode.Uri.parse(uri) : uri } : {}),
  };
}

async function askWhere(file: string, format: ImageFormat): Promise<vscode.Uri | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  return vscode.window.showSaveDialog({
    ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, `${file}.${format}`) } : {}),
    filters: { [IMAGE_FORMAT_LABELS[format]]: [format] },
    title: vscode.l10n.t('Dropout: save as {0}', IMAGE_FORMAT_LABELS[format]),
  });
}

function buildImage(ctx: CommandContext, subject: ImageSubject, palette: ImagePalette): SvgImage | undefined {
  const { settings, result } = ctx.state.current;
  if (!result) return undefined;
  const common = { stats: result.stats, mode: settings.mode, p: settings.p, seed: settings.seed, sourceLabel: result.source.label };
  return subject === 'mask'
    ? maskSvg({ ...common, grid: result.mask, shape: result.source.shape }, palette)
    : chartsSvg({ ...common, monteCarlo: ctx.state.monteCarlo }, palette);
}

function fileName(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}
