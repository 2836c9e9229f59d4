// @ts-check
// Section: the dropout-call scanner behind the editor's lenses and hints, on a 5,000-line Python
// file (target: ≤ 20 ms, so a lens never waits on it). The file mixes what real training code holds:
// imports, nn.Module classes, docstrings, comments, f-strings and dropout calls of every framework.
import * as esbuild from 'esbuild';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { OUT_DIR, ROOT } from './bundle.mjs';
import { median, ms, quantile, timeMs, verdict } from './stats.mjs';

export const SCAN_TARGET_MS = 20;
const LINES = 5000;

/** One block of model code (27 lines); repeated to the file's length. */
function block(/** @type {number} */ k) {
  return [
    `class Block${k}(nn.Module):`,
    `    """A residual block with dropout (p = 0.${k % 10}); nn.Dropout(0.9) in a docstring is not a call."""`,
    '',
    `    def __init__(self, width: int = ${64 + k}, rate: float = 0.1) -> None:`,
    '        super().__init__()',
    `        self.fc = nn.Linear(width, width)  # nn.Dropout(0.5) in a comment`,
    `        self.drop = nn.Dropout(p=0.${(k % 9) + 1})`,
    '        self.drop2d = nn.Dropout2d(rate)',
    '        self.alpha = nn.AlphaDropout(0.05)',
    `        self.name = f"block {k}: {width!r:>{8}} {{nn.Dropout(0.2)}}"`,
    '',
    '    def forward(self, x):',
    '        h = torch.relu(self.fc(x))',
    '        h = F.dropout(h, 0.2)',
    '        h = F.dropout(h, p=0.3, training=self.training)',
    "        if x.shape[-1] > 3 and 'train' in self.mode:",
    '            h = h + self.drop(x) \\',
    '                * 0.5',
    '        return self.drop2d(h)',
    '',
    '',
    `def keras_head_${k}(inputs):`,
    "    x = layers.SpatialDropout2D(0.25, data_format='channels_last')(inputs)",
    '    x = keras.layers.GaussianDropout(0.1)(x)',
    '    x = nnx.Dropout(0.3, rngs=rngs)(x)',
    `    return tf.nn.dropout(x, keep_prob=0.8)  # TF1: ${'"'}quoted${'"'}`,
    '',
  ];
}

function pythonFile() {
  const lines = ['import torch', 'import torch.nn as nn', 'import torch.nn.functional as F', 'from tensorflow.keras import layers', ''];
  for (let k = 0; lines.length < LINES; k++) lines.push(...block(k));
  return lines.slice(0, LINES).join('\n') + '\n';
}

/**
 * Times `scanDropoutCalls` on the file: the first call in this process (before the JIT has compiled it), then the
 * median and p90 of 50 after a warm-up; the target is judged on the median, what each lens refresh while typing costs.
 * @param {{ log: (message: string) => void }} options
 */
export async function benchCodeScan({ log }) {
  const outfile = join(OUT_DIR, 'bench-dropout-calls.js');
  await esbuild.build({
    entryPoints: [join(ROOT, 'src', 'parse', 'dropoutCalls', 'index.ts')],
    bundle: true,
    minify: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile,
    logLevel: 'silent',
  });
  /** @type {typeof import('../../src/parse/dropoutCalls/index.js')} */
  const scanner = createRequire(import.meta.url)(outfile);
  const source = pythonFile();
  log(`dropout-call scan: ${LINES} lines, ${source.length} characters`);
  const { ms: first, result } = timeMs(() => scanner.scanDropoutCalls(source));
  const calls = result.length;
  for (let i = 0; i < 10; i++) scanner.scanDropoutCalls(source);
  const times = Array.from({ length: 50 }, () => timeMs(() => scanner.scanDropoutCalls(source)).ms);
  const warm = median(times);
  return [
    '| file | calls found | first call | median of 50 | p90 | target |',
    '|---|---|---|---|---|---|',
    `| ${LINES} lines, ${(source.length / 1024).toFixed(0)} KB | ${calls} | ${ms(first)} ms | ${ms(warm)} ms | ${ms(quantile(times, 0.9))} ms | ≤ ${SCAN_TARGET_MS} ms ${verdict(warm <= SCAN_TARGET_MS)} |`,
  ].join('\n');
}
