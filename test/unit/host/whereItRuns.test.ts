// Which commands run on which extension host, said in one place: every contributed command says
// where it runs, and one that needs Node tells a web user so instead of failing.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type CommandName, unavailableOn, WHERE_COMMANDS_RUN } from '../../../src/host/whereItRuns';
import { REPO_ROOT } from '../paths';

const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
const contributed: string[] = manifest.contributes.commands.map((c: { command: string }) => c.command.replace(/^dropoutPlayground\./, ''));

describe('where each command runs', () => {
  it('lists every contributed command, and only those', () => {
    assert.deepEqual(Object.keys(WHERE_COMMANDS_RUN).sort(), [...contributed].sort());
  });

  it('runs every command in the Node host, and today every one in the web host too', () => {
    for (const command of Object.keys(WHERE_COMMANDS_RUN) as CommandName[]) {
      assert.equal(unavailableOn(command, 'node'), undefined, command);
      assert.equal(unavailableOn(command, 'web'), undefined, command);
    }
  });

  it('has a command that needs Node say so on the web, naming it and where it does run', () => {
    const table = { ...WHERE_COMMANDS_RUN, openSample: { needsNode: 'Opening the sample' } };
    const message = unavailableOn('openSample', 'web', table);
    assert.match(
      message ?? '',
      /^Opening the sample needs VS Code's Node extension host \(the desktop app, a remote window or code-server\)/,
    );
    assert.match(message ?? '', /not available in a browser-only VS Code such as vscode\.dev\.$/);
    assert.equal(unavailableOn('openSample', 'node', table), undefined);
    assert.equal(unavailableOn('setP', 'web', table), undefined);
  });
});
