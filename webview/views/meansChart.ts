// The means chart: eval, train without scaling, train with scaling, and the
// expectation with its ±1σ band. Chart.js is registered piecemeal so the
// webview bundle carries only the bar chart. A table twin gives screen
// readers the same numbers.
import { BarController, BarElement, CategoryScale, Chart, LinearScale, Tooltip } from 'chart.js';
import type { DropoutStats } from '../../src/engine/types';
import { h, setChildren } from '../dom';
import { formatShort, formatStat } from '../format';
import { prefersReducedMotion, readPalette } from '../theme';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);

const LABELS = ['eval', 'train, unscaled', 'train, scaled', 'expected ±1σ'];

export class MeansChart {
  readonly element: HTMLElement;
  private readonly canvas = h('canvas', { role: 'img' });
  private readonly twin = h('table', { class: 'chart-twin' });
  private chart: Chart<'bar', (number | [number, number] | null)[], string> | undefined;
  private stats: DropoutStats | undefined;

  constructor() {
    this.element = h(
      'div',
      { class: 'means-chart' },
      h('div', { class: 'chart-box' }, this.canvas),
      h('details', { class: 'twin' }, h('summary', {}, 'The chart as a table'), this.twin),
    );
  }

  show(stats: DropoutStats): void {
    this.stats = stats;
    const values = [stats.evalMean, stats.trainMeanUnscaled, stats.trainMean, stats.expectedTrainMean];
    const band: [number, number] = [stats.expectedTrainMean - stats.trainMeanStd, stats.expectedTrainMean + stats.trainMeanStd];
    this.canvas.setAttribute(
      'aria-label',
      `Means: eval ${formatShort(values[0])}, train unscaled ${formatShort(values[1])}, train scaled ${formatShort(values[2])}, expected ${formatShort(values[3])} ± ${formatShort(stats.trainMeanStd)}.`,
    );
    setChildren(
      this.twin,
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'quantity'), h('th', { scope: 'col' }, 'mean'))),
      h(
        'tbody',
        {},
        ...LABELS.map((label, i) => h('tr', {}, h('th', { scope: 'row' }, label), h('td', {}, formatStat(values[i]) + (i === 3 ? ` ± ${formatStat(stats.trainMeanStd)}` : '')))),
      ),
    );
    if (!this.chart) this.chart = this.create();
    const chart = this.chart;
    chart.data.datasets[0].data = values;
    chart.data.datasets[1].data = [null, null, null, band];
    this.recolour();
  }

  /** Applies the current theme's colours. */
  recolour(): void {
    const chart = this.chart;
    if (!chart || !this.stats) return;
    const palette = readPalette();
    const colours = [palette.evalBar, palette.unscaledBar, palette.trainBar, palette.expectedBar];
    const [bars, band] = chart.data.datasets;
    bars.backgroundColor = colours;
    bars.borderColor = palette.highContrast ? palette.foreground : colours;
    bars.borderWidth = palette.highContrast ? 2 : 0;
    band.backgroundColor = 'transparent';
    band.borderColor = palette.foreground;
    band.borderWidth = 2;
    const scales = chart.options.scales!;
    for (const axis of [scales.x!, scales.y!]) {
      axis.ticks = { ...axis.ticks, color: palette.foreground };
      axis.grid = { ...axis.grid, color: palette.border };
    }
    chart.update(prefersReducedMotion() ? 'none' : undefined);
  }

  private create(): Chart<'bar', (number | [number, number] | null)[], string> {
    return new Chart(this.canvas, {
      type: 'bar',
      data: {
        labels: LABELS,
        datasets: [
          // Chart.js draws the highest `order` first: the band goes on top of the bars.
          { label: 'mean', data: [], grouped: false, barPercentage: 0.7, order: 1 },
          { label: '±1σ band', data: [], grouped: false, barPercentage: 0.35, order: 0 },
        ],
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: prefersReducedMotion() ? false : { duration: 200 },
        plugins: {
          legend: { display: false },
          tooltip: {
            callbacks: {
              label: (item) => {
                const raw = item.raw as number | [number, number];
                return Array.isArray(raw) ? `±1σ: ${formatStat(raw[0])} … ${formatStat(raw[1])}` : `mean: ${formatStat(raw)}`;
              },
            },
          },
        },
        scales: { x: {}, y: { beginAtZero: true } },
      },
    });
  }
}
