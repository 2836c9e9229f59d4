// The shortest user path: open a file of 100 ones, select it, run the command
// from the palette, read what the panel says.
import * as assert from 'node:assert/strict';
import { openPlaygroundOn, openSession, screenshot, statNumber, type Session } from './support/workbench';

describe('smoke: palette -> panel', () => {
  let session: Session;
  before(async () => {
    session = await openSession({ theme: 'dark' });
  });
  after(async () => {
    await session?.close();
  });

  it('shows n, kept and the means for 100 ones', async () => {
    const frame = await openPlaygroundOn(session.page, 'ones.json');
    assert.equal(await statNumber(frame, 'n'), 100);
    const kept = await statNumber(frame, 'kept');
    assert.ok(kept > 0 && kept < 100, `kept ${kept}`);
    assert.equal(await statNumber(frame, 'evalMean'), 1);
    await screenshot(session.page, 'smoke-dark');
  });
});
