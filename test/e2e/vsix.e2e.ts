// The packaged extension, as users get it: `npm run package` writes artifacts/dropout-playground.vsix,
// `code-server --install-extension` puts it in a fresh extensions dir, and the smoke path runs on it
// (no extension under development loaded).
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  consoleProblems,
  E2E_VERSIONS,
  launcher,
  openPlaygroundOn,
  openSession,
  ROOT,
  SCREENSHOTS,
  statNumber,
  WEB_EXTENSION_HOST,
  workerNames,
} from './workbench';
import { WEB_WORKER_NAME } from '../../src/compute/webCompute';

const VSIX = path.join(ROOT, 'artifacts', 'dropout-playground.vsix');
const version = E2E_VERSIONS[E2E_VERSIONS.length - 1];

describe(`VS Code ${version}: the packaged .vsix`, function () {
  this.timeout(180_000);
  let extensionsDir: string;

  before(() => {
    // test-all packages just before this tier; alone, package now.
    if (!fs.existsSync(VSIX) || process.env.DROPOUT_REPACKAGE) execFileSync('npm', ['run', 'package'], { cwd: ROOT, stdio: 'inherit' });
    extensionsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dropout-vsix-extensions-'));
  });
  after(() => {
    if (extensionsDir) fs.rmSync(extensionsDir, { recursive: true, force: true });
  });

  for (const flavour of ['node', 'web'] as const) {
    it(`installs with code-server --install-extension and runs the smoke path in the ${flavour} extension host`, async () => {
      const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
        publisher: string;
        name: string;
        version: string;
      };
      const l = await launcher();
      fs.rmSync(extensionsDir, { recursive: true, force: true });
      fs.mkdirSync(extensionsDir);
      const output = await l.installVsix(version, VSIX, extensionsDir);
      assert.match(output, /successfully installed/i);
      const installed = fs.readdirSync(extensionsDir).filter((d) => d.startsWith(`${manifest.publisher}.${manifest.name}-`));
      assert.deepEqual(installed, [`${manifest.publisher}.${manifest.name}-${manifest.version}`]);
      // What shipped: the bundles, not the sources.
      const shipped = path.join(extensionsDir, installed[0]);
      assert.ok(fs.existsSync(path.join(shipped, 'dist', 'extension.js')));
      assert.ok(fs.existsSync(path.join(shipped, 'dist', 'webview.js')));
      assert.ok(fs.existsSync(path.join(shipped, 'dist', 'drawEngine.js')), 'the script the panel loads to draw small inputs itself');
      assert.ok(fs.existsSync(path.join(shipped, 'dist', 'web', 'extension.js')));
      assert.ok(fs.existsSync(path.join(shipped, 'dist', 'web', 'worker.js')));
      assert.ok(!fs.existsSync(path.join(shipped, 'src')), 'sources are not shipped');
      assert.ok(!fs.existsSync(path.join(shipped, 'node_modules')), 'node_modules is not shipped');

      const session = await openSession(version, {
        extensionsDir,
        developmentPath: null,
        ...(flavour === 'web' ? { settings: WEB_EXTENSION_HOST } : {}),
      });
      try {
        await openPlaygroundOn(session.page, 'ones100.json');
        assert.equal(await statNumber(session.page, 'n'), 100);
        assert.equal(await statNumber(session.page, 'evalMean'), 1);
        const kept = await statNumber(session.page, 'kept');
        assert.ok(Math.abs((await statNumber(session.page, 'trainMean')) - (kept * 2) / 100) < 1e-5);
        // In the web host, the compute runs in its own Web Worker; in the Node host, in a worker thread.
        const names = await workerNames(session.page);
        assert.equal(
          names.some((name) => name.endsWith(WEB_WORKER_NAME)),
          flavour === 'web',
          `workers: ${names.join(' | ')}`,
        );
        fs.mkdirSync(SCREENSHOTS, { recursive: true });
        await session.page.screenshot({ path: path.join(SCREENSHOTS, `vscode-${version}-vsix-${flavour}.png`) });
        assert.deepEqual(await consoleProblems(session), []);
      } finally {
        await session.close();
      }
    });
  }
});
