// The messages that save images: the panel's palette and PNG are untrusted like everything it
// sends, so a malformed colour, a non-PNG or an oversized PNG never reaches the host's code.
import * as assert from 'node:assert/strict';
import { type ImagePalette, MAX_PNG_BYTES, pngSize, PRINT_PALETTE } from '../../../src/shared/imageExport';
import { parseWebviewMessage } from '../../../src/shared/protocol';
import { pngHeader } from '../../pngHeader';

describe('image messages from the panel', () => {
  it("reads a PNG header's size, and nothing from what is not a PNG", () => {
    assert.deepEqual(pngSize(pngHeader(1110, 718)), { width: 1110, height: 718 });
    const notPng = pngHeader(10, 10);
    notPng[1] = 0x51;
    assert.equal(pngSize(notPng), undefined);
    assert.equal(pngSize(pngHeader(10, 10).slice(0, 20)), undefined);
    assert.equal(pngSize(pngHeader(0, 10)), undefined);
  });

  it('takes a PNG under the size cap, and refuses anything else', () => {
    const png = pngHeader(20, 10);
    assert.deepEqual(parseWebviewMessage({ type: 'rasterized', id: 3, png }), { type: 'rasterized', id: 3, png });
    assert.equal(parseWebviewMessage({ type: 'rasterized', id: 3, png: Array.from(png) }), undefined);
    assert.equal(parseWebviewMessage({ type: 'rasterized', id: -1, png }), undefined);
    assert.equal(parseWebviewMessage({ type: 'rasterized', id: 3, png: new TextEncoder().encode('<svg/>') }), undefined);
    assert.equal(parseWebviewMessage({ type: 'rasterized', id: 3, png: pngHeader(20, 10, MAX_PNG_BYTES + 1) }), undefined);
    assert.deepEqual(parseWebviewMessage({ type: 'rasterizeFailed', id: 3, message: 'x'.repeat(2000) }), {
      type: 'rasterizeFailed',
      id: 3,
      message: 'x'.repeat(500),
    });
  });

  it('takes a palette of well-formed colours only, and keeps only its fields', () => {
    const palette: ImagePalette = { ...PRINT_PALETTE, border: 'rgba(128, 128, 128, 0.35)', kept: '#3794FFcc' };
    assert.deepEqual(parseWebviewMessage({ type: 'palette', palette: { ...palette, extra: '<script>' } }), { type: 'palette', palette });
    for (const kept of ['#12345', 'url(#x)', '"/><script>', 'rgb(1,2,3) x', 12, ''])
      assert.equal(parseWebviewMessage({ type: 'palette', palette: { ...palette, kept } }), undefined, String(kept));
    assert.equal(parseWebviewMessage({ type: 'palette', palette: { ...palette, highContrast: 'yes' } }), undefined);
  });

  it('asks to save the mask or the charts as PNG or SVG, nothing else', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'saveImage', subject: 'mask', format: 'png', uri: 'file:///etc/passwd' }), {
      type: 'saveImage',
      subject: 'mask',
      format: 'png',
    });
    assert.equal(parseWebviewMessage({ type: 'saveImage', subject: 'table', format: 'png' }), undefined);
    assert.equal(parseWebviewMessage({ type: 'saveImage', subject: 'charts', format: 'jpeg' }), undefined);
  });
});
