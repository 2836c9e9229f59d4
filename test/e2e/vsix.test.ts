// The packaged extension, as a user installs it: `code-server --install-extension
// artifacts/dropout-playground.vsix` into a fresh extensions dir, then the
// smoke path (open, select, command, read kept and n) with nothing loaded from source.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { E2E_VERSION, launcher, REPO_ROOT } from './support/launcher';
import { openPlaygroundOn, openSession, statNumber, type Session } from './support/workbench';

const VSIX = path.join(REPO_ROOT, 'artifacts', 'dropout-playground.vsix');

describe('packaged .vsix', () => {
  let extensionsDir: string;
  let session: Session | undefined;

  before(async () => {
    // npm test packages first; a lone run of this file packages here.
    if (!fs.existsSync(VSIX)) execFileSync('npm', ['run', 'package'], { cwd: REPO_ROOT, stdio: 'inherit' });
    extensionsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dropout-vsix-extensions-'));
  });
  after(async () => {
    await session?.close();
    fs.rmSync(extensionsDir, { recursive: true, force: true });
  });

  it('installs with code-server --install-extension', async () => {
    const output = await launcher.installVsix(E2E_VERSION, VSIX, extensionsDir);
    assert.match(output, /dropout-playground\.vsix' was successfully installed/i);
    const installed = fs.readdirSync(extensionsDir).filter((d) => d.startsWith('dropout-playground.dropout-playground-'));
    assert.equal(installed.length, 1, `extensions dir: ${fs.readdirSync(extensionsDir).join(', ')}`);
  });

  it('runs the smoke path from the installed extension', async () => {
    session = await openSession({ extensionsDir });
    const frame = await openPlaygroundOn(session.page, 'ones.json');
    assert.equal(await statNumber(frame, 'n'), 100);
    const kept = await statNumber(frame, 'kept');
    assert.ok(kept > 0 && kept < 100, `kept ${kept}`);
    assert.equal(await statNumber(frame, 'trainMeanUnscaled'), kept / 100);
    // No "[Extension Development Host]": this really is the installed copy.
    assert.doesNotMatch(await session.page.title(), /Extension Development Host/);
  });
});
