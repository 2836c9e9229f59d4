// The compute API on the calling thread: for tests, the panel preview, and hosts without workers.
import type { MistakeId } from '../shared/catalogue';
import type { Tensor } from '../engine/types';
import type { GridRegion, MaskGrid, Mistake, ValueWindow } from '../shared/viewModel';
import type { Compute } from './compute';
import { ComputeSession } from './session';
import type { LoadReply, LoadRequest, RunReply, RunSettings } from './types';

export class InlineCompute implements Compute {
  private session = new ComputeSession();
  expect(n: number): void {
    this.session.expect(n);
  }
  load(request: LoadRequest): Promise<LoadReply> {
    return Promise.resolve(this.session.load(request));
  }
  run(settings: RunSettings): Promise<RunReply> {
    return Promise.resolve(this.session.run(settings));
  }
  window(offset: number, count: number): Promise<ValueWindow | undefined> {
    return Promise.resolve(this.session.window(offset, count));
  }
  mistake(id: MistakeId, settings: RunSettings): Promise<Mistake | undefined> {
    return Promise.resolve(this.session.mistake(id, settings));
  }
  maskRegion(region: GridRegion, slice?: number[] | null): Promise<MaskGrid | undefined> {
    return Promise.resolve(this.session.maskRegion(region, slice));
  }
  values(limit: number): Promise<Tensor | undefined> {
    return Promise.resolve(this.session.values(limit));
  }
  outputsFile(settings: RunSettings): Promise<Uint8Array | undefined> {
    return Promise.resolve(this.session.outputsFile(settings));
  }
  /** Inline, Monte Carlo runs to the end in one go: there is no other thread to keep free. */
  monteCarlo(settings: RunSettings, trials: number) {
    const job = this.session.monteCarlo(settings, trials);
    if (job) while (!job.advance(Infinity, () => 0));
    return { result: Promise.resolve(job?.view('done')), stop: () => undefined };
  }
  cancel(): void {
    this.session = new ComputeSession();
  }
  dispose(): void {}
}
