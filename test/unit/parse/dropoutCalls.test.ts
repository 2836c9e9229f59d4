// The dropout-call scanner: what it finds in Python source, what it makes of the arguments, and that
// strings, comments and continuations never fool it.
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { type DropoutCall, importsOf, scanDropoutCalls, sharedAxes } from '../../../src/parse/dropoutCalls';

/** The 1-based line of an offset. */
const lineOf = (source: string, offset: number) => source.slice(0, offset).split('\n').length;

/** [callee, p or the reason it asks, framework, variant] per call: the short form most cases compare. */
function summary(source: string): [string, number | string, string, string][] {
  return scanDropoutCalls(source).map((c) => [
    c.callee,
    c.probability.kind === 'ask' ? `ask:${c.probability.reason}` : c.probability.p,
    c.framework,
    c.variant,
  ]);
}

function only(source: string): DropoutCall {
  const calls = scanDropoutCalls(source);
  assert.equal(calls.length, 1, `one call in ${JSON.stringify(source)}, found ${calls.length}`);
  return calls[0]!;
}

describe('dropout calls in Python source', () => {
  describe('PyTorch', () => {
    it('reads p by position and by keyword, and the default when it is left out', () => {
      assert.deepEqual(summary('import torch.nn as nn\na = nn.Dropout(0.3)\nb = torch.nn.Dropout(p=0.25)\nc = nn.Dropout()\n'), [
        ['nn.Dropout', 0.3, 'pytorch', 'inverted'],
        ['torch.nn.Dropout', 0.25, 'pytorch', 'inverted'],
        ['nn.Dropout', 0.5, 'pytorch', 'inverted'],
      ]);
      assert.equal(scanDropoutCalls('nn.Dropout()')[0]!.probability.kind, 'default');
    });

    it('maps the feature and alpha modules to their variant and sharing', () => {
      const calls = scanDropoutCalls(
        'from torch import nn\nnn.Dropout1d(0.1)\nnn.Dropout2d(0.2)\nnn.Dropout3d(p=0.3)\nnn.AlphaDropout(0.4)\nnn.FeatureAlphaDropout(0.5)\n',
      );
      assert.deepEqual(
        calls.map((c) => [c.api, c.variant, c.sharing]),
        [
          ['torch.nn.Dropout1d', 'inverted', { kind: 'torchSpatial', axes: 1 }],
          ['torch.nn.Dropout2d', 'inverted', { kind: 'torchSpatial', axes: 2 }],
          ['torch.nn.Dropout3d', 'inverted', { kind: 'torchSpatial', axes: 3 }],
          ['torch.nn.AlphaDropout', 'alpha', undefined],
          ['torch.nn.FeatureAlphaDropout', 'alpha', { kind: 'afterChannel' }],
        ],
      );
    });

    it('reads F.dropout’s p as its second argument, and whether training is passed', () => {
      const calls = scanDropoutCalls(
        [
          'import torch.nn.functional as F',
          'F.dropout(x, 0.2)',
          'F.dropout(x, p=0.3, training=self.training)',
          'torch.nn.functional.dropout(x, 0.4, False)',
          'F.dropout(x, **kw)',
          'F.dropout(x)',
        ].join('\n'),
      );
      assert.deepEqual(
        calls.map((c) => [c.probability.kind === 'ask' ? 'ask' : c.probability.p, c.trainingPassed]),
        [
          [0.2, false],
          [0.3, true],
          [0.4, true],
          ['ask', true],
          [0.5, false],
        ],
      );
    });

    it('knows `from torch.nn import Dropout` and the functional dropout1d/2d/3d and alpha forms', () => {
      assert.deepEqual(
        summary(
          'from torch.nn import Dropout as D, AlphaDropout\nfrom torch.nn.functional import dropout2d\nD(0.1)\nAlphaDropout(0.2)\ndropout2d(x, 0.3)\n',
        ),
        [
          ['D', 0.1, 'pytorch', 'inverted'],
          ['AlphaDropout', 0.2, 'pytorch', 'alpha'],
          ['dropout2d', 0.3, 'pytorch', 'inverted'],
        ],
      );
      assert.deepEqual(summary('F.alpha_dropout(x, 0.2, training=True)'), [['F.alpha_dropout', 0.2, 'pytorch', 'alpha']]);
    });

    it('asks for p when it is a name, an expression or not a probability', () => {
      const calls = scanDropoutCalls('nn.Dropout(self.p)\nnn.Dropout(p=1 - keep)\nnn.Dropout(1.5)\nnn.Dropout(-0.1)\nnn.Dropout(0x1)\n');
      assert.deepEqual(
        calls.map((c) => c.probability),
        [
          { kind: 'ask', reason: 'expression', written: 'self.p', parameter: 'p' },
          { kind: 'ask', reason: 'expression', written: '1 - keep', parameter: 'p' },
          { kind: 'ask', reason: 'outOfRange', written: '1.5', parameter: 'p' },
          { kind: 'ask', reason: 'outOfRange', written: '-0.1', parameter: 'p' },
          { kind: 'ask', reason: 'expression', written: '0x1', parameter: 'p' },
        ],
      );
    });

    it('reads every decimal literal form: 0, 1, .5, 5e-1, 0_5e-1', () => {
      assert.deepEqual(
        scanDropoutCalls('nn.Dropout(0)\nnn.Dropout(1)\nnn.Dropout(.5)\nnn.Dropout(5e-1)\nnn.Dropout(0_5e-1)\nnn.Dropout(+0.25)').map(
          (c) => (c.probability.kind === 'literal' ? c.probability.p : c.probability.kind),
        ),
        [0, 1, 0.5, 0.5, 0.5, 0.25],
      );
    });
  });

  describe('Keras, TensorFlow 1 and Flax', () => {
    it('reads Keras rate, and maps Gaussian, alpha and spatial dropout', () => {
      const source = [
        'import tensorflow as tf',
        'from tensorflow.keras import layers',
        'tf.keras.layers.Dropout(0.2)',
        'layers.Dropout(rate=0.3)',
        'keras.layers.GaussianDropout(0.1)',
        'layers.AlphaDropout(0.05)',
        'layers.SpatialDropout2D(0.4)',
        "layers.SpatialDropout1D(0.4, data_format='channels_first')",
      ].join('\n');
      assert.deepEqual(summary(source), [
        ['tf.keras.layers.Dropout', 0.2, 'keras', 'inverted'],
        ['layers.Dropout', 0.3, 'keras', 'inverted'],
        ['keras.layers.GaussianDropout', 0.1, 'keras', 'gaussian'],
        ['layers.AlphaDropout', 0.05, 'keras', 'alpha'],
        ['layers.SpatialDropout2D', 0.4, 'keras', 'inverted'],
        ['layers.SpatialDropout1D', 0.4, 'keras', 'inverted'],
      ]);
      const calls = scanDropoutCalls(source);
      assert.deepEqual(calls[4]!.sharing, { kind: 'kerasSpatial', axes: 2, channelsFirst: false });
      assert.deepEqual(calls[5]!.sharing, { kind: 'kerasSpatial', axes: 1, channelsFirst: true });
      assert.equal(scanDropoutCalls('layers.Dropout()')[0]!.probability.kind, 'ask', 'Keras requires rate');
    });

    it('converts keep_prob to p = 1 − keep_prob, and leaves TF2’s positional tf.nn.dropout alone', () => {
      const calls = scanDropoutCalls(
        'tf.nn.dropout(x, keep_prob=0.8)\ntf.compat.v1.nn.dropout(x, 0.9)\ntf.compat.v1.nn.dropout(x, rate=0.3)\ntf.nn.dropout(x, 0.3)\n',
      );
      assert.deepEqual(
        calls.map((c) => [c.framework, c.probability]),
        [
          ['tf1', { kind: 'literal', p: 0.2, written: '0.8', parameter: 'keep_prob' }],
          ['tf1', { kind: 'literal', p: 0.1, written: '0.9', parameter: 'keep_prob' }],
          ['tf1', { kind: 'literal', p: 0.3, written: '0.3', parameter: 'rate' }],
        ],
      );
    });

    it('reads Flax linen and nnx rate, and broadcast_dims as the shared axes', () => {
      const source = [
        'import flax.linen as nn',
        'from flax import nnx',
        'nn.Dropout(0.1)',
        'nn.Dropout(rate=0.2, broadcast_dims=(1, 2))',
        'nn.Dropout(0.3, [-1])',
        'nnx.Dropout(0.4, rngs=rngs)',
        'nnx.Dropout(rate=r)',
      ].join('\n');
      const calls = scanDropoutCalls(source);
      assert.deepEqual(summary(source), [
        ['nn.Dropout', 0.1, 'flax', 'inverted'],
        ['nn.Dropout', 0.2, 'flax', 'inverted'],
        ['nn.Dropout', 0.3, 'flax', 'inverted'],
        ['nnx.Dropout', 0.4, 'flax', 'inverted'],
        ['nnx.Dropout', 'ask:expression', 'flax', 'inverted'],
      ]);
      assert.deepEqual(
        calls.map((c) => c.sharing),
        [undefined, { kind: 'axes', axes: [1, 2] }, { kind: 'axes', axes: [-1] }, undefined, undefined],
      );
    });

    it('takes names from imports made elsewhere (a notebook’s first cell)', () => {
      const imports = importsOf('import flax.linen as nn\n');
      assert.equal(scanDropoutCalls('nn.Dropout(0.1)', { imports })[0]!.framework, 'flax');
      assert.equal(scanDropoutCalls('nn.Dropout(0.1)')[0]!.framework, 'pytorch');
      assert.equal(scanDropoutCalls('import torch.nn as nn\nnn.Dropout(0.1)', { imports })[0]!.framework, 'pytorch');
    });
  });

  describe('what is not a dropout call', () => {
    it('ignores other dropouts, definitions, attributes and unknown names', () => {
      assert.deepEqual(
        summary(
          'def Dropout(p): pass\nclass Dropout2d: pass\nself.dropout(x)\nmodel.nn.Dropout(0.1)\nDropout(0.1)\nnn.Dropout\nx = nn.Dropout2\nmy.F.dropout(x, 0.1)\n',
        ),
        [],
      );
    });

    it('never reads a call in a comment or any kind of string', () => {
      const source = [
        '# nn.Dropout(0.1)',
        "s = 'nn.Dropout(0.2)'",
        's = "nn.Dropout(0.3) \\" nn.Dropout(0.31)"',
        's = """',
        'nn.Dropout(0.4)',
        '"""',
        "s = r'\\' nn.Dropout(0.5)'",
        "s = rb'''nn.Dropout(0.6)'''",
        's = f"{x} nn.Dropout(0.7) {y!r:>{w}} {d["k"]}"',
        "s = F'''{'''nn.Dropout(0.8)'''}'''",
        's = f"{x + "}"} nn.Dropout(0.75)"',
        's = "line\\',
        'nn.Dropout(0.9)"',
        'nn.Dropout(0.35)  # the one real call',
      ].join('\n');
      const calls = scanDropoutCalls(source);
      assert.deepEqual(
        calls.map((c) => [lineOf(source, c.start), c.probability.kind === 'literal' && c.probability.p]),
        [[14, 0.35]],
      );
    });

    it('ends an unterminated single-quoted string at its line, as Python reports it', () => {
      // An unterminated single-quoted string ends at its line: the next line is code again.
      const calls = scanDropoutCalls("s = 'open\nnn.Dropout(0.1)\n");
      assert.equal(calls.length, 1);
    });

    it('follows calls across lines, continuations, nested parentheses and comments inside them', () => {
      const source =
        'layer = nn.Dropout(\n    # drop a fifth\n    p=(0.2),\n)\nnext = nn.Sequential(nn.Linear(2, 2), nn.Dropout(max(0.1, 0.2)))\nz = \\\n  nn.Dropout(0.3)\n';
      const calls = scanDropoutCalls(source);
      assert.deepEqual(
        calls.map((c) => [lineOf(source, c.start), c.probability.kind, source.slice(c.start, c.end).split('\n')[0]]),
        [
          [1, 'ask', 'nn.Dropout('],
          [5, 'ask', 'nn.Dropout(max(0.1, 0.2))'],
          [7, 'literal', 'nn.Dropout(0.3)'],
        ],
      );
    });

    it('skips a call whose parentheses never close', () => {
      assert.deepEqual(summary('nn.Dropout(0.3\n'), []);
    });
  });

  describe('nn.Module methods', () => {
    const source = [
      'import torch',
      'import torch.nn.functional as F',
      'class Net(torch.nn.Module):',
      '    def forward(self, x):',
      '        return F.dropout(x, 0.2)',
      '',
      '    @staticmethod',
      '    async def helper(x): return F.dropout(x, 0.3)',
      '    async def run(self, x): return F.dropout(x, 0.31)',
      'class Child(Net):',
      '    def forward(self, x):',
      '        if x:',
      '            x = F.dropout(x,',
      '                          0.4)',
      '        return x',
      'class Plain:',
      '    def forward(self, x):',
      '        return F.dropout(x, 0.5)',
      'class Lit(pl.LightningModule, Mixin):',
      '    def step(self, x): return F.dropout(x, 0.6)',
      'def free(x):',
      '    return F.dropout(x, 0.7)',
      'class Body(nn.Module):',
      '    y = F.dropout(x, 0.8)',
      'class Joined(nn.Module):',
      '    def forward(self, x):',
      '        return x + \\',
      'F.dropout(x, 0.9)',
    ].join('\n');

    it('says which calls are in a method taking self of a class derived from nn.Module', () => {
      const calls = scanDropoutCalls(source);
      assert.deepEqual(
        calls.map((c) => [lineOf(source, c.start), c.inModuleMethod]),
        [
          [5, true],
          [8, false],
          [9, true],
          [13, true],
          [18, false],
          [20, true],
          [22, false],
          [24, false],
          [28, true],
        ],
      );
    });

    it('gives the offset after the last argument, where training= goes', () => {
      const text = 'F.dropout(x, 0.4 ,)';
      const call = only(text);
      assert.equal(text.slice(0, call.lastArgumentEnd), 'F.dropout(x, 0.4');
      assert.equal(only('F.dropout()').lastArgumentEnd, undefined);
    });
  });

  describe('channel sharing on a given shape', () => {
    it('shares torch Dropout2d over H and W of NCHW and CHW, and L of (N, C, L) as torch reads 3-D', () => {
      assert.deepEqual(sharedAxes({ kind: 'torchSpatial', axes: 2 }, [2, 3, 4, 5]), { dims: [2, 3] });
      assert.deepEqual(sharedAxes({ kind: 'torchSpatial', axes: 2 }, [3, 4, 5]), { dims: [2] });
      assert.deepEqual(sharedAxes({ kind: 'torchSpatial', axes: 1 }, [3, 4]), { dims: [1] });
      assert.deepEqual(sharedAxes({ kind: 'torchSpatial', axes: 3 }, [1, 2, 3, 4, 5]), { dims: [2, 3, 4] });
      assert.deepEqual(sharedAxes({ kind: 'torchSpatial', axes: 2 }, [100]), {
        problem: 'expects 3-D or 4-D input (channels first), not 1-D',
      });
    });

    it('shares Keras spatial dropout between the batch and the channel, or after it with channels_first', () => {
      assert.deepEqual(sharedAxes({ kind: 'kerasSpatial', axes: 2, channelsFirst: false }, [2, 4, 5, 3]), { dims: [1, 2] });
      assert.deepEqual(sharedAxes({ kind: 'kerasSpatial', axes: 2, channelsFirst: true }, [2, 3, 4, 5]), { dims: [2, 3] });
      assert.ok('problem' in sharedAxes({ kind: 'kerasSpatial', axes: 2, channelsFirst: false }, [4, 5, 3]));
    });

    it('reads Flax broadcast_dims with negative axes, and refuses axes outside the input', () => {
      assert.deepEqual(sharedAxes({ kind: 'axes', axes: [-1, 1] }, [2, 3, 4]), { dims: [1, 2] });
      assert.deepEqual(sharedAxes({ kind: 'axes', axes: [3] }, [2, 3, 4]), { problem: 'broadcast_dims has axis 3, outside a 3-D input' });
      assert.deepEqual(sharedAxes({ kind: 'afterChannel' }, [2, 3, 4, 5]), { dims: [2, 3] });
    });
  });

  describe('properties', () => {
    const runs = { numRuns: 300, seed: 20261206 };
    /** Text that looks like code and string syntax: the scanner must treat it as a string's content. */
    const tricky = fc.array(
      fc.constantFrom('nn.Dropout(0.1)', 'F.dropout(x, 0.2)', '"', "'", '"""', "'''", '\\', '{', '}', '#', '(', ')', '\n', ' ', 'a', 'f"'),
      { maxLength: 12 },
    );

    /** A Python literal whose value is `content`, in the chosen form. */
    function literal(content: string, quote: '"' | "'", triple: boolean, prefix: '' | 'f' | 'b' | 'u' | 'F' | 'Rb'): string {
      const delimiter = triple ? quote.repeat(3) : quote;
      if (prefix === 'Rb') return `${prefix}${delimiter}${content.replace(/[\\"'{}\n#]/g, '')}${delimiter}`;
      let body = content.replace(/\\/g, '\\\\').replace(new RegExp(quote, 'g'), `\\${quote}`);
      if (!triple) body = body.replace(/\n/g, '\\n');
      if (prefix === 'f' || prefix === 'F') body = body.replace(/\{/g, '{{').replace(/\}/g, '}}');
      return `${prefix}${delimiter}${body}${delimiter}`;
    }

    it('finds no call inside any string literal or comment, and the real one after it', () => {
      fc.assert(
        fc.property(
          tricky,
          fc.constantFrom<'"' | "'">('"', "'"),
          fc.boolean(),
          fc.constantFrom<'' | 'f' | 'b' | 'u' | 'F' | 'Rb'>('', 'f', 'b', 'u', 'F', 'Rb'),
          (parts, quote, triple, prefix) => {
            const content = parts.join('');
            const source = `s = ${literal(content, quote, triple, prefix)}  # ${content.replace(/\n/g, ' ')}\nlayer = nn.Dropout(0.35)\n`;
            const calls = scanDropoutCalls(source);
            return calls.length === 1 && calls[0]!.probability.kind === 'literal' && calls[0]!.probability.p === 0.35;
          },
        ),
        runs,
      );
    });

    it('never throws and keeps every call inside the source on arbitrary text', () => {
      fc.assert(
        fc.property(
          fc.array(
            fc.oneof(
              tricky.map((p) => p.join('')),
              fc.string(),
            ),
            { maxLength: 8 },
          ),
          (parts) => {
            const source = parts.join('');
            for (const c of scanDropoutCalls(source)) {
              if (!(c.start >= 0 && c.start < c.end && c.end <= source.length && source.startsWith(c.callee.split('.')[0]!, c.start)))
                return false;
            }
            return true;
          },
        ),
        runs,
      );
    });
  });
});
