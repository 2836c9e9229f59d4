// What the Monte Carlo histogram highlights, in words: the bar holding the
// eval sum and the bar holding the expected sum (one bar when both fall in
// it). The legend, the canvas's label and the bar colours all come from here.
// Pure (no DOM), unit-tested in Node.
import type { SumHistogram } from '../src/shared/viewModel';
import { formatShort } from '../src/shared/numberFormat';

export type HistogramMark = 'eval' | 'expected';

export interface MarkedBar {
  bin: number;
  /** What the bar holds; the first decides its colour. */
  marks: HistogramMark[];
  /** e.g. "The bar from 98.3 to 101.7 holds the eval sum, 100.0." */
  text: string;
}

export function markedBars(
  hist: Pick<SumHistogram, 'edges' | 'evalBin' | 'expectedBin'>,
  evalSum: number,
  expectedSum: number,
): MarkedBar[] {
  const bars: MarkedBar[] = [];
  const range = (bin: number) => `The bar from ${formatShort(hist.edges[bin])} to ${formatShort(hist.edges[bin + 1])}`;
  if (hist.evalBin >= 0 && hist.evalBin === hist.expectedBin) {
    const e = formatShort(evalSum);
    const x = formatShort(expectedSum);
    const holds = e === x ? `the eval sum and the expected sum, both ${e}` : `the eval sum, ${e}, and the expected sum, ${x}`;
    bars.push({ bin: hist.evalBin, marks: ['eval', 'expected'], text: `${range(hist.evalBin)} holds ${holds}.` });
    return bars;
  }
  if (hist.evalBin >= 0)
    bars.push({ bin: hist.evalBin, marks: ['eval'], text: `${range(hist.evalBin)} holds the eval sum, ${formatShort(evalSum)}.` });
  if (hist.expectedBin >= 0)
    bars.push({
      bin: hist.expectedBin,
      marks: ['expected'],
      text: `${range(hist.expectedBin)} holds the expected sum, ${formatShort(expectedSum)}.`,
    });
  return bars;
}
