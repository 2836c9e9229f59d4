// A framework preset may switch the random stream only to one that draws that
// framework's masks, and the words the panel and the command show say what
// happened to the stream and whose masks these are.
import * as assert from 'node:assert/strict';
import type { RngKind } from '../../../src/engine/types';
import { FRAMEWORK_PRESETS, frameworkChangeMessage, FRAMEWORKS, maskOrigin, streamAfterChoosing } from '../../../src/shared/catalogue';

const STREAMS: RngKind[] = ['torch', 'numpy', 'jax', 'fast'];

describe('framework presets and the random stream', () => {
  it('switch to the stream of PyTorch, NumPy and Flax, and leave it alone for Keras and TF1', () => {
    for (const current of STREAMS) {
      assert.equal(streamAfterChoosing('pytorch', current, STREAMS), 'torch');
      assert.equal(streamAfterChoosing('numpy', current, STREAMS), 'numpy');
      assert.equal(streamAfterChoosing('flax', current, STREAMS), 'jax');
      assert.equal(streamAfterChoosing('keras', current, STREAMS), current);
      assert.equal(streamAfterChoosing('tf1', current, STREAMS), current);
    }
  });

  it("keep the stream when the framework's own is not available", () => {
    assert.equal(streamAfterChoosing('flax', 'torch', ['torch', 'numpy', 'fast']), 'torch');
  });

  it('never pick the fast stream, which reproduces no framework', () => {
    for (const f of FRAMEWORKS) assert.notEqual(FRAMEWORK_PRESETS[f].rng, 'fast', f);
  });

  it("call a mask the framework's own exactly when its stream drew it, for every framework and stream", () => {
    for (const f of FRAMEWORKS) {
      for (const rng of STREAMS) {
        const text = maskOrigin(f, rng);
        const own = FRAMEWORK_PRESETS[f].rng === rng;
        assert.equal(/own, bit for bit/.test(text), own, `${f} × ${rng}: ${text}`);
        if (!own) assert.match(text, /^(Not .*'s masks|.*'s masks cannot be reproduced)/, `${f} × ${rng}: ${text}`);
      }
    }
  });

  it('say in the command feedback whether the stream, and so the mask, changed', () => {
    assert.equal(
      frameworkChangeMessage('tf1', 'torch', 'torch'),
      "Dropout: TensorFlow 1's names (keep_prob); the random stream stays PyTorch, so the mask is unchanged.",
    );
    assert.equal(
      frameworkChangeMessage('flax', 'torch', 'jax'),
      "Dropout: Flax's names (rate); random stream switched from PyTorch to JAX / Flax, so the mask changed.",
    );
  });
});
