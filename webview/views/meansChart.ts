// The means chart: eval, train without scaling, train with scaling, and the
// expectation with its ±1σ band. Chart.js is registered piecemeal so the
// webview bundle carries only the bar chart. A table twin gives screen
// readers the same numbers.
import { BarController, BarElement, CategoryScale, Chart, LinearScale, Tooltip, type Plugin } from 'chart.js';
import type { DropoutStats } from '../../src/engine/types';
import { h, setChildren } from '../dom';
import { formatShort, formatValue } from '../../src/shared/numberFormat';
import { readPalette, setChartMotion } from '../theme';

const LABELS = ['eval', 'train, unscaled', 'train, scaled', 'expected ±1σ'];
const EXPECTED = 3;

interface BandOptions {
  low: number;
  high: number;
  colour: string;
  /** Drawn under the lines so they stand out on the bar in every theme. */
  halo: string;
}

/**
 * The ±1σ band on the expectation's bar, drawn as an error bar (a framed
 * strip with whiskers) on top of the bars. A plugin rather than a second
 * dataset, so it reads the same in every theme and never takes a bar's slot.
 */
const bandPlugin: Plugin<'bar', BandOptions> = {
  id: 'sigmaBand',
  afterDatasetsDraw(chart, _args, options) {
    const { low, high, colour, halo } = options;
    if (!Number.isFinite(low) || !Number.isFinite(high) || high <= low) return;
    const bar = chart.getDatasetMeta(0).data[EXPECTED] as unknown as { x: number; width: number } | undefined;
    if (!bar) return;
    const y = chart.scales.y;
    const top = y.getPixelForValue(high);
    const bottom = y.getPixelForValue(low);
    const half = bar.width / 4;
    const ctx = chart.ctx;
    ctx.save();
    ctx.beginPath();
    ctx.rect(bar.x - half, top, 2 * half, bottom - top);
    for (const py of [top, bottom]) {
      ctx.moveTo(bar.x - half * 1.5, py);
      ctx.lineTo(bar.x + half * 1.5, py);
    }
    ctx.strokeStyle = halo;
    ctx.lineWidth = 5;
    ctx.stroke();
    ctx.strokeStyle = colour;
    ctx.lineWidth = 2;
    ctx.stroke();
    ctx.restore();
  },
};

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip, bandPlugin);

export class MeansChart {
  readonly element: HTMLElement;
  private readonly canvas = h('canvas', { role: 'img' });
  private readonly twin = h('table', { class: 'chart-twin' });
  private chart: Chart<'bar', number[], string> | undefined;
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
        ...LABELS.map((label, i) =>
          h(
            'tr',
            {},
            h('th', { scope: 'row' }, label),
            h('td', {}, formatValue(values[i]) + (i === 3 ? ` ± ${formatValue(stats.trainMeanStd)}` : '')),
          ),
        ),
      ),
    );
    if (!this.chart) this.chart = this.create();
    const chart = this.chart;
    chart.data.datasets[0].data = values;
    this.recolour();
  }

  /** Applies the current theme's colours. */
  recolour(): void {
    const chart = this.chart;
    if (!chart || !this.stats) return;
    const palette = readPalette();
    const colours = [palette.evalBar, palette.unscaledBar, palette.trainBar, palette.expectedBar];
    const [bars] = chart.data.datasets;
    bars.backgroundColor = colours;
    bars.borderColor = palette.highContrast ? palette.foreground : colours;
    bars.borderWidth = palette.highContrast ? 2 : 0;
    const scales = chart.options.scales!;
    const { expectedTrainMean: mean, trainMeanStd: std } = this.stats;
    (chart.options.plugins as { sigmaBand?: BandOptions }).sigmaBand = {
      low: mean - std,
      high: mean + std,
      colour: palette.foreground,
      halo: palette.background,
    };
    // Keep the whole band on the chart even when it reaches past every bar.
    scales.y!.suggestedMax = Number.isFinite(mean + std) ? mean + std : undefined;
    scales.y!.suggestedMin = Number.isFinite(mean - std) ? Math.min(0, mean - std) : undefined;
    for (const axis of [scales.x!, scales.y!]) {
      axis.ticks = { ...axis.ticks, color: palette.foreground };
      axis.grid = { ...axis.grid, color: palette.border };
    }
    setChartMotion(chart, 200);
    chart.update();
  }

  private create(): Chart<'bar', number[], string> {
    return new Chart(this.canvas, {
      type: 'bar',
      data: {
        labels: LABELS,
        datasets: [{ label: 'mean', data: [], barPercentage: 0.7 }],
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        // Set before each update (setChartMotion); the first, empty frame has nothing to animate.
        animation: false,
        plugins: {
          legend: { display: false },
          tooltip: {
            callbacks: {
              label: (item) => {
                const mean = `mean: ${formatValue(item.raw as number)}`;
                return item.dataIndex === EXPECTED && this.stats ? `${mean} ± ${formatValue(this.stats.trainMeanStd)} (1σ)` : mean;
              },
            },
          },
        },
        scales: { x: {}, y: { beginAtZero: true } },
      },
    });
  }
}
