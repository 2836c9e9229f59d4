// A p change drawn in the panel, before the host's update comes. For an input of at most
// LOCAL_DRAW_LIMIT values the panel asks for the values once their first result is on screen, and
// loads the engine then too (drawEngine.ts), so neither delays that first paint. On those values it
// runs the same engine and the same view model as the host's worker: the drawing is the host's own,
// to the bit, a round trip sooner (the round trip through the workbench takes longer than the
// drawing). The host still owns the state: its update follows, and is what the panel shows from then on.
import type { DropoutBuffers, Tensor } from '../src/engine/types';
import { LOCAL_DRAW_LIMIT } from '../src/shared/protocol';
import type { PanelSnapshot } from '../src/shared/viewModel';
import type * as DrawEngineModule from './drawEngine';
import type { InputFigures } from '../src/viewModels/teach/inputFigures';

export type DrawEngine = typeof DrawEngineModule;

export class LocalDraw {
  private engine: DrawEngine | undefined;
  private loading: Promise<void> | undefined;
  private input: { tensor: Tensor; figures?: InputFigures } | undefined;
  /** The last draw's mask and output, drawn into again by the next one. */
  private buffers: DropoutBuffers = {};
  /** The values were asked for since the last ones were dropped. */
  private asked = false;

  /** `loadEngine`: the engine's script; if it cannot be loaded, every p change waits for the host, as a large input's does. */
  constructor(private readonly loadEngine: () => Promise<DrawEngine>) {}

  /** Whether to ask the host for the values behind `snapshot`'s result (once per input); the engine starts loading then. */
  wants(snapshot: PanelSnapshot): boolean {
    if (this.input || this.asked || snapshot.status !== 'loaded' || snapshot.result.source.n > LOCAL_DRAW_LIMIT) return false;
    this.asked = true;
    void this.load();
    return true;
  }

  /** Loads the engine, once. */
  load(): Promise<void> {
    return (this.loading ??= this.loadEngine().then(
      (engine) => void (this.engine = engine),
      () => undefined,
    ));
  }

  /** The values behind the host's results, or null as a new input starts to be read. */
  hold(tensor: Tensor | null): void {
    this.buffers = {};
    this.asked = false;
    this.input = tensor && fits(tensor) ? { tensor } : undefined;
  }

  /** `snapshot` at drop probability `p`, drawn here; undefined when the values here are not those of its result. */
  withP(snapshot: PanelSnapshot, p: number): PanelSnapshot | undefined {
    const { input, engine } = this;
    if (!input || !engine || snapshot.status !== 'loaded') return undefined;
    const { result } = snapshot;
    const x = input.tensor;
    const { source } = result;
    if (source.n !== x.data.length || source.dtype !== x.dtype || source.shape.join() !== x.shape.join()) return undefined;
    const settings = { ...snapshot.settings, p };
    try {
      const drawn = engine.compute(x, settings, this.buffers);
      this.buffers = drawn.kept;
      // The host draws with the slice its mask shows (none when it shows all of the layout).
      const slice = result.mask.slice?.index ?? null;
      const view = engine.buildResultView(x, source, { ...settings, slice }, drawn, (input.figures ??= new engine.InputFigures(x.data)));
      return { ...snapshot, settings, result: view };
    } catch {
      // Whatever the host would answer (an error view, for one), it answers: the panel waits for it.
      this.buffers = {};
      return undefined;
    }
  }
}

/** A tensor whose shape holds exactly its values (the host's message is trusted, but a mismatch must not draw). */
function fits(tensor: Tensor): boolean {
  const { shape, data } = tensor;
  return (
    (data instanceof Float32Array || data instanceof Float64Array) &&
    Array.isArray(shape) &&
    shape.length > 0 &&
    shape.every((d) => Number.isSafeInteger(d) && d >= 0) &&
    shape.reduce((a, b) => a * b, 1) === data.length &&
    tensor.dtype === (data instanceof Float64Array ? 'float64' : 'float32')
  );
}
