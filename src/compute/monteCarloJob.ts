// Monte Carlo as a job that advances a slice at a time, so the worker can
// report progress and hear "cancel" between slices: the same seeded stream
// drawn again and again (trial 0 is the panel's draw), the train sums
// summarised, and per-unit MC dropout figures for the first units. Pure.
import { trainStream, type TrainStream } from '../engine';
import type { DropoutBuffers, Tensor } from '../engine/types';
import { maskBuffer, outputBuffer } from '../engine/outputs';
import type { MonteCarloView } from '../shared/viewModel';
import { mcDropoutNote } from '../viewModels/teach/explain';
import { keepFrequencySummary, summarizeMonteCarlo, UnitAccumulator } from '../viewModels/teach/monteCarloSummary';
import type { RunSettings } from './types';
import { specFor } from '../viewModels/result/resultView';

/** Per-unit statistics are kept for this many units at most (memory stays O(1) in n). */
export const MAX_TRACKED_UNITS = 100_000;
/** Per-unit figures sent to the panel. */
export const UNIT_WINDOW = 200;

export class MonteCarloJob {
  private readonly stream: TrainStream;
  private readonly mask: Uint8Array;
  private readonly out: Float32Array | Float64Array;
  private readonly sums: Float64Array;
  private readonly units: UnitAccumulator;
  private readonly tracked: number;
  private done = 0;

  constructor(
    private readonly x: Tensor,
    private readonly settings: RunSettings,
    readonly total: number,
    private readonly evalSum: number,
    private readonly expectedSum: number,
    private readonly sumStd: number,
    /** What eval mode multiplies the input by (keep for classic dropout, else 1). */
    private readonly evalScale: number,
    /** Buffers to draw every trial into, used where they fit (the job then owns them). */
    buffers: DropoutBuffers = {},
  ) {
    this.stream = trainStream(x, specFor(settings, 'train'));
    this.mask = maskBuffer(this.stream.n, buffers.mask);
    this.out = outputBuffer(x.data, x.dtype, buffers.output);
    this.sums = new Float64Array(total);
    this.tracked = Math.min(this.stream.n, MAX_TRACKED_UNITS);
    this.units = new UnitAccumulator(this.tracked);
  }

  get finished(): boolean {
    return this.done >= this.total;
  }

  /** Draws trials until `budgetMs` has passed (at least one); returns true when all are done. */
  advance(budgetMs: number, now: () => number): boolean {
    const start = now();
    do {
      this.sums[this.done] = this.stream.next(this.mask, this.out);
      this.units.add(this.mask.subarray(0, this.tracked), this.out.subarray(0, this.tracked));
      this.done++;
    } while (!this.finished && now() - start < budgetMs);
    return this.finished;
  }

  view(status: MonteCarloView['status']): MonteCarloView {
    const sums = this.sums.subarray(0, this.done);
    const n = this.stream.n;
    const summary = summarizeMonteCarlo({ trainSums: sums, evalSum: this.evalSum, expectedSum: this.expectedSum, std: this.sumStd });
    const window = Math.min(UNIT_WINDOW, this.tracked);
    const mean = this.units.mean().slice(0, window);
    const std = this.units.std().slice(0, window);
    const keepFrequency = this.units.keepFrequency().slice(0, window);
    const evalOutput = Float64Array.from(this.x.data.subarray(0, window), (v) => v * this.evalScale);
    return {
      status,
      done: this.done,
      total: this.total,
      evalSum: this.evalSum,
      expectedSum: this.expectedSum,
      sumStd: this.sumStd,
      summary,
      keepFrequency: keepFrequencySummary(this.units.keptCount(), this.done, this.settings.p),
      units: { mean, std, keepFrequency, evalOutput },
      note: mcDropoutNote({ trials: this.done, mean: summary.sampleMean / n, evalValue: this.evalSum / n, std: summary.sampleStd / n }),
    };
  }
}
