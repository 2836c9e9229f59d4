// The manifest and the registered commands agree, and the palette shows each command properly.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, getApi } from './helpers';

interface ContributedCommand {
  command: string;
  title?: string;
  category?: string;
}

describe('contributed commands', () => {
  let manifest: { contributes: { commands: ContributedCommand[]; menus?: Record<string, { command: string; when?: string }[]> } };

  before(async () => {
    await getApi();
    manifest = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON;
  });

  it('registers every command the manifest contributes', async () => {
    const registered = new Set(await vscode.commands.getCommands(true));
    const contributed = manifest.contributes.commands.map((c) => c.command);
    assert.ok(contributed.length >= 11, `expected at least 11 commands, got ${contributed.length}`);
    const missing = contributed.filter((id) => !registered.has(id));
    assert.deepEqual(missing, [], 'contributed but not registered');
  });

  it('contributes the commands the playground promises', () => {
    const contributed = new Set(manifest.contributes.commands.map((c) => c.command));
    for (const id of [
      'openOnSelection',
      'setModeTrain',
      'setModeEval',
      'toggleMode',
      'setP',
      'setSeed',
      'resample',
      'setRng',
      'setVariant',
      'copyAsCode',
      'openSample',
    ]) {
      assert.ok(contributed.has(`dropoutPlayground.${id}`), `dropoutPlayground.${id} is contributed`);
    }
  });

  it('gives every palette entry a localized title and the "Dropout" category', () => {
    const hidden = new Set((manifest.contributes.menus?.commandPalette ?? []).filter((m) => m.when === 'false').map((m) => m.command));
    for (const c of manifest.contributes.commands.filter((c) => !hidden.has(c.command))) {
      assert.ok(c.title && !c.title.startsWith('%'), `${c.command} has a title (got ${c.title})`);
      assert.equal(c.category, 'Dropout', `${c.command} category`);
    }
    const byId = new Map(manifest.contributes.commands.map((c) => [c.command, c.title]));
    assert.equal(byId.get('dropoutPlayground.openOnSelection'), 'Open Playground on Selection');
    assert.equal(byId.get('dropoutPlayground.setModeTrain'), 'Switch to Train Mode');
    assert.equal(byId.get('dropoutPlayground.setModeEval'), 'Switch to Eval Mode');
    assert.equal(byId.get('dropoutPlayground.setP'), 'Set Drop Probability (p)…');
    assert.equal(byId.get('dropoutPlayground.setSeed'), 'Set Seed…');
    assert.equal(byId.get('dropoutPlayground.resample'), 'Resample Mask');
  });

  it('hides the mode commands by the dropoutPlayground.mode context key, and by the setting before activation', () => {
    const palette = manifest.contributes.menus?.commandPalette ?? [];
    const when = (id: string) => palette.find((m) => m.command === `dropoutPlayground.${id}`)?.when ?? '';
    // The context key once the extension has set it; before that (no key), the setting.
    assert.equal(
      when('setModeTrain'),
      "dropoutPlayground.mode == 'eval' || !dropoutPlayground.mode && config.dropoutPlayground.mode == 'eval'",
    );
    assert.equal(
      when('setModeEval'),
      "dropoutPlayground.mode == 'train' || !dropoutPlayground.mode && config.dropoutPlayground.mode != 'eval'",
    );
  });
});
