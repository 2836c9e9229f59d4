// Saving the mask and the charts as images: what can be saved, in which format and style, the
// colours an image is drawn in, and what a PNG the panel hands back must look like. Pure (no
// vscode, Node or DOM): the host builds the SVG, the panel rasterizes it to PNG, both check here.

/** What "Save … as PNG/SVG" saves. */
export const IMAGE_SUBJECTS = ['mask', 'charts'] as const;
export type ImageSubject = (typeof IMAGE_SUBJECTS)[number];

export const IMAGE_FORMATS = ['png', 'svg'] as const;
export type ImageFormat = (typeof IMAGE_FORMATS)[number];
export const IMAGE_FORMAT_LABELS: Record<ImageFormat, string> = { png: 'PNG', svg: 'SVG' };

/** 'theme': the colours the panel shows; 'print': dark on white, for documents and slides. */
export const IMAGE_STYLES = ['theme', 'print'] as const;
export type ImageStyle = (typeof IMAGE_STYLES)[number];

/** The colours an image (and the panel's canvases) are drawn in. */
export interface ImagePalette {
  foreground: string;
  muted: string;
  background: string;
  kept: string;
  dropped: string;
  border: string;
  evalBar: string;
  unscaledBar: string;
  trainBar: string;
  expectedBar: string;
  highContrast: boolean;
}

const COLOUR_KEYS = [
  'foreground',
  'muted',
  'background',
  'kept',
  'dropped',
  'border',
  'evalBar',
  'unscaledBar',
  'trainBar',
  'expectedBar',
] as const satisfies readonly (keyof ImagePalette)[];

/**
 * The light print style: near-black text on white, and the Okabe–Ito colours, which stay apart
 * for colour-blind readers and in greyscale print (the images carry words and patterns too).
 */
export const PRINT_PALETTE: ImagePalette = {
  foreground: '#1a1a1a',
  muted: '#595959',
  background: '#ffffff',
  kept: '#0072b2',
  dropped: '#595959',
  border: '#c8c8c8',
  evalBar: '#009e73',
  unscaledBar: '#e69f00',
  trainBar: '#0072b2',
  expectedBar: '#cc79a7',
  highContrast: false,
};

/**
 * A colour as CSS writes it and as VS Code's theme variables hold them: #rgb(a), #rrggbb(aa),
 * rgb()/rgba() with numbers, or a bare colour name. Nothing else reaches an SVG attribute.
 */
const COLOUR =
  /^(#[0-9a-f]{3,4}|#[0-9a-f]{6}|#[0-9a-f]{8}|rgba?\(\s*[\d.]+%?\s*,\s*[\d.]+%?\s*,\s*[\d.]+%?\s*(,\s*[\d.]+%?\s*)?\)|[a-z]{3,20})$/i;

export function isColour(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 64 && COLOUR.test(value);
}

/** True for a palette of well-formed colours (the panel's report of its theme is untrusted). */
export function isImagePalette(value: unknown): value is ImagePalette {
  if (typeof value !== 'object' || value === null) return false;
  const p = value as Record<string, unknown>;
  return COLOUR_KEYS.every((key) => isColour(p[key])) && typeof p.highContrast === 'boolean';
}

/** A copy holding only the palette's fields. */
export function copyPalette(p: ImagePalette): ImagePalette {
  const copy = { highContrast: p.highContrast } as ImagePalette;
  for (const key of COLOUR_KEYS) copy[key] = p[key];
  return copy;
}

/** A PNG is drawn at this many pixels per SVG unit, so it stays sharp on slides and high-density screens. */
export const PNG_SCALE = 2;

/** Larger PNGs from the panel are refused: the images drawn here are a few hundred KB. */
export const MAX_PNG_BYTES = 32 * 1024 * 1024;

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Width and height from a PNG's header (its signature, then the IHDR chunk), or undefined when it is not one. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } | undefined {
  if (bytes.length < 24 || PNG_SIGNATURE.some((b, i) => bytes[i] !== b)) return undefined;
  const ihdr = String.fromCharCode(bytes[12], bytes[13], bytes[14], bytes[15]);
  if (ihdr !== 'IHDR') return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const width = view.getUint32(16);
  const height = view.getUint32(20);
  return width > 0 && height > 0 ? { width, height } : undefined;
}
