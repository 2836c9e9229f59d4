// The messages between the extension host and the webview: one union per
// direction, string `type` tags. Imported by both sides; pure (no vscode, Node
// or DOM). Everything from the webview is untrusted and goes through
// parseWebviewMessage before the host acts on it.

import type { RngKind, Tensor, Variant } from '../engine/types';
import { type Framework, FRAMEWORKS, MISTAKE_IDS, type MistakeId, type Mode, MODES, RNG_KINDS, VARIANTS } from './catalogue';
import {
  copyPalette,
  IMAGE_FORMATS,
  IMAGE_SUBJECTS,
  type ImageFormat,
  type ImagePalette,
  type ImageSubject,
  isImagePalette,
  MAX_PNG_BYTES,
  pngSize,
} from './imageExport';
import { isSliceOf } from './slice';
import type { GridRegion, InputWarning, MaskGrid, Mistake, MonteCarloView, PanelSnapshot, ValueWindow } from './viewModel';

/** True for a well-formed InputWarning: the panel shows only those (a text message at a real position). */
export function isInputWarning(value: unknown): value is InputWarning {
  if (typeof value !== 'object' || value === null) return false;
  const w = value as Record<string, unknown>;
  return (
    typeof w.message === 'string' &&
    w.message.length > 0 &&
    w.message.length <= 1000 &&
    Number.isSafeInteger(w.line) &&
    (w.line as number) >= 1 &&
    Number.isSafeInteger(w.column) &&
    (w.column as number) >= 1
  );
}

/**
 * The largest input whose values the panel gets to draw p changes with: up to here a draw in the
 * panel (~15 ms at 1e6) beats the round trip to the host, and the copy is a few MB.
 */
export const LOCAL_DRAW_LIMIT = 1_000_000;

/** Largest number of Monte Carlo draws one run may ask for. */
export const MAX_TRIALS = 100_000;

/** The panel's sections a command can bring into view. */
export const SECTIONS = ['monteCarlo', 'mistakes'] as const;
export type Section = (typeof SECTIONS)[number];

export function isSection(value: unknown): value is Section {
  return isOneOf(value, SECTIONS);
}

/** The text formats "Copy Table" writes the inputs-and-outputs table in, and their names. */
export const TABLE_FORMATS = ['csv', 'markdown', 'json'] as const;
export type TableFormat = (typeof TABLE_FORMATS)[number];
export const TABLE_FORMAT_LABELS: Record<TableFormat, string> = { csv: 'CSV', markdown: 'Markdown', json: 'JSON' };

export function isTableFormat(value: unknown): value is TableFormat {
  return isOneOf(value, TABLE_FORMATS);
}

export type HostToWebview =
  | ({ type: 'init' } & PanelSnapshot)
  | ({ type: 'update' } & PanelSnapshot)
  | { type: 'window'; values: ValueWindow }
  /**
   * The values the results are drawn from, asked for with `requestInput`, for the panel to draw a p
   * change itself before the host's update comes; null as a new input starts to be read, and when
   * there are none to give.
   */
  | { type: 'localInput'; tensor: Tensor | null }
  | { type: 'maskRegion'; mask: MaskGrid }
  | { type: 'busy'; message: string | null }
  | { type: 'monteCarlo'; view: MonteCarloView | null }
  | { type: 'mistake'; mistake: Mistake | null }
  /** Scroll this section into view (a command just put its result there), once it shows a result. */
  | { type: 'reveal'; section: Section }
  /** Draw this SVG (width × height units) as a PNG at PNG_SCALE and send it back under the same id. */
  | { type: 'rasterize'; id: number; svg: string; width: number; height: number };

export type WebviewToHost =
  | { type: 'ready' }
  | { type: 'setP'; p: number }
  | { type: 'setMode'; mode: Mode }
  | { type: 'setSeed'; seed: string }
  | { type: 'resample' }
  | { type: 'setRng'; rng: RngKind }
  | { type: 'setVariant'; variant: Variant }
  | { type: 'setFramework'; framework: Framework }
  | { type: 'setBroadcastDims'; dims: number[] }
  /** Put a script reproducing this run on the clipboard (and offer to open it). */
  | { type: 'copyAsCode' }
  /** Put the inputs-and-outputs table, every unit, on the clipboard in this format. */
  | { type: 'copyTable'; format: TableFormat }
  /** Save this seed's train output, mask and input as a .npz file (the host asks where). */
  | { type: 'saveOutputs' }
  /** Put a Markdown report of this run (settings, figures, lesson, script) on the clipboard. */
  | { type: 'copyReport' }
  | { type: 'revealError' }
  | { type: 'requestWindow'; offset: number; count: number }
  /** The values the shown results are drawn from, when there are at most LOCAL_DRAW_LIMIT (sent after the result is drawn). */
  | { type: 'requestInput' }
  /** Zoom and pan: the mask over this region of the layout. */
  | { type: 'requestMaskRegion'; region: GridRegion }
  /** Show one H×W slice of an N-D input in the mask (an index per leading axis), or null for all of it. */
  | { type: 'setSlice'; slice: number[] | null }
  /** Follow the live input (true) or pin the values shown (false). */
  | { type: 'setFollow'; follow: boolean }
  /** Show another tensor of the same file. */
  | { type: 'chooseTensor'; name: string }
  | { type: 'runMonteCarlo'; trials: number }
  | { type: 'cancelMonteCarlo' }
  | { type: 'showMistake'; id: MistakeId | null }
  /** Save the mask or the charts as an image: the host asks where. */
  | { type: 'saveImage'; subject: ImageSubject; format: ImageFormat }
  /** The colours the panel draws in, sent when it loads and when the theme changes. */
  | { type: 'palette'; palette: ImagePalette }
  /** The PNG drawn for a `rasterize` request (its signature and size checked), or why it could not be drawn. */
  | { type: 'rasterized'; id: number; png: Uint8Array }
  | { type: 'rasterizeFailed'; id: number; message: string };

/** More axes than any activation tensor has. */
const MAX_RANK = 16;

/** Largest window of values the webview may ask for at once. */
export const MAX_WINDOW = 1000;

const SEED_TEXT = /^-?\d{1,40}$/;

export function isValidP(p: unknown): p is number {
  return typeof p === 'number' && Number.isFinite(p) && p >= 0 && p <= 1;
}

export function isSeedText(seed: unknown): seed is string {
  return typeof seed === 'string' && SEED_TEXT.test(seed);
}

function isOneOf<T extends string>(value: unknown, allowed: readonly T[]): value is T {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value);
}

function isIndex(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** What the host knows that a message must fit: the loaded input's shape (undefined when nothing is loaded). */
export interface MessageContext {
  shape?: readonly number[];
  /** The tensors of the file shown, when it holds several. */
  tensorNames?: readonly string[];
}

/**
 * Checks a message from the webview. Returns the typed message, or undefined
 * for anything malformed (unknown type, missing or out-of-range fields, extra
 * junk is ignored). Never throws. A slice must fit `context.shape`; a tensor must be one of `context.tensorNames`.
 */
export function parseWebviewMessage(raw: unknown, context: MessageContext = {}): WebviewToHost | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const m = raw as Record<string, unknown>;
  switch (m.type) {
    case 'ready':
    case 'resample':
    case 'revealError':
    case 'cancelMonteCarlo':
    case 'copyAsCode':
    case 'saveOutputs':
    case 'copyReport':
    case 'requestInput':
      return { type: m.type };
    case 'requestMaskRegion': {
      const r = m.region as Record<string, unknown> | null;
      if (typeof r !== 'object' || r === null) return undefined;
      const { row, col, rows, cols } = r;
      return isIndex(row) && isIndex(col) && isIndex(rows) && isIndex(cols) && rows >= 1 && cols >= 1
        ? { type: 'requestMaskRegion', region: { row, col, rows, cols } }
        : undefined;
    }
    case 'setSlice':
      if (m.slice === null) return { type: 'setSlice', slice: null };
      return context.shape && isSliceOf(m.slice, context.shape) ? { type: 'setSlice', slice: [...m.slice] } : undefined;
    case 'setFollow':
      return typeof m.follow === 'boolean' ? { type: 'setFollow', follow: m.follow } : undefined;
    case 'chooseTensor':
      return typeof m.name === 'string' && context.tensorNames?.includes(m.name) ? { type: 'chooseTensor', name: m.name } : undefined;
    case 'runMonteCarlo':
      return Number.isSafeInteger(m.trials) && (m.trials as number) >= 1 && (m.trials as number) <= MAX_TRIALS
        ? { type: 'runMonteCarlo', trials: m.trials as number }
        : undefined;
    case 'copyTable':
      return isTableFormat(m.format) ? { type: 'copyTable', format: m.format } : undefined;
    case 'saveImage':
      return isOneOf(m.subject, IMAGE_SUBJECTS) && isOneOf(m.format, IMAGE_FORMATS)
        ? { type: 'saveImage', subject: m.subject, format: m.format }
        : undefined;
    case 'palette':
      return isImagePalette(m.palette) ? { type: 'palette', palette: copyPalette(m.palette) } : undefined;
    case 'rasterized':
      return isIndex(m.id) && m.png instanceof Uint8Array && m.png.length <= MAX_PNG_BYTES && pngSize(m.png)
        ? { type: 'rasterized', id: m.id, png: m.png }
        : undefined;
    case 'rasterizeFailed':
      return isIndex(m.id) && typeof m.message === 'string'
        ? { type: 'rasterizeFailed', id: m.id, message: m.message.slice(0, 500) }
        : undefined;
    case 'showMistake':
      return m.id === null || isOneOf(m.id, MISTAKE_IDS) ? { type: 'showMistake', id: m.id } : undefined;
    case 'setP':
      return isValidP(m.p) ? { type: 'setP', p: m.p } : undefined;
    case 'setMode':
      return isOneOf(m.mode, MODES) ? { type: 'setMode', mode: m.mode } : undefined;
    case 'setSeed':
      return isSeedText(m.seed) ? { type: 'setSeed', seed: m.seed } : undefined;
    case 'setRng':
      return isOneOf(m.rng, RNG_KINDS) ? { type: 'setRng', rng: m.rng } : undefined;
    case 'setVariant':
      return isOneOf(m.variant, VARIANTS) ? { type: 'setVariant', variant: m.variant } : undefined;
    case 'setBroadcastDims':
      return Array.isArray(m.dims) &&
        m.dims.length <= MAX_RANK &&
        m.dims.every((d) => isIndex(d) && d < MAX_RANK) &&
        new Set(m.dims).size === m.dims.length
        ? { type: 'setBroadcastDims', dims: [...(m.dims as number[])].sort((a, b) => a - b) }
        : undefined;
    case 'setFramework':
      return isOneOf(m.framework, FRAMEWORKS) ? { type: 'setFramework', framework: m.framework } : undefined;
    case 'requestWindow':
      return isIndex(m.offset) && isIndex(m.count) && m.count <= MAX_WINDOW
        ? { type: 'requestWindow', offset: m.offset, count: m.count }
        : undefined;
    default:
      return undefined;
  }
}

/** For exhaustive switches over the unions. */
export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${JSON.stringify(value)}`);
}
