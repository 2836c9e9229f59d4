// What the host asks of a loaded panel to save an image: the colours it draws in (the theme's, as
// the panel resolved them), and a PNG drawn from an SVG the host built (the panel has the browser's
// renderer; the host has none). The panel never writes a file: it hands the bytes back, checked
// here against what was asked. No vscode here.
import { type ImagePalette, PNG_SCALE, pngSize } from '../shared/imageExport';
import type { HostToWebview, WebviewToHost } from '../shared/protocol';

/** How long the panel may take to load and draw an image. */
export const IMAGE_TIMEOUT_MS = 30_000;

type ImageReply = Extract<WebviewToHost, { type: 'palette' | 'rasterized' | 'rasterizeFailed' }>;

interface Pending {
  width: number;
  height: number;
  resolve(png: Uint8Array): void;
  reject(error: Error): void;
}

export class PanelImages {
  private ready = false;
  private palette: ImagePalette | undefined;
  /** Called on every change of readiness or palette: the waits below re-check what they wait for. */
  private readonly listeners = new Set<() => void>();
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  constructor(
    private readonly post: (message: HostToWebview) => void,
    private readonly timeoutMs = IMAGE_TIMEOUT_MS,
  ) {}

  /** The panel loaded (true) or was unloaded (false): an unloaded panel draws nothing, and reports its colours again when it loads. */
  setReady(ready: boolean): void {
    this.ready = ready;
    if (!ready) {
      this.palette = undefined;
      this.failAll('The panel was closed or hidden before it drew the image.');
    }
    this.changed();
  }

  receive(message: ImageReply): void {
    switch (message.type) {
      case 'palette':
        this.palette = message.palette;
        this.changed();
        return;
      case 'rasterized': {
        const request = this.pending.get(message.id);
        if (!request) return;
        this.pending.delete(message.id);
        const size = pngSize(message.png);
        const expected = { width: request.width * PNG_SCALE, height: request.height * PNG_SCALE };
        if (size?.width !== expected.width || size.height !== expected.height)
          request.reject(
            new Error(`The panel drew a ${size?.width} × ${size?.height} PNG; ${expected.width} × ${expected.height} was asked for.`),
          );
        else request.resolve(message.png);
        return;
      }
      case 'rasterizeFailed': {
        const request = this.pending.get(message.id);
        this.pending.delete(message.id);
        request?.reject(new Error(`The panel could not draw the image: ${message.message}`));
        return;
      }
    }
  }

  /** The colours the loaded panel draws in (waits for the panel to load and report them). */
  themePalette(): Promise<ImagePalette> {
    return this.when(() => this.palette, 'The panel did not report its colours');
  }

  /** The SVG (width × height units) drawn by the panel as a PNG of PNG_SCALE times that size. */
  rasterize(svg: string, width: number, height: number): Promise<Uint8Array> {
    const draw = () =>
      new Promise<Uint8Array>((resolve, reject) => {
        const id = this.nextId++;
        const timer = setTimeout(() => {
          this.pending.delete(id);
          reject(new Error(`The panel did not draw the image within ${this.timeoutMs / 1000} s.`));
        }, this.timeoutMs);
        const settle =
          <T>(f: (value: T) => void) =>
          (value: T) => {
            clearTimeout(timer);
            f(value);
          };
        this.pending.set(id, { width, height, resolve: settle(resolve), reject: settle(reject) });
        this.post({ type: 'rasterize', id, svg, width, height });
      });
    // Asked at once of a loaded panel, so the request is pending before any reply can come.
    return this.ready ? draw() : this.when(() => this.ready || undefined, 'The panel did not load').then(draw);
  }

  dispose(): void {
    this.failAll('The panel was closed before it drew the image.');
    this.listeners.clear();
  }

  private failAll(reason: string): void {
    const requests = [...this.pending.values()];
    this.pending.clear();
    for (const request of requests) request.reject(new Error(reason));
  }

  private changed(): void {
    for (const listener of [...this.listeners]) listener();
  }

  /** Resolves with `get()` once it is defined; fails after the timeout. */
  private when<T>(get: () => T | undefined, what: string): Promise<T> {
    const now = get();
    if (now !== undefined) return Promise.resolve(now);
    return new Promise<T>((resolve, reject) => {
      const check = () => {
        const value = get();
        if (value === undefined) return;
        done();
        resolve(value);
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`${what} within ${this.timeoutMs / 1000} s.`));
      }, this.timeoutMs);
      const done = () => {
        clearTimeout(timer);
        this.listeners.delete(check);
      };
      this.listeners.add(check);
    });
  }
}
