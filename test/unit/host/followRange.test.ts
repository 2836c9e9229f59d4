import * as assert from 'node:assert/strict';
import { followRange } from '../../../src/host/followRange';

/** Applies replacements to text, as an editor would, to check the followed range against. */
function apply(text: string, edits: { rangeOffset: number; rangeLength: number; text: string }[]): string {
  for (const e of [...edits].sort((a, b) => b.rangeOffset - a.rangeOffset)) {
    text = text.slice(0, e.rangeOffset) + e.text + text.slice(e.rangeOffset + e.rangeLength);
  }
  return text;
}

function follow(text: string, selected: string, edits: { rangeOffset: number; rangeLength: number; text: string }[]) {
  const start = text.indexOf(selected);
  const range = followRange(
    { start, end: start + selected.length },
    edits.map((e) => ({ rangeOffset: e.rangeOffset, rangeLength: e.rangeLength, textLength: e.text.length })),
  );
  return apply(text, edits).slice(range.start, range.end);
}

describe('a followed selection through edits', () => {
  const doc = 'x = [1, 2, 3]\ny = 4\n';

  it('moves with text inserted or deleted before it, and ignores text after it', () => {
    assert.equal(follow(doc, '[1, 2, 3]', [{ rangeOffset: 0, rangeLength: 0, text: '# note\n' }]), '[1, 2, 3]');
    assert.equal(follow(doc, '[1, 2, 3]', [{ rangeOffset: 0, rangeLength: 2, text: '' }]), '[1, 2, 3]');
    assert.equal(follow(doc, '[1, 2, 3]', [{ rangeOffset: 14, rangeLength: 5, text: 'y = 40' }]), '[1, 2, 3]');
  });

  it('takes in edits inside it, and keeps typing just before or after it outside', () => {
    assert.equal(follow(doc, '[1, 2, 3]', [{ rangeOffset: 8, rangeLength: 1, text: '20' }]), '[1, 20, 3]');
    assert.equal(follow(doc, '[1, 2, 3]', [{ rangeOffset: 4, rangeLength: 0, text: ' ' }]), '[1, 2, 3]');
    assert.equal(follow(doc, '[1, 2, 3]', [{ rangeOffset: 13, rangeLength: 0, text: ' ' }]), '[1, 2, 3]');
  });

  it('grows over a replacement that overlaps its ends, and handles several replacements of one edit in any order', () => {
    assert.equal(follow(doc, '[1, 2, 3]', [{ rangeOffset: 2, rangeLength: 5, text: '= [0,' }]), '= [0, 2, 3]');
    const several = [
      { rangeOffset: 5, rangeLength: 1, text: '10' },
      { rangeOffset: 0, rangeLength: 1, text: 'xs' },
      { rangeOffset: 11, rangeLength: 1, text: '30' },
    ];
    assert.equal(follow(doc, '[1, 2, 3]', several), '[10, 2, 30]');
    assert.equal(follow(doc, '[1, 2, 3]', [...several].reverse()), '[10, 2, 30]');
  });
});
