// What the host asks of the panel to save an image: it waits for a loaded panel and its colours,
// takes back only the PNG of the size it asked for, and gives up when the panel goes away or stays silent.
import * as assert from 'node:assert/strict';
import { PanelImages } from '../../../src/controller/panelImages';
import { PNG_SCALE, PRINT_PALETTE } from '../../../src/shared/imageExport';
import type { HostToWebview } from '../../../src/shared/protocol';
import { pngHeader } from '../../pngHeader';

function images(timeoutMs = 1000) {
  const posted: HostToWebview[] = [];
  return { posted, images: new PanelImages((message) => posted.push(message), timeoutMs) };
}

describe('the images a panel draws for the host', () => {
  it('asks a loaded panel to draw the SVG and takes back a PNG of twice its size', async () => {
    const { posted, images: panel } = images();
    const drawn = panel.rasterize('<svg/>', 300, 200);
    await Promise.resolve();
    assert.equal(posted.length, 0, 'nothing is sent before the panel is loaded');
    panel.setReady(true);
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(posted, [{ type: 'rasterize', id: 1, svg: '<svg/>', width: 300, height: 200 }]);
    const png = pngHeader(300 * PNG_SCALE, 200 * PNG_SCALE);
    panel.receive({ type: 'rasterized', id: 1, png });
    assert.equal(await drawn, png);
  });

  it('refuses a PNG of another size, and passes on why the panel could not draw', async () => {
    const { images: panel } = images();
    panel.setReady(true);
    const wrong = panel.rasterize('<svg/>', 300, 200);
    panel.receive({ type: 'rasterized', id: 1, png: pngHeader(300, 200) });
    await assert.rejects(wrong, /drew a 300 × 200 PNG; 600 × 400 was asked for/);
    const failed = panel.rasterize('<svg/>', 300, 200);
    panel.receive({ type: 'rasterizeFailed', id: 2, message: 'decode failed' });
    await assert.rejects(failed, /could not draw the image: decode failed/);
  });

  it("waits for the panel's colours, and forgets them when the panel is unloaded", async () => {
    const { images: panel } = images(100);
    panel.setReady(true);
    const colours = panel.themePalette();
    panel.receive({ type: 'palette', palette: PRINT_PALETTE });
    assert.deepEqual(await colours, PRINT_PALETTE);
    panel.setReady(false);
    await assert.rejects(panel.themePalette(), /did not report its colours within 0.1 s/);
  });

  it('gives up on a panel that is hidden while drawing, or never answers', async () => {
    const { images: panel } = images(50);
    panel.setReady(true);
    const hidden = panel.rasterize('<svg/>', 10, 10);
    panel.setReady(false);
    await assert.rejects(hidden, /closed or hidden before it drew the image/);
    panel.setReady(true);
    await assert.rejects(panel.rasterize('<svg/>', 10, 10), /did not draw the image within 0.05 s/);
  });
});
