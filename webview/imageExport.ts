// Saving images, the panel's part: buttons that ask the host to save the mask or the charts, the
// colours this theme draws in (sent to the host when the panel loads and when the theme changes),
// and drawing an SVG the host built into a PNG, whose bytes go back to the host. The panel never
// writes a file; the host checks the PNG and writes it.
import { IMAGE_FORMAT_LABELS, IMAGE_FORMATS, type ImageSubject, PNG_SCALE } from '../src/shared/imageExport';
import type { HostToWebview } from '../src/shared/protocol';
import { h } from './dom';
import { readPalette } from './theme';
import { post } from './vscodeApi';

const SUBJECT_NAMES: Record<ImageSubject, string> = { mask: 'mask', charts: 'charts' };

/** "Save mask as PNG…" and "…as SVG…", as a labelled group of buttons. */
export function saveImageButtons(subject: ImageSubject): HTMLElement {
  return h(
    'div',
    { class: 'copy-bar', role: 'group', 'aria-label': `Save the ${SUBJECT_NAMES[subject]} as an image` },
    ...IMAGE_FORMATS.map((format) => {
      const button = h(
        'button',
        { type: 'button', class: 'secondary', 'data-control': `save-${subject}-${format}` },
        `Save ${SUBJECT_NAMES[subject]} as ${IMAGE_FORMAT_LABELS[format]}…`,
      );
      button.addEventListener('click', () => post({ type: 'saveImage', subject, format }));
      return button;
    }),
  );
}

/** Tells the host the colours this theme draws in, each as the canvas spells it (#rrggbb or rgba()). */
export function reportPalette(): void {
  const palette = { ...readPalette() };
  const probe = document.createElement('canvas').getContext('2d');
  if (probe) {
    for (const key of Object.keys(palette) as (keyof typeof palette)[]) {
      const value = palette[key];
      if (typeof value !== 'string') continue;
      probe.fillStyle = '#000000';
      probe.fillStyle = value;
      (palette as Record<string, unknown>)[key] = probe.fillStyle;
    }
  }
  post({ type: 'palette', palette });
}

/** Draws the host's SVG at PNG_SCALE and sends the PNG back (or why it could not be drawn). */
export async function rasterize(request: Extract<HostToWebview, { type: 'rasterize' }>): Promise<void> {
  const { id, svg, width, height } = request;
  try {
    const image = new Image();
    // A data: URL: the CSP allows images from data: already, and an SVG drawn as an image runs no script.
    image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = width * PNG_SCALE;
    canvas.height = height * PNG_SCALE;
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2D canvas');
    ctx.drawImage(image, 0, 0, canvas.width, canvas.height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (!blob) throw new Error('the canvas gave no PNG');
    post({ type: 'rasterized', id, png: new Uint8Array(await blob.arrayBuffer()) });
  } catch (error) {
    post({ type: 'rasterizeFailed', id, message: error instanceof Error ? error.message : String(error) });
  }
}
