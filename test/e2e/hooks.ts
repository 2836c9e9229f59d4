// Root hooks of the UI tier: a failing test leaves a screenshot of every open workbench, its console
// and code-server's log under artifacts/e2e-failures/, and prints the console's last lines, so a red
// run can be diagnosed from CI's log alone.
import type { Context } from 'mocha';
import { recentConsole, saveFailure } from './workbench';

export const mochaHooks = {
  async afterEach(this: Context): Promise<void> {
    const test = this.currentTest;
    if (test?.state !== 'failed') return;
    const error = (test as { err?: Error }).err;
    const saved = await saveFailure(test.fullTitle(), error ? String(error.stack ?? error) : '');
    console.log(
      `\n  ${test.fullTitle()} failed: ${error?.message.split('\n')[0] ?? ''}\n  saved:\n${saved.map((f) => `    ${f}`).join('\n')}`,
    );
    console.log(`  the workbench console's last lines:\n${recentConsole().join('\n')}\n`);
  },
};
