// The work behind the panel, kept in one place so it can run off the extension
// host's main thread: parse once, then run the engine for each change of
// settings, and serve windows of values. Pure (no vscode, no Node).
import { ParseError } from '../parse';
import type { ErrorView, GridRegion, MaskGrid, Mistake, SourceInfo, ValueWindow } from '../shared/viewModel';
import { computeMistake } from '../viewModels/teach/mistakes';
import type { MistakeId } from '../shared/catalogue';
import type { Tensor } from '../engine/types';
import { buildResultView, type Computation, compute, evalScale, maskGridFor, valueWindow } from '../viewModels/result/resultView';
import { InputFigures } from '../viewModels/teach/inputFigures';
import { outputsFile } from '../viewModels/export/outputsFile';
import { type InputTensor, readInput } from './readInput';
import { DrawBuffers } from './drawBuffers';
import { MonteCarloJob } from './monteCarloJob';
import type { LoadReply, LoadRequest, RunReply, RunSettings } from './types';

// Callers outside src/compute still name these through the session.
export type { LoadReply, LoadRequest, RunReply, RunSettings } from './types';

export function toErrorView(error: unknown, documentLabel?: string): ErrorView {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof ParseError) {
    return { message, line: error.line, column: error.column, ...(documentLabel ? { documentLabel } : {}) };
  }
  return { message };
}

/** What a draw depends on: the settings without the view choice. */
function runKey(settings: RunSettings, mode: RunSettings['mode']): string {
  const { p, seed, rng, variant, broadcastDims } = settings;
  return JSON.stringify([p, mode, seed, rng, variant, broadcastDims]);
}

export class ComputeSession {
  private tensor: InputTensor | undefined;
  /** What the explanation and the variance note sum over the loaded values, kept across runs (they do not depend on the settings). */
  private figures: InputFigures | undefined;
  private source: SourceInfo | undefined;
  private last: Computation | undefined;
  /** The settings `last` was computed for, without the view choice: picking a slice reuses the draw. */
  private lastKey = '';
  /** What the draws of the loaded input are written into, kept across runs. */
  private readonly buffers = new DrawBuffers();

  /** An input of n values is on its way: its first draw's mask is made now. */
  expect(n: number): void {
    this.buffers.expect(n);
  }

  /** Loads the request's values; `parsed` when its text was already read, as it arrived in slices. */
  load(request: LoadRequest, parsed?: InputTensor): LoadReply {
    this.tensor = undefined;
    this.figures = undefined;
    this.source = undefined;
    this.last = undefined;
    this.lastKey = '';
    try {
      const tensor = parsed ?? readInput(request);
      this.buffers.adopt(tensor);
      this.tensor = tensor;
      this.figures = new InputFigures(tensor.data);
      this.source = {
        label: request.label,
        shape: tensor.shape,
        dtype: tensor.dtype,
        n: tensor.data.length,
        ...(tensor.columnLabels ? { columnLabels: tensor.columnLabels } : {}),
        ...(tensor.warning ? { warning: tensor.warning } : {}),
        ...(request.provenance ? { provenance: request.provenance } : {}),
        ...((request.kind === 'tensor' || request.kind === 'file') && request.note ? { note: request.note } : {}),
      };
      return { ok: true, source: this.source };
    } catch (error) {
      this.buffers.clear();
      return { ok: false, error: toErrorView(error, request.documentLabel) };
    }
  }

  run(settings: RunSettings): RunReply {
    if (!this.tensor || !this.source) return { ok: false, error: { message: 'Nothing is loaded.' } };
    try {
      const key = runKey(settings, settings.mode);
      if (!this.last || key !== this.lastKey) {
        this.lastKey = '';
        const drawn = compute(this.tensor, settings, this.buffers.spare(this.tensor));
        this.buffers.show(this.tensor, drawn.kept);
        this.last = drawn;
        this.lastKey = key;
      }
      return { ok: true, view: buildResultView(this.tensor, this.source, settings, this.last, this.figures) };
    } catch (error) {
      this.last = undefined;
      this.lastKey = '';
      return { ok: false, error: toErrorView(error) };
    }
  }

  /** A classic mistake worked on the loaded input with these settings. */
  mistake(id: MistakeId, settings: RunSettings): Mistake | undefined {
    if (!this.tensor) return undefined;
    return computeMistake(id, {
      x: this.tensor,
      p: settings.p,
      seed: settings.seed,
      rng: settings.rng,
      broadcastDims: settings.broadcastDims,
    });
  }

  /** A Monte Carlo job on the loaded input; the caller advances it. */
  monteCarlo(settings: RunSettings, trials: number): MonteCarloJob | undefined {
    if (!this.tensor) return undefined;
    // The stats describe the train draw in either mode: the shown result's serve when only the mode differs.
    const shown = this.last && [runKey(settings, 'train'), runKey(settings, 'eval')].includes(this.lastKey) ? this.last : undefined;
    const buffers = this.buffers.lend(this.tensor);
    const stats = shown ? shown.stats : compute(this.tensor, { ...settings, mode: 'train' }, buffers).stats;
    const n = stats.n;
    return new MonteCarloJob(
      this.tensor,
      settings,
      trials,
      stats.evalMean * n,
      stats.expectedTrainMean * n,
      stats.trainMeanStd * n,
      evalScale(settings.variant, settings.p),
      buffers,
    );
  }

  /** The last draw's mask over a region of its layout (zoom and pan), of one slice when `slice` names one. */
  maskRegion(region: GridRegion, slice?: readonly number[] | null): MaskGrid | undefined {
    return this.tensor && this.last ? maskGridFor(this.last.mask, this.tensor.shape, slice, region) : undefined;
  }

  window(offset: number, count: number): ValueWindow | undefined {
    return this.tensor && this.last ? valueWindow(this.tensor, this.last, offset, count) : undefined;
  }

  /** A copy of the loaded values when there are at most `limit`: the panel draws a p change of a small input itself. */
  values(limit: number): Tensor | undefined {
    const x = this.tensor;
    if (!x || x.data.length > limit) return undefined;
    return { shape: [...x.shape], dtype: x.dtype, data: x.data.slice() };
  }

  /**
   * The .npz file of this seed's train draw: the train output, the mask and the input, in the input's
   * dtype. The shown draw when it is the train one; at eval (whose output is not the train output) the
   * train draw is made again, into new arrays, leaving the shown result untouched.
   */
  outputsFile(settings: RunSettings): Uint8Array | undefined {
    if (!this.tensor) return undefined;
    const train =
      this.last && this.lastKey === runKey(settings, 'train') ? this.last : compute(this.tensor, { ...settings, mode: 'train' });
    const { shape, dtype, data } = this.tensor;
    return outputsFile({ shape, dtype, input: data, mask: train.mask, output: train.output(0, data.length) });
  }
}

/** The typed arrays inside a reply, so a worker can transfer rather than copy them. */
export function transferables(value: RunReply | ValueWindow | undefined): ArrayBuffer[] {
  if (!value) return [];
  const window = 'offset' in value ? value : value.ok ? value.view.values : undefined;
  const buffers = window ? [window.input.buffer, window.output.buffer, window.mask.buffer] : [];
  if ('ok' in value && value.ok) buffers.push(value.view.mask.keptFraction.buffer);
  return buffers as ArrayBuffer[];
}
