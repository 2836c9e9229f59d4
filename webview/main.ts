// The panel. It shows what the host sends — the host owns every number — and
// turns the user's actions into typed messages. Handshake: `ready`, then a
// full `init` snapshot, then an `update` on every change. One exception to
// waiting: a p change of a small input is drawn here at once, with the host's
// own code on the host's values (localDraw.ts), and the host's update follows.
import { assertNever, type HostToWebview, isInputWarning, type Section, TABLE_FORMAT_LABELS, TABLE_FORMATS } from '../src/shared/protocol';
import type { PanelSnapshot } from '../src/shared/viewModel';
import { h, setChildren } from './dom';
import { rasterize, reportPalette, saveImageButtons } from './imageExport';
import { formatCount, formatShape, formatStat } from '../src/shared/numberFormat';
import { lessonBox } from '../src/shared/lesson';
import { RateLimitedText } from './rateLimitedText';
import { PendingReveal } from './reveal';
import { onThemeChange, prefersReducedMotion } from './theme';
import { AxisSummaryView } from './views/axisSummaryView';
import { Controls } from './views/controls';
import { LiveSource } from './views/liveSource';
import { ErrorBanner } from './views/errorBanner';
import { MaskCanvas } from './views/maskCanvas';
import { ExplanationView } from './views/explanationView';
import { MeansChart } from './views/meansChart';
import { MistakesView } from './views/mistakesView';
import { MonteCarloPanel } from './views/monteCarloView';
import { SlicePicker } from './views/slicePicker';
import { SummaryTable } from './views/summary';
import { TensorPicker } from './views/tensorPicker';
import { ValuesTable } from './views/valuesTable';
import { post } from './vscodeApi';
import { type DrawEngine, LocalDraw } from './localDraw';
import { loadScript } from './scriptLoader';
import { DRAW_ENGINE_GLOBAL } from './drawEngineName';
import { SentValues } from './sentValues';

const app = document.getElementById('app')!;
const source = h('p', { class: 'source' });
const inputWarning = h('p', { class: 'input-warning', 'data-warning': '', role: 'status' });
const busy = h('p', { class: 'busy', role: 'status', 'aria-live': 'polite' });
const announcer = h('p', { class: 'visually-hidden', 'aria-live': 'polite', 'aria-atomic': 'true', 'data-live': 'kept' });
/** What the draw kept, for screen readers: once a second at most while p is dragged, and where the drag ended. */
const announcement = new RateLimitedText((text) => (announcer.textContent = text), 1000, {
  now: () => performance.now(),
  setTimeout: (callback, ms) => window.setTimeout(callback, ms),
});
const empty = h(
  'p',
  { class: 'empty' },
  'Select activations in an editor (a JSON array, CSV/TSV rows or a printed tensor) and run “Dropout: Open Playground on Selection”.',
);
/** This script's tag: its nonce, and where the engine's script is (`data-draw-engine`). */
const thisScript = document.currentScript as HTMLScriptElement | null;
const localDraw = new LocalDraw(() => {
  const src = thisScript?.dataset.drawEngine;
  return src ? loadScript<DrawEngine>(src, thisScript.nonce ?? '', DRAW_ENGINE_GLOBAL) : Promise.reject(new Error('no engine script'));
});
/** The p values drawn here ahead of the host's answers. */
const drawnAhead = new SentValues<number>();
/** The host's newest snapshot: what is drawn may be ahead of it by a p change drawn here. */
let hostSnapshot: PanelSnapshot | undefined;
const controls = new Controls((message) => {
  post(message);
  if (message.type === 'setP') drawAhead(message.p);
});
const liveSource = new LiveSource(post);
const tensorPicker = new TensorPicker(post);
const error = new ErrorBanner(post);
const mask = new MaskCanvas(
  (region) => post({ type: 'requestMaskRegion', region }),
  (offset, count) => post({ type: 'requestWindow', offset, count }),
);
const slicePicker = new SlicePicker((slice) => post({ type: 'setSlice', slice }));
const axisSummaries = new AxisSummaryView();
const chart = new MeansChart();
const summary = new SummaryTable();
const values = new ValuesTable((offset, count) => post({ type: 'requestWindow', offset, count }));
const why = new ExplanationView();
const monteCarlo = new MonteCarloPanel(post);
const mistakes = new MistakesView(post);
const varianceNote = h('p', { class: 'note', 'data-note': 'variance-shift' });
const lessonMode = h('p', { class: 'lesson-mode', 'data-lesson': 'mode', hidden: true });
const lesson = h('p', { class: 'lesson' });
const band = h('p', { class: 'band' });

const section = (title: string, ...children: HTMLElement[]) => h('section', { 'aria-label': title }, h('h2', {}, title), ...children);

/** The sections a command can bring into view (`reveal`). */
const revealable: Record<Section, HTMLElement> = {
  monteCarlo: section('Monte Carlo: equal on average', monteCarlo.element),
  mistakes: section('Classic mistakes', mistakes.element, h('h3', {}, 'Before a normalisation layer'), varianceNote),
};
for (const [name, element] of Object.entries(revealable)) element.dataset.section = name;
const pendingReveal = new PendingReveal<Section>();

/** The table to the clipboard: the host writes it, for every unit, not only the rows on screen. */
const copyTable = h(
  'div',
  { class: 'copy-bar', role: 'group', 'aria-label': 'Copy the table' },
  ...TABLE_FORMATS.map((format) => {
    const button = h(
      'button',
      { type: 'button', class: 'secondary', 'data-control': `copy-table-${format}` },
      `Copy as ${TABLE_FORMAT_LABELS[format]}`,
    );
    button.addEventListener('click', () => post({ type: 'copyTable', format }));
    return button;
  }),
);

/** This run for elsewhere: the host asks where to save and writes the file; the panel never names one. */
const saveOutputs = h(
  'button',
  {
    type: 'button',
    class: 'secondary',
    'data-control': 'save-outputs',
    title: "This seed's train output, its mask and the input, in one .npz file: np.load(path)['output']",
  },
  'Save for NumPy (.npz)…',
);
saveOutputs.addEventListener('click', () => post({ type: 'saveOutputs' }));
const copyReport = h(
  'button',
  {
    type: 'button',
    class: 'secondary',
    'data-control': 'copy-report',
    title: 'The settings, the summary, the lesson on these numbers and a script that reproduces the run, as Markdown',
  },
  'Copy as Markdown Report',
);
copyReport.addEventListener('click', () => post({ type: 'copyReport' }));
const shareRun = h('div', { class: 'copy-bar', role: 'group', 'aria-label': 'Save or share this run' }, saveOutputs, copyReport);

const axesNote = h('p', { class: 'note' });
const axesSection = section('Kept along each axis', axesNote, axisSummaries.element);

const results = h(
  'div',
  { class: 'results' },
  h('div', { class: 'lesson-box' }, lessonMode, lesson, band),
  h(
    'div',
    { class: 'columns' },
    section('Mask', slicePicker.element, mask.element, saveImageButtons('mask')),
    section('Means', chart.element, saveImageButtons('charts')),
  ),
  axesSection,
  h('div', { class: 'columns' }, section('Summary', summary.element), section('Inputs and outputs', values.element, copyTable, shareRun)),
  revealable.monteCarlo,
  revealable.mistakes,
  h('details', { class: 'why' }, h('summary', {}, h('h2', {}, 'Why: the formulas on your numbers')), why.element),
);

setChildren(
  app,
  h('header', {}, source, tensorPicker.element, liveSource.element, controls.readout),
  inputWarning,
  controls.element,
  busy,
  error.element,
  empty,
  results,
  announcer,
);
app.removeAttribute('aria-busy');

let lastSourceKey = '';
/** The input and slice the mask showed last: the zoom belongs to one layout, the table jumps only when the slice changes. */
let lastLayoutKey = '';

/** Draws p here when the panel holds the values, without waiting for the host's answer. */
function drawAhead(p: number): void {
  if (!hostSnapshot || (p === hostSnapshot.settings.p && !drawnAhead.waiting)) return;
  const drawn = localDraw.withP(hostSnapshot, p);
  if (!drawn) return;
  drawnAhead.send(p);
  performance.mark('dropout:ready', { detail: 'here' });
  // As the host does on every p change: Monte Carlo results of the old p no longer stand.
  monteCarlo.show(null);
  render(drawn);
}

/** The host's state, or a p change drawn here that it has not answered yet, drawn on this newer state. */
function showHostSnapshot(snapshot: PanelSnapshot): void {
  hostSnapshot = snapshot;
  const ahead = drawnAhead.answer(snapshot.settings.p);
  const drawn = ahead === undefined ? undefined : localDraw.withP(snapshot, ahead);
  // With 'dropout:rendered', the UI latency benchmark's split between having the result and drawing it.
  performance.mark('dropout:ready', { detail: drawn ? 'here' : 'host' });
  render(drawn ?? snapshot);
}

function render(snapshot: PanelSnapshot): void {
  const { settings, result } = snapshot;
  controls.show(settings, result?.trainScale);
  controls.showAxes(result?.source.shape, settings.broadcastDims);
  error.show(snapshot.error);
  liveSource.show(result?.source, snapshot.live);
  tensorPicker.show(snapshot.tensors);
  summary.show(settings, result);
  results.hidden = !result;
  const warning = result?.source.warning;
  inputWarning.hidden = !isInputWarning(warning);
  inputWarning.textContent = isInputWarning(warning) ? `Warning: ${warning.message}` : '';
  empty.hidden = snapshot.status !== 'empty';
  if (!result) {
    // <em>, not the result's <strong>: tests and the UI benchmark wait for <strong> with the label.
    if (snapshot.status === 'loading') setChildren(source, 'Reading ', h('em', {}, snapshot.loading), '…');
    else setChildren(source, snapshot.status === 'error' ? 'No result.' : 'Nothing selected yet.');
    return;
  }
  const { stats } = result;
  setChildren(
    source,
    h('strong', {}, result.source.label),
    ` · shape ${formatShape(result.source.shape)} · ${result.source.dtype} · n = ${formatCount(result.source.n)}`,
  );
  // At eval nothing is dropped; the lesson and the figures below it are this seed's train draw, and say so.
  const atEval = settings.mode === 'eval';
  const evalFacts = { stats, seed: settings.seed, p: settings.p, evalScale: result.evalScale };
  const box = lessonBox(settings, result);
  lessonMode.hidden = box.preface === null;
  lessonMode.textContent = box.preface ?? '';
  lesson.textContent = box.sentence;
  band.textContent = box.band;
  // Keep the zoom across redraws of the same input and slice; a new input or slice starts whole.
  const { shape } = result.source;
  const slice = result.mask.slice;
  const sourceKey = `${result.source.label}|${shape.join('x')}`;
  const layoutKey = `${sourceKey}|${slice ? slice.index.join(',') : 'all'}`;
  const zoomedOn = layoutKey === lastLayoutKey ? mask.region : undefined;
  const sliceChanged = sourceKey === lastSourceKey && layoutKey !== lastLayoutKey;
  lastSourceKey = sourceKey;
  lastLayoutKey = layoutKey;
  slicePicker.show(shape, slice);
  mask.show(result.mask, { ...evalFacts, mode: settings.mode, shape, columnLabels: result.source.columnLabels, values: result.values });
  mask.keepRegion(zoomedOn);
  chart.show(stats);
  axesSection.hidden = result.axes.length === 0;
  axesNote.textContent = `The fraction of the mask kept at each index of an axis (per channel, per sample, per row…), against 1 − p${atEval ? `, in seed ${settings.seed}'s train draw (eval keeps every unit)` : ''}.`;
  axisSummaries.show(result.axes, shape, result.keep);
  const cols = shape.length === 2 ? shape[1] : undefined;
  values.show(result.values, result.source.n, settings.mode, result.source.columnLabels, cols, shape);
  // A newly picked slice: the table goes to its first unit (the host sent the window from there).
  if (sliceChanged && slice) values.showIndex(slice.offset);
  why.show(result.explanation);
  varianceNote.textContent = result.varianceShift?.note ?? '';
  mistakes.refresh();
  requestAnimationFrame(() => {
    // A mark per finished render: the UI latency benchmark reads these.
    performance.mark('dropout:rendered');
    // The values of a small input, asked for once its result is on screen: their copy does not hold that up.
    if (localDraw.wants(snapshot)) post({ type: 'requestInput' });
  });
  const keptText = atEval
    ? `nothing dropped (seed ${settings.seed}'s train draw keeps ${formatCount(stats.kept)} of ${formatCount(stats.n)})`
    : `kept ${formatCount(stats.kept)} of ${formatCount(stats.n)}`;
  announcement.say(
    `${settings.mode} mode, p ${formatStat(settings.p)}: ${keptText}; train mean ${formatStat(stats.trainMean)}, eval mean ${formatStat(stats.evalMean)}.`,
  );
  revealRequested();
}

/** Scrolls to the section a command put its result in, once the results are on screen. */
function revealRequested(): void {
  const name = pendingReveal.take(!results.hidden);
  if (!name) return;
  // After this frame's layout, so the sections above have their final height.
  requestAnimationFrame(() => revealable[name].scrollIntoView({ block: 'start', behavior: prefersReducedMotion() ? 'auto' : 'smooth' }));
}

window.addEventListener('message', (event: MessageEvent<HostToWebview>) => {
  const message = event.data;
  switch (message.type) {
    case 'init':
    case 'update':
      showHostSnapshot(message);
      return;
    case 'localInput':
      localDraw.hold(message.tensor);
      return;
    case 'window':
      // The table and the mask's tooltip each take the blocks they asked for.
      values.showWindow(message.values);
      mask.showWindow(message.values);
      return;
    case 'busy':
      busy.textContent = message.message ?? '';
      return;
    case 'maskRegion':
      mask.showRegion(message.mask);
      return;
    case 'monteCarlo':
      monteCarlo.show(message.view);
      return;
    case 'mistake':
      mistakes.show(message.mistake);
      return;
    case 'reveal':
      pendingReveal.request(message.section);
      revealRequested();
      return;
    case 'rasterize':
      void rasterize(message);
      return;
    default:
      assertNever(message);
  }
});

onThemeChange(() => {
  reportPalette();
  mask.draw();
  axisSummaries.draw();
  chart.recolour();
  monteCarlo.recolour();
});

monteCarlo.show(null);
mistakes.show(null);

post({ type: 'ready' });
reportPalette();
