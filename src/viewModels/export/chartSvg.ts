// The panel's charts as one SVG image: the means (eval, train unscaled, train scaled, expected with
// its ±1σ band) and, once Monte Carlo has run, the histogram of the train sum and its running mean.
// Every bar and line is named in words beside it and its value is written out, so colour never
// carries meaning alone. Pure: no vscode, Node or DOM.
import type { DropoutStats } from '../../engine/types';
import type { Mode } from '../../shared/catalogue';
import type { ImagePalette } from '../../shared/imageExport';
import type { MonteCarloView, MonteCarloSummary } from '../../shared/viewModel';
import { count, num } from '../teach/numberText';
import {
  coord,
  element,
  FONT_SIZE,
  LINE_HEIGHT,
  MARGIN,
  niceTicks,
  type SvgImage,
  svgDocument,
  text,
  textWidth,
  TITLE_SIZE,
} from './svgWriter';

export interface ChartsImageFacts {
  stats: DropoutStats;
  mode: Mode;
  p: number;
  seed: string;
  sourceLabel: string;
  /** Shown when it holds draws. */
  monteCarlo: MonteCarloView | null;
}

const WIDTH = 600;
const PLOT_HEIGHT = 200;
/** Room left of a plot for the value axis's numbers. */
const AXIS_ROOM = 64;
const SECTION_GAP = 28;

export const MEANS_LABELS = ['eval', 'train, unscaled', 'train, scaled', 'expected ±1σ'] as const;

interface Section {
  height: number;
  draw(top: number): string[];
}

export function chartsSvg(f: ChartsImageFacts, palette: ImagePalette): SvgImage {
  const { stats } = f;
  const title = `Dropout means: eval ${num(stats.evalMean)}, train ${num(stats.trainMean)} (${count(stats.kept)} of ${count(stats.n)} units kept)`;
  const subtitle = `p = ${num(f.p)} · seed ${f.seed} · ${f.mode} mode · ${f.sourceLabel}`;
  const sections: Section[] = [meansSection(stats, palette)];
  const summary = f.monteCarlo?.summary;
  if (f.monteCarlo && summary && summary.trials > 0) {
    sections.push(histogramSection(f.monteCarlo, summary, palette), runningSection(f.monteCarlo, summary, palette));
  }
  const body = [
    text(MARGIN, MARGIN + TITLE_SIZE, title, { 'font-size': TITLE_SIZE, 'font-weight': 'bold' }),
    text(MARGIN, MARGIN + TITLE_SIZE + LINE_HEIGHT, subtitle, { fill: palette.muted }),
  ];
  let top = MARGIN + TITLE_SIZE + LINE_HEIGHT + SECTION_GAP;
  for (const section of sections) {
    body.push(...section.draw(top));
    top += section.height + SECTION_GAP;
  }
  const width = Math.max(WIDTH, 2 * MARGIN + Math.max(textWidth(title, TITLE_SIZE), textWidth(subtitle)));
  const description = `${title}. ${subtitle}. ${meansSentence(stats)}${
    sections.length > 1 && summary ? ` Monte Carlo: ${summary.text}` : ''
  }`;
  return svgDocument({ width, height: top - SECTION_GAP + MARGIN }, title, description, palette, body);
}

function meansSentence(s: DropoutStats): string {
  return `Means: eval ${num(s.evalMean)}, train unscaled ${num(s.trainMeanUnscaled)}, train scaled ${num(s.trainMean)}, expected ${num(s.expectedTrainMean)} ± ${num(s.trainMeanStd)}.`;
}

/** A vertical value axis: a scale from data values to y, its round ticks and grid lines. */
function valueAxis(low: number, high: number, top: number, height: number) {
  let ticks = niceTicks(low, high);
  if (ticks.length === 0) ticks = [0, 1];
  const min = Math.min(low, ticks[0]);
  const max = Math.max(high, ticks[ticks.length - 1], min + 1e-12);
  const y = (v: number) => top + height * (1 - (v - min) / (max - min));
  return { y, ticks, min, max };
}

function gridLines(axis: ReturnType<typeof valueAxis>, left: number, right: number, palette: ImagePalette): string[] {
  return axis.ticks.flatMap((t) => [
    element('path', { d: `M${coord(left)} ${coord(axis.y(t))}H${coord(right)}`, stroke: palette.border, 'stroke-width': 1 }),
    text(left - 6, axis.y(t) + 4, num(t), { 'text-anchor': 'end', fill: palette.muted }),
  ]);
}

function heading(words: string, top: number): string {
  return text(MARGIN, top + FONT_SIZE, words, { 'font-weight': 'bold' });
}

function meansSection(s: DropoutStats, palette: ImagePalette): Section {
  const values = [s.evalMean, s.trainMeanUnscaled, s.trainMean, s.expectedTrainMean];
  const colours = [palette.evalBar, palette.unscaledBar, palette.trainBar, palette.expectedBar];
  const low = s.expectedTrainMean - s.trainMeanStd;
  const high = s.expectedTrainMean + s.trainMeanStd;
  const finite = [...values, low, high].filter(Number.isFinite);
  const height = LINE_HEIGHT + 10 + PLOT_HEIGHT + LINE_HEIGHT;
  return {
    height,
    draw(top) {
      const plotTop = top + LINE_HEIGHT + 10;
      const left = MARGIN + AXIS_ROOM;
      const right = WIDTH - MARGIN;
      const lowest = Math.min(0, ...finite);
      const highest = Math.max(0, ...finite);
      // Room above the tallest bar (or band) for its value.
      const axis = valueAxis(lowest, highest + 0.12 * (highest - lowest), plotTop, PLOT_HEIGHT);
      const slot = (right - left) / values.length;
      const parts = [
        heading('Means: eval, train without and with scaling, and the expectation ±1σ', top),
        ...gridLines(axis, left, right, palette),
      ];
      values.forEach((v, i) => {
        const x = left + i * slot + slot * 0.15;
        const w = slot * 0.7;
        const label = i === 3 ? `${num(v)} ± ${num(s.trainMeanStd)}` : num(v);
        if (Number.isFinite(v)) {
          const y0 = axis.y(0);
          const y1 = axis.y(v);
          parts.push(
            element('rect', {
              x,
              y: Math.min(y0, y1),
              width: w,
              height: Math.max(1, Math.abs(y1 - y0)),
              fill: colours[i],
              ...(palette.highContrast ? { stroke: palette.foreground, 'stroke-width': 2 } : {}),
            }),
          );
        }
        // The value above the bar (or where it would stand), the name under the axis.
        const labelY = Number.isFinite(v)
          ? Math.min(axis.y(Math.max(0, v)), i === 3 && Number.isFinite(high) ? axis.y(high) - 4 : Infinity) - 6
          : axis.y(0) - 6;
        parts.push(text(x + w / 2, labelY, label, { 'text-anchor': 'middle' }));
        parts.push(text(x + w / 2, plotTop + PLOT_HEIGHT + LINE_HEIGHT, MEANS_LABELS[i], { 'text-anchor': 'middle' }));
      });
      if (Number.isFinite(low) && Number.isFinite(high) && high > low) {
        // The ±1σ band as an error bar on the expectation's bar, outlined so it shows on the bar in any palette.
        const cx = left + 3 * slot + slot / 2;
        const half = slot * 0.7 * 0.25;
        const d =
          `M${coord(cx - half)} ${coord(axis.y(high))}h${coord(2 * half)}v${coord(axis.y(low) - axis.y(high))}h${coord(-2 * half)}z` +
          `M${coord(cx - 1.5 * half)} ${coord(axis.y(high))}h${coord(3 * half)}M${coord(cx - 1.5 * half)} ${coord(axis.y(low))}h${coord(3 * half)}`;
        parts.push(element('path', { d, fill: 'none', stroke: palette.background, 'stroke-width': 5 }));
        parts.push(element('path', { d, fill: 'none', stroke: palette.foreground, 'stroke-width': 2 }));
      }
      parts.push(
        element('path', { d: `M${coord(left)} ${coord(axis.y(0))}H${coord(right)}`, stroke: palette.foreground, 'stroke-width': 1 }),
      );
      return parts;
    },
  };
}

function histogramSection(view: MonteCarloView, s: MonteCarloSummary, palette: ImagePalette): Section {
  const hist = s.histogram;
  const bins = hist.counts.length;
  const height = LINE_HEIGHT + 18 + PLOT_HEIGHT + 3 * LINE_HEIGHT;
  return {
    height,
    draw(top) {
      const plotTop = top + LINE_HEIGHT + 18;
      const left = MARGIN + AXIS_ROOM;
      const right = WIDTH - MARGIN;
      const most = Math.max(1, ...Array.from(hist.counts));
      const axis = valueAxis(0, most, plotTop, PLOT_HEIGHT);
      const slot = (right - left) / Math.max(1, bins);
      const parts = [
        heading(`Train sum over ${count(s.trials)} draws (bars: draws per range of the sum)`, top),
        ...gridLines(axis, left, right, palette),
      ];
      for (let k = 0; k < bins; k++) {
        const marks = [k === hist.evalBin ? 'eval' : '', k === hist.expectedBin ? 'expected' : ''].filter(Boolean);
        const colour = marks[0] === 'eval' ? palette.evalBar : marks[0] === 'expected' ? palette.expectedBar : palette.trainBar;
        const y = axis.y(hist.counts[k]);
        const x = left + k * slot;
        if (hist.counts[k] > 0)
          parts.push(element('rect', { x: x + slot * 0.025, y, width: slot * 0.95, height: axis.y(0) - y, fill: colour }));
        // A marked bar is named above it: the colour only repeats the word.
        if (marks.length)
          parts.push(text(x + slot / 2, y - 6, `▼ ${marks.join(', ')}`, { 'text-anchor': 'middle', 'font-weight': 'bold' }));
      }
      parts.push(
        element('path', { d: `M${coord(left)} ${coord(axis.y(0))}H${coord(right)}`, stroke: palette.foreground, 'stroke-width': 1 }),
      );
      // The range's ends and middle; the end labels sit inside the plot's width.
      const edges = [0, Math.floor(bins / 2), bins].filter((e, i, all) => all.indexOf(e) === i);
      for (const e of edges) {
        const anchor = e === 0 ? 'start' : e === bins ? 'end' : 'middle';
        parts.push(text(left + e * slot, axis.y(0) + LINE_HEIGHT - 4, num(hist.edges[e]), { 'text-anchor': anchor, fill: palette.muted }));
      }
      parts.push(
        text(
          left,
          axis.y(0) + 2 * LINE_HEIGHT,
          `train sum of one draw · eval sum ${num(view.evalSum)} · expected ${num(view.expectedSum)} ± ${num(view.sumStd)}`,
        ),
        text(
          left,
          axis.y(0) + 3 * LINE_HEIGHT,
          `mean of the ${count(s.trials)} draws ${num(s.sampleMean)} (standard error ${num(s.standardError)})`,
        ),
      );
      return parts;
    },
  };
}

function runningSection(view: MonteCarloView, s: MonteCarloSummary, palette: ImagePalette): Section {
  const { trials, mean } = s.running;
  const height = LINE_HEIGHT + 10 + PLOT_HEIGHT + 2 * LINE_HEIGHT;
  return {
    height,
    draw(top) {
      const plotTop = top + LINE_HEIGHT + 10;
      const left = MARGIN + AXIS_ROOM;
      const right = WIDTH - MARGIN;
      const finite = [...Array.from(mean), view.evalSum].filter(Number.isFinite);
      const axis = valueAxis(finite.length ? Math.min(...finite) : 0, finite.length ? Math.max(...finite) : 1, plotTop, PLOT_HEIGHT);
      const last = trials.length ? trials[trials.length - 1] : 1;
      const x = (t: number) => left + ((right - left) * (t - 1)) / Math.max(1, last - 1);
      const parts = [heading('Running mean of the train sum, settling on the eval sum', top), ...gridLines(axis, left, right, palette)];
      const points = Array.from(trials, (t, i) => (Number.isFinite(mean[i]) ? `${coord(x(t))},${coord(axis.y(mean[i]))}` : '')).filter(
        Boolean,
      );
      if (points.length)
        parts.push(element('polyline', { points: points.join(' '), fill: 'none', stroke: palette.trainBar, 'stroke-width': 2 }));
      if (Number.isFinite(view.evalSum)) {
        const y = axis.y(view.evalSum);
        parts.push(
          element('path', {
            d: `M${coord(left)} ${coord(y)}H${coord(right)}`,
            stroke: palette.evalBar,
            'stroke-width': 1.5,
            'stroke-dasharray': '6 4',
          }),
        );
      }
      parts.push(
        text(left, plotTop + PLOT_HEIGHT + LINE_HEIGHT, `draws: 1 to ${count(last)}`, { fill: palette.muted }),
        text(
          left,
          plotTop + PLOT_HEIGHT + 2 * LINE_HEIGHT,
          `solid line: the running mean, ending at ${num(s.sampleMean)} · dashed line: the eval sum, ${num(view.evalSum)}`,
        ),
      );
      return parts;
    },
  };
}
