// Monte Carlo: many draws of the same seeded stream. A histogram of the train
// sum with the eval value and the expectation marked, the running mean
// settling on the eval value, how often each unit was kept, and MC dropout's
// per-unit mean and spread. Every chart has a table or a sentence beside it.
import { BarController, BarElement, CategoryScale, Chart, LinearScale, LineController, LineElement, PointElement } from 'chart.js';
import { MAX_TRIALS, type WebviewToHost } from '../../src/shared/protocol';
import type { MonteCarloView } from '../../src/shared/viewModel';
import { h, setChildren } from '../dom';
import { formatCount, formatShort, formatValue } from '../../src/shared/numberFormat';
import { markedBars } from '../histogramMarks';
import { readPalette, setChartMotion } from '../theme';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement);

export class MonteCarloPanel {
  readonly element: HTMLElement;
  private readonly trials = h('input', {
    type: 'number',
    min: 1,
    max: MAX_TRIALS,
    step: 1,
    value: 1000,
    'aria-label': 'Number of draws',
    'data-control': 'mc-trials',
  });
  private readonly run = h('button', { type: 'button', 'data-control': 'mc-run' }, 'Run Monte Carlo');
  private readonly cancel = h('button', { type: 'button', class: 'secondary', 'data-control': 'mc-cancel', hidden: true }, 'Cancel');
  private readonly progress = h('progress', { max: 1, value: 0, hidden: true, 'aria-label': 'Monte Carlo progress' });
  private readonly summary = h('p', { class: 'mc-summary', 'aria-live': 'polite', 'data-mc': 'summary' });
  private readonly note = h('p', { class: 'note' });
  private readonly keep = h('p', { class: 'note', 'data-mc': 'keep' });
  private readonly histogramCanvas = h('canvas', { role: 'img' });
  private readonly runningCanvas = h('canvas', { role: 'img' });
  /** What the highlighted bars hold, in words, beside a swatch of each bar's colour. */
  private readonly histogramLegend = h('div', { class: 'legend', 'data-mc': 'histogram-legend' });
  private readonly histogramTable = h('table', { class: 'chart-twin' });
  private readonly runningTable = h('table', { class: 'chart-twin' });
  private readonly unitsTable = h('table', { class: 'values' });
  private readonly charts = h('div', { class: 'columns mc-charts', hidden: true });
  private histogram: Chart<'bar', number[], string> | undefined;
  private running: Chart<'line', { x: number; y: number }[], number> | undefined;
  private view: MonteCarloView | null = null;

  constructor(send: (message: WebviewToHost) => void) {
    this.run.addEventListener('click', () => {
      const trials = Number(this.trials.value);
      const valid = Number.isSafeInteger(trials) && trials >= 1 && trials <= MAX_TRIALS;
      this.trials.setAttribute('aria-invalid', String(!valid));
      if (valid) send({ type: 'runMonteCarlo', trials });
    });
    this.cancel.addEventListener('click', () => send({ type: 'cancelMonteCarlo' }));
    setChildren(
      this.charts,
      h(
        'div',
        {},
        h('h3', {}, 'Train sum over the draws'),
        h('div', { class: 'chart-box' }, this.histogramCanvas),
        this.histogramLegend,
        h('details', { class: 'twin', 'data-twin': 'histogram' }, h('summary', {}, 'The histogram as a table'), this.histogramTable),
      ),
      h(
        'div',
        {},
        h('h3', {}, 'Running mean of the sum'),
        h('div', { class: 'chart-box' }, this.runningCanvas),
        h('details', { class: 'twin', 'data-twin': 'running-mean' }, h('summary', {}, 'The running mean as a table'), this.runningTable),
      ),
    );
    this.element = h(
      'div',
      { class: 'monte-carlo' },
      h('div', { class: 'mc-controls' }, h('label', {}, 'Draws ', this.trials), this.run, this.cancel, this.progress),
      this.summary,
      this.charts,
      this.keep,
      h(
        'details',
        { class: 'twin' },
        h('summary', {}, 'MC dropout per unit (mean and spread of the train output)'),
        this.note,
        h('div', { class: 'table-scroll' }, this.unitsTable),
      ),
    );
  }

  show(view: MonteCarloView | null): void {
    this.view = view;
    const running = view?.status === 'running';
    this.cancel.hidden = !running;
    this.run.disabled = running;
    this.progress.hidden = !running;
    if (view) this.progress.value = view.total ? view.done / view.total : 0;
    this.charts.hidden = !view?.summary || view.summary.trials === 0;
    if (!view || !view.summary) {
      this.summary.textContent = 'Draw many masks from the same seed to see that the scaled train sum equals the eval sum on average.';
      setChildren(this.keep);
      return;
    }
    const s = view.summary;
    const state =
      view.status === 'running'
        ? `Drawing… ${formatCount(view.done)} of ${formatCount(view.total)}. `
        : view.status === 'cancelled'
          ? `Stopped after ${formatCount(view.done)} draws. `
          : '';
    this.summary.textContent = state + s.text;
    this.keep.textContent = view.keepFrequency?.text ?? '';
    this.note.textContent = view.note;
    this.drawHistogram();
    this.drawRunning();
    this.fillTables();
  }

  recolour(): void {
    this.drawHistogram();
    this.drawRunning();
  }

  private drawHistogram(): void {
    const s = this.view?.summary;
    if (!s) return;
    const hist = s.histogram;
    const palette = readPalette();
    const labels = Array.from(hist.counts, (_, k) => formatShort((hist.edges[k] + hist.edges[k + 1]) / 2));
    const marked = markedBars(hist, this.view!.evalSum, this.view!.expectedSum);
    const markColour = { eval: palette.evalBar, expected: palette.expectedBar };
    const colours = Array.from(hist.counts, () => palette.trainBar);
    for (const bar of marked) colours[bar.bin] = markColour[bar.marks[0]];
    setChildren(
      this.histogramLegend,
      ...marked.map((bar) => {
        const swatch = h('span', { class: 'swatch', 'aria-hidden': 'true' });
        swatch.style.backgroundColor = markColour[bar.marks[0]];
        return h('p', { 'data-marks': bar.marks.join(' ') }, swatch, ` ${bar.text}`);
      }),
    );
    this.histogramCanvas.setAttribute(
      'aria-label',
      `Histogram of ${formatCount(s.trials)} train sums from ${formatShort(s.min)} to ${formatShort(s.max)}. ${marked.map((bar) => bar.text).join(' ')}`,
    );
    if (!this.histogram) {
      this.histogram = new Chart(this.histogramCanvas, {
        type: 'bar',
        data: { labels: [], datasets: [{ data: [], categoryPercentage: 1, barPercentage: 0.95 }] },
        options: {
          responsive: true,
          maintainAspectRatio: false,
          animation: false,
          plugins: { legend: { display: false } },
          scales: {
            x: { title: { display: true, text: 'train sum of one draw (centre of each bar)' } },
            y: { beginAtZero: true, title: { display: true, text: 'draws' } },
          },
        },
      });
    }
    const chart = this.histogram;
    chart.data.labels = labels;
    chart.data.datasets[0].data = Array.from(hist.counts);
    chart.data.datasets[0].backgroundColor = colours;
    styleAxes(chart, palette);
    // Redrawn many times a second while the draws run: never animated.
    setChartMotion(chart, 0);
    chart.update('none');
  }

  private drawRunning(): void {
    const s = this.view?.summary;
    if (!s) return;
    const palette = readPalette();
    const points = Array.from(s.running.trials, (t, i) => ({ x: t, y: s.running.mean[i] }));
    this.runningCanvas.setAttribute(
      'aria-label',
      `Running mean of the train sum after 1 to ${formatCount(s.trials)} draws, ending at ${formatShort(s.sampleMean)}; the dashed line is the eval sum ${formatShort(this.view!.evalSum)}.`,
    );
    if (!this.running) {
      this.running = new Chart(this.runningCanvas, {
        type: 'line',
        data: {
          datasets: [
            { data: [], pointRadius: 0, borderWidth: 2 },
            { data: [], pointRadius: 0, borderWidth: 1, borderDash: [6, 4] },
          ],
        },
        options: {
          responsive: true,
          maintainAspectRatio: false,
          animation: false,
          plugins: { legend: { display: false } },
          scales: { x: { type: 'linear', title: { display: true, text: 'draws' } }, y: {} },
        },
      });
    }
    const chart = this.running;
    chart.data.datasets[0].data = points;
    chart.data.datasets[0].borderColor = palette.trainBar;
    // The eval sum as a dashed line: where the running mean should settle.
    chart.data.datasets[1].data = [
      { x: 1, y: this.view!.evalSum },
      { x: s.trials, y: this.view!.evalSum },
    ];
    chart.data.datasets[1].borderColor = palette.evalBar;
    styleAxes(chart, palette);
    // Redrawn many times a second while the draws run: never animated.
    setChartMotion(chart, 0);
    chart.update('none');
  }

  private fillTables(): void {
    const view = this.view;
    if (!view?.summary) return;
    const hist = view.summary.histogram;
    setChildren(
      this.histogramTable,
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col' }, 'sum from'),
          h('th', { scope: 'col' }, 'to'),
          h('th', { scope: 'col' }, 'draws'),
          h('th', { scope: 'col' }, 'marks'),
        ),
      ),
      h(
        'tbody',
        {},
        ...Array.from(hist.counts, (count, k) =>
          h(
            'tr',
            {},
            h('td', { class: 'num' }, formatValue(hist.edges[k])),
            h('td', { class: 'num' }, formatValue(hist.edges[k + 1])),
            h('td', { class: 'num' }, formatCount(count)),
            h('td', {}, [k === hist.evalBin ? 'eval' : '', k === hist.expectedBin ? 'expected' : ''].filter(Boolean).join(', ')),
          ),
        ),
      ),
    );
    // The running mean at up to 20 evenly spaced points, the last one included.
    const running = view.summary.running;
    const step = Math.max(1, Math.ceil(running.trials.length / 20));
    const picks = Array.from(running.trials, (_, i) => i).filter((i) => i % step === 0 || i === running.trials.length - 1);
    setChildren(
      this.runningTable,
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col' }, 'after draws'),
          h('th', { scope: 'col' }, 'mean of the sum'),
          h('th', { scope: 'col' }, 'eval sum'),
        ),
      ),
      h(
        'tbody',
        {},
        ...picks.map((i) =>
          h(
            'tr',
            {},
            h('td', { class: 'num' }, formatCount(running.trials[i])),
            h('td', { class: 'num' }, formatValue(running.mean[i])),
            h('td', { class: 'num' }, formatValue(view.evalSum)),
          ),
        ),
      ),
    );
    const units = view.units;
    if (!units) return;
    setChildren(
      this.unitsTable,
      h('thead', {}, h('tr', {}, ...['#', 'eval output', 'MC mean', 'MC spread (σ)', 'kept'].map((t) => h('th', { scope: 'col' }, t)))),
      h(
        'tbody',
        {},
        ...Array.from(units.mean, (mean, i) =>
          h(
            'tr',
            {},
            h('td', {}, String(i)),
            h('td', { class: 'num' }, formatValue(units.evalOutput[i])),
            h('td', { class: 'num' }, formatValue(mean)),
            h('td', { class: 'num' }, formatValue(units.std[i])),
            h('td', { class: 'num' }, `${(100 * units.keepFrequency[i]).toFixed(1)}%`),
          ),
        ),
      ),
    );
  }
}

function styleAxes(chart: Chart, palette: ReturnType<typeof readPalette>): void {
  const scales = chart.options.scales!;
  for (const axis of [scales.x!, scales.y!]) {
    axis.ticks = { ...axis.ticks, color: palette.foreground };
    axis.grid = { ...axis.grid, color: palette.border };
    if ('title' in axis && axis.title) axis.title = { ...axis.title, color: palette.foreground };
  }
}
