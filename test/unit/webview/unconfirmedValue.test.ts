import * as assert from 'node:assert/strict';
import { UnconfirmedValue } from '../../../webview/unconfirmedValue';

describe('a value the panel sent and has not seen come back', () => {
  it('lets every state through while nothing was sent', () => {
    const sent = new UnconfirmedValue<number>();
    assert.equal(sent.mayShow(0.5), true);
    assert.equal(sent.mayShow(0.3), true);
  });

  it('holds back the states drawn for older key presses until the newest value comes back', () => {
    const sent = new UnconfirmedValue<number>();
    sent.send(0.51);
    sent.send(0.52);
    sent.send(0.53);
    assert.equal(sent.mayShow(0.51), false, 'the answer to the first press would move the slider back');
    assert.equal(sent.mayShow(0.52), false);
    assert.equal(sent.mayShow(0.53), true, 'the newest value may show');
    assert.equal(sent.mayShow(0.2), true, 'after that, a change from elsewhere (the palette) shows');
  });

  it('forgets a value the host never showed back', () => {
    const sent = new UnconfirmedValue<number>();
    sent.send(1);
    assert.equal(sent.mayShow(0.5), false);
    sent.forget();
    assert.equal(sent.mayShow(0.5), true);
  });
});
