// The teaching modules stay pure (they run in the host, the worker and the
// webview alike), and the walkthrough's pages and sample exist and say what the
// lesson needs.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseActivations } from '../../src/parse';

const root = join(__dirname, '..', '..', '..');

describe('teach: purity and walkthrough', () => {
  it('src/teach imports only its own modules and the pure engine, and touches no Node or DOM global', () => {
    const dir = join(root, 'src', 'teach');
    const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));
    assert.ok(files.length >= 5);
    for (const f of files) {
      const text = readFileSync(join(dir, f), 'utf8');
      for (const m of text.matchAll(/(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/g)) {
        const spec = m[1];
        assert.ok(/^\.\/[\w]+$/.test(spec) || /^\.\.\/engine(\/types)?$/.test(spec), `${f} imports ${spec}`);
      }
      assert.ok(!/\brequire\(|\b(window|document|process|Buffer|navigator)\./.test(text), `${f} uses a Node or DOM global`);
    }
  });

  it('every walkthrough step has a markdown page that exists and a completion event', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
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
      const page = join(root, step.media.markdown);
      assert.ok(existsSync(page), page);
      // Images the page shows must ship next to it.
      for (const m of readFileSync(page, 'utf8').matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)) {
        assert.ok(existsSync(join(root, 'media', 'walkthrough', m[1])), m[1]);
      }
    }
    // The p step's button passes p = 0.4 as the setP command's argument.
    const setP = walk.steps.find((s: { id: string }) => s.id === 'setP');
    const link = /command:dropoutPlayground\.setP\?([^)]+)\)/.exec(setP.description);
    assert.ok(link);
    assert.deepEqual(JSON.parse(decodeURIComponent(link[1])), { p: 0.4 });
  });

  it('the sample is 100 ones', () => {
    const t = parseActivations(readFileSync(join(root, 'media', 'walkthrough', 'sample-activations.json'), 'utf8'));
    assert.deepEqual(t.shape, [100]);
    assert.ok(t.data.every((v) => v === 1));
  });
});
