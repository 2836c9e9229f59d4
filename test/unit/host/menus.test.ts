// VS Code shows "category: title" in the palette but only the title in menus:
// an entry in the editor's context menu needs a title that names the extension.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../paths';

const read = (file: string) => JSON.parse(fs.readFileSync(path.join(REPO_ROOT, file), 'utf8'));

describe('the editor context menu', () => {
  const manifest = read('package.json');
  const nls: Record<string, string> = read('package.nls.json');
  const title = (id: string): string => {
    const raw: string = manifest.contributes.commands.find((c: { command: string }) => c.command === id).title;
    return raw.replace(/^%(.*)%$/, (_, key: string) => nls[key]);
  };

  it('shows every entry with the "Dropout:" prefix', () => {
    const entries: { command: string }[] = manifest.contributes.menus['editor/context'];
    assert.ok(entries.length > 0);
    for (const { command } of entries) assert.match(title(command), /^Dropout: /, command);
  });

  it('keeps menu-only commands out of the palette, where the category already says "Dropout"', () => {
    const hidden = new Set(
      manifest.contributes.menus.commandPalette
        .filter((m: { when?: string }) => m.when === 'false')
        .map((m: { command: string }) => m.command),
    );
    for (const { command } of manifest.contributes.menus['editor/context'] as { command: string }[]) {
      const contributed = manifest.contributes.commands.find((c: { command: string }) => c.command === command);
      if (!contributed.category) assert.ok(hidden.has(command), `${command} has no category, so it must not be listed in the palette`);
    }
  });
});
