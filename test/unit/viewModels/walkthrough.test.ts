// The walkthrough's pages and sample exist and say what the lesson needs.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseActivations } from '../../../src/parse';
import { REPO_ROOT } from '../paths';

describe('walkthrough', () => {
  it('every walkthrough step has a markdown page that exists and a completion event', () => {
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8'));
    const walk = pkg.contributes.walkthroughs.find((w: { id: string }) => w.id === 'dropoutPlayground.welcome');
    assert.ok(walk);
    assert.equal(walk.title, 'Get started with Dropout Playground');
    const events = walk.steps.flatMap((s: { completionEvents: string[] }) => s.completionEvents);
    assert.deepEqual(events, [
      'onCommand:dropoutPlayground.openSample',
      'onCommand:dropoutPlayground.openOnSelection',
      'onCommand:dropoutPlayground.toggleMode',
      'onCommand:dropoutPlayground.setP',
      'onCommand:dropoutPlayground.runMonteCarlo',
    ]);
    for (const step of walk.steps) {
      const page = join(REPO_ROOT, step.media.markdown);
      assert.ok(existsSync(page), page);
      // Images the page shows must ship next to it.
      for (const m of readFileSync(page, 'utf8').matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)) {
        assert.ok(existsSync(join(REPO_ROOT, 'media', 'walkthrough', m[1])), m[1]);
      }
    }
    // The p step's button passes p = 0.4 as the setP command's argument.
    const setP = walk.steps.find((s: { id: string }) => s.id === 'setP');
    const link = /command:dropoutPlayground\.setP\?([^)]+)\)/.exec(setP.description);
    assert.ok(link);
    assert.deepEqual(JSON.parse(decodeURIComponent(link[1])), { p: 0.4 });
  });

  it('the sample is 100 ones', () => {
    const t = parseActivations(readFileSync(join(REPO_ROOT, 'media', 'walkthrough', 'sample-activations.json'), 'utf8'));
    assert.deepEqual(t.shape, [100]);
    assert.ok(t.data.every((v) => v === 1));
  });
});
