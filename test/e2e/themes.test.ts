// The panel in light, dark and high-contrast themes: the webview receives the
// theme kind from VS Code (body class) and renders its figures in each. The
// screenshots land in artifacts/screenshots/ for a person to look at.
import * as assert from 'node:assert/strict';
import { THEMES } from './support/launcher';
import { openPlaygroundOn, openSession, screenshot, statNumber, type Session } from './support/workbench';

const BODY_CLASS: Record<keyof typeof THEMES, string> = {
  light: 'vscode-light',
  dark: 'vscode-dark',
  'high-contrast': 'vscode-high-contrast',
};

for (const theme of Object.keys(THEMES) as (keyof typeof THEMES)[]) {
  describe(`theme: ${theme}`, () => {
    let session: Session;
    before(async () => {
      session = await openSession({ theme });
    });
    after(async () => {
      await session?.close();
    });

    it('renders the playground with the theme applied', async () => {
      const frame = await openPlaygroundOn(session.page, 'matrix.json');
      assert.equal(await statNumber(frame, 'n'), 12);
      const bodyClass = (await frame.locator('body').getAttribute('class')) ?? '';
      assert.ok(bodyClass.split(/\s+/).includes(BODY_CLASS[theme]), `body class "${bodyClass}"`);
      // The canvas mask is drawn (not blank): it has a non-zero size.
      const box = await frame.locator('canvas').first().boundingBox();
      assert.ok(box && box.width > 0 && box.height > 0, 'mask canvas has no size');
      await screenshot(session.page, `theme-${theme}`);
      const csp = session.consoleMessages.filter((m) => /Content[ -]Security[ -]Policy/i.test(m.text));
      assert.deepEqual(csp.map((m) => m.text), []);
    });
  });
}
