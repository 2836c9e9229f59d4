import * as assert from 'node:assert/strict';
import { PendingReveal } from '../../../webview/reveal';

describe('a section a command asked to bring into view', () => {
  it('waits while no result is on screen, then is taken once', () => {
    const reveal = new PendingReveal<'monteCarlo' | 'mistakes'>();
    reveal.request('monteCarlo');
    assert.equal(reveal.take(false), undefined, 'the input is still being read: nothing to scroll to yet');
    assert.equal(reveal.take(false), undefined);
    assert.equal(reveal.take(true), 'monteCarlo');
    assert.equal(reveal.take(true), undefined, 'a later render must not scroll the user away again');
  });

  it('goes to the latest request', () => {
    const reveal = new PendingReveal<'monteCarlo' | 'mistakes'>();
    reveal.request('monteCarlo');
    reveal.request('mistakes');
    assert.equal(reveal.take(true), 'mistakes');
    assert.equal(reveal.take(true), undefined);
  });

  it('does nothing when nothing was asked', () => {
    assert.equal(new PendingReveal<'monteCarlo'>().take(true), undefined);
  });
});
