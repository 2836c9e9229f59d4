import * as assert from 'node:assert/strict';
import { SentValues } from '../../../webview/sentValues';

describe('the p values the panel drew ahead of the host', () => {
  it('keeps drawing the newest value while the host answers the older ones in turn', () => {
    const sent = new SentValues<number>();
    sent.send(0.6);
    sent.send(0.7);
    assert.equal(sent.answer(0.6), 0.7, 'the answer to 0.6 would step the panel back from 0.7');
    assert.equal(sent.waiting, true);
    assert.equal(sent.answer(0.7), undefined, 'the host caught up');
    assert.equal(sent.waiting, false);
  });

  it('takes a value sent twice as answered once per answer, in order', () => {
    const sent = new SentValues<number>();
    for (const p of [0.5, 0.6, 0.5]) sent.send(p);
    assert.equal(sent.answer(0.5), 0.5, 'the first 0.5 is answered; the last one is still ahead');
    assert.equal(sent.answer(0.6), 0.5);
    assert.equal(sent.answer(0.5), undefined);
  });

  it('lets the host skip to the newest value (it answers only that one when busy)', () => {
    const sent = new SentValues<number>();
    for (const p of [0.1, 0.2, 0.3]) sent.send(p);
    assert.equal(sent.answer(0.3), undefined);
  });

  it('forgets every value when the host shows one the panel never sent (it moved on its own)', () => {
    const sent = new SentValues<number>();
    sent.send(0.6);
    sent.send(0.7);
    assert.equal(sent.answer(0.25), undefined);
    assert.equal(sent.waiting, false);
    assert.equal(sent.answer(0.7), undefined, 'a later answer is the host state itself');
  });
});
