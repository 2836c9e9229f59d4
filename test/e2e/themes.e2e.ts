// The panel renders in light, dark and high-contrast themes: it takes the theme's colours (so the
// backgrounds differ), shows its figures, and breaks no CSP rule. Screenshots go to artifacts/screenshots.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { consoleProblems, E2E_VERSIONS, openPlaygroundOn, openSession, SCREENSHOTS, statNumber, webview } from './workbench';

const THEMES = [
  { name: 'light', theme: 'Default Light Modern' },
  { name: 'dark', theme: 'Default Dark Modern' },
  { name: 'high-contrast', theme: 'Default High Contrast' },
];

interface Styles {
  getComputedStyle(element: unknown): { backgroundColor: string };
}

/** Relative luminance of a CSS rgb()/rgba() colour, 0 (black) to 1 (white). */
function luminance(css: string): number {
  const [r, g, b] = (css.match(/[\d.]+/g) ?? ['0', '0', '0']).slice(0, 3).map((v) => Number(v) / 255);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

for (const version of E2E_VERSIONS) {
  describe(`VS Code ${version}: themes`, function () {
    this.timeout(120_000);
    const backgrounds = new Map<string, string>();

    for (const { name, theme } of THEMES) {
      it(`renders in the ${name} theme`, async () => {
        const session = await openSession(version, { theme });
        try {
          const { page } = session;
          await openPlaygroundOn(page, 'ones100.json');
          assert.equal(await statNumber(page, 'n'), 100);
          const body = webview(page).locator('body');
          // Evaluated in the webview (a browser); this file is type-checked without the DOM lib.
          const background = await body.evaluate((el) => (globalThis as unknown as Styles).getComputedStyle(el).backgroundColor);
          const kind = (await body.getAttribute('class')) ?? '';
          backgrounds.set(name, background);
          fs.mkdirSync(SCREENSHOTS, { recursive: true });
          await page.screenshot({ path: path.join(SCREENSHOTS, `vscode-${version}-${name}.png`) });
          if (name === 'light') assert.ok(luminance(background) > 0.6, `light background ${background}`);
          else assert.ok(luminance(background) < 0.3, `${name} background ${background}`);
          assert.match(kind, name === 'light' ? /vscode-light/ : name === 'dark' ? /vscode-dark/ : /vscode-high-contrast/);
          assert.deepEqual(await consoleProblems(session), []);
        } finally {
          await session.close();
        }
      });
    }
  });
}
