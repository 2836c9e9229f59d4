// The few pieces every exported SVG is made of: escaped text, elements as strings, a document with
// its title and description, and the font and sizes the images share. Text stays <text>, so a saved
// image can be searched, read aloud and edited. Pure: no vscode, Node or DOM.
import type { ImagePalette } from '../../shared/imageExport';

export type Attrs = Record<string, string | number | undefined>;

/** An SVG document and its size in user units (CSS pixels). */
export interface SvgImage {
  svg: string;
  width: number;
  height: number;
}

export const FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Ubuntu, 'Helvetica Neue', Arial, sans-serif";
export const FONT_SIZE = 13;
export const TITLE_SIZE = 15;
export const LINE_HEIGHT = 20;
export const MARGIN = 16;

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Text safe inside an element or a double-quoted attribute. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

/** A coordinate with at most two decimals: enough for a screen, and short. */
export function coord(v: number): string {
  return String(Math.round(v * 100) / 100);
}

/** An element as text; children are already-built elements (use `text` for words). */
export function element(name: string, attrs: Attrs, ...children: string[]): string {
  const attributes = Object.entries(attrs)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => ` ${key}="${escapeXml(typeof value === 'number' ? coord(value) : String(value))}"`)
    .join('');
  return children.length === 0 ? `<${name}${attributes}/>` : `<${name}${attributes}>${children.join('')}</${name}>`;
}

/** A line of words at (x, y), the baseline. */
export function text(x: number, y: number, words: string, attrs: Attrs = {}): string {
  return `${element('text', { x, y, ...attrs }).slice(0, -2)}>${escapeXml(words)}</text>`;
}

/** About how wide `words` are at `size`: enough to size an image so no line is cut off. */
export function textWidth(words: string, size = FONT_SIZE): number {
  return Math.ceil(words.length * size * 0.6);
}

/**
 * The whole document: a title and a description for screen readers and file viewers, the
 * palette's background, the shared font, then `body`.
 */
export function svgDocument(
  size: { width: number; height: number },
  title: string,
  description: string,
  palette: ImagePalette,
  body: string[],
): SvgImage {
  const width = Math.ceil(size.width);
  const height = Math.ceil(size.height);
  const svg =
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="title desc">\n` +
    `${element('title', { id: 'title' }, escapeXml(title))}\n` +
    `${element('desc', { id: 'desc' }, escapeXml(description))}\n` +
    `${element('rect', { width, height, fill: palette.background })}\n` +
    `${element('g', { 'font-family': FONT_FAMILY, 'font-size': FONT_SIZE, fill: palette.foreground }, ...body.map((part) => `\n${part}`), '\n')}\n` +
    `</svg>\n`;
  return { svg, width, height };
}

/** About `count` round numbers spanning [low, high] (1, 2 or 5 times a power of ten apart). */
export function niceTicks(low: number, high: number, count = 5): number[] {
  if (!Number.isFinite(low) || !Number.isFinite(high)) return [];
  if (high <= low) return [low];
  const rough = (high - low) / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? 10 * power;
  const ticks: number[] = [];
  // Each tick from its index, rounded to 12 digits, so 0.1 steps read 0.3, not 0.30000000000000004.
  for (let k = Math.ceil(low / step - 1e-9); k * step <= high + step * 1e-9; k++)
    ticks.push(k === 0 ? 0 : Number((k * step).toPrecision(12)));
  return ticks;
}
