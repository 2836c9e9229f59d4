import * as assert from 'node:assert/strict';
import { RateLimitedText, type Timer } from '../../../webview/rateLimitedText';

/** A clock the test moves by hand; due callbacks run as it passes them. */
class FakeTimer implements Timer {
  private time = 0;
  private queue: { at: number; callback: () => void }[] = [];
  now(): number {
    return this.time;
  }
  setTimeout(callback: () => void, ms: number): unknown {
    this.queue.push({ at: this.time + ms, callback });
    return undefined;
  }
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      this.queue.sort((a, b) => a.at - b.at);
      const next = this.queue[0];
      if (!next || next.at > end) break;
      this.queue.shift();
      this.time = next.at;
      next.callback();
    }
    this.time = end;
  }
}

describe('a live region rate-limited during a drag', () => {
  it('says the first change at once', () => {
    const timer = new FakeTimer();
    const said: string[] = [];
    new RateLimitedText((t) => said.push(t), 1000, timer).say('kept 50 of 100');
    assert.deepEqual(said, ['kept 50 of 100']);
  });

  it('says at most one text per interval during a burst, and the latest one last', () => {
    const timer = new FakeTimer();
    const said: { at: number; text: string }[] = [];
    const region = new RateLimitedText((text) => said.push({ at: timer.now(), text }), 1000, timer);
    // A two-second drag: a new kept count every 16 ms frame.
    for (let frame = 0; frame <= 125; frame++) {
      region.say(`kept ${50 - Math.floor(frame / 5)} of 100`);
      timer.advance(16);
    }
    timer.advance(2000);
    assert.ok(said.length <= 4, `${said.length} announcements for one drag: ${JSON.stringify(said)}`);
    for (let i = 1; i < said.length; i++) assert.ok(said[i].at - said[i - 1].at >= 1000, `${said[i - 1].at} then ${said[i].at}`);
    assert.equal(said[said.length - 1].text, 'kept 25 of 100', 'where the drag ended');
  });

  it('does not repeat the same words', () => {
    const timer = new FakeTimer();
    const said: string[] = [];
    const region = new RateLimitedText((t) => said.push(t), 500, timer);
    region.say('kept 3 of 4');
    timer.advance(100);
    region.say('kept 2 of 4');
    region.say('kept 3 of 4');
    timer.advance(600);
    region.say('kept 3 of 4');
    timer.advance(600);
    assert.deepEqual(said, ['kept 3 of 4'], 'a drag that comes back to the same count says nothing new');
  });
});
