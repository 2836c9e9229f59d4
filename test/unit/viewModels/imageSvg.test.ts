// The exported images: well-formed SVG whose words are <text> (the kept count among them), drawn
// in the print palette when asked, with dropped units hollow and crossed, not told by colour alone.
import * as assert from 'node:assert/strict';
import { dropout } from '../../../src/engine';
import { type ImagePalette, PRINT_PALETTE } from '../../../src/shared/imageExport';
import type { MonteCarloView } from '../../../src/shared/viewModel';
import { chartsSvg } from '../../../src/viewModels/export/chartSvg';
import { type MaskImageFacts, maskSvg } from '../../../src/viewModels/export/maskSvg';
import { escapeXml, niceTicks } from '../../../src/viewModels/export/svgWriter';
import { buildMaskGrid } from '../../../src/viewModels/result/maskGrid';
import { summarizeMonteCarlo } from '../../../src/viewModels/teach/monteCarloSummary';
import { elements, parseXml, textOf, type XmlElement } from '../../wellFormedXml';
import { ones } from './helpers';

const DARK: ImagePalette = {
  foreground: '#cccccc',
  muted: '#9d9d9d',
  background: '#1e1e1e',
  kept: '#3794ff',
  dropped: '#8b8b8b',
  border: 'rgba(128, 128, 128, 0.35)',
  evalBar: '#89d185',
  unscaledBar: '#d18616',
  trainBar: '#3794ff',
  expectedBar: '#b180d7',
  highContrast: false,
};

/** The sample of the README: 100 ones, p = 0.4, seed 0, PyTorch's stream. */
function sampleFacts(n = 100, shape = [n], mode: 'train' | 'eval' = 'train'): MaskImageFacts {
  const x = ones(n);
  x.shape = shape;
  const result = dropout(x, { p: 0.4, mode: 'train', seed: 0, rng: 'torch' });
  return {
    grid: buildMaskGrid(result.mask, shape),
    stats: result.stats,
    mode,
    p: 0.4,
    seed: '0',
    sourceLabel: 'ones <100> & "friends".json',
    shape,
  };
}

const texts = (svg: XmlElement) => elements(svg, 'text').map(textOf);
function collectColours(node: XmlElement): string[] {
  const own = ['fill', 'stroke'].map((a) => node.attrs[a]).filter((c): c is string => c !== undefined && c !== 'none');
  return [...own, ...node.children.flatMap((child) => (typeof child === 'string' ? [] : collectColours(child)))];
}

describe('exported images (SVG)', () => {
  it('the mask: well-formed, titled, its kept count written as text', () => {
    const facts = sampleFacts();
    assert.equal(facts.stats.kept, 64);
    const image = maskSvg(facts, DARK);
    const svg = parseXml(image.svg);
    assert.equal(svg.name, 'svg');
    assert.equal(svg.attrs.xmlns, 'http://www.w3.org/2000/svg');
    assert.equal(Number(svg.attrs.width), image.width);
    assert.equal(Number(svg.attrs.height), image.height);
    assert.match(textOf(elements(svg, 'title')[0]), /64 of 100 units kept/);
    const words = texts(svg);
    assert.ok(
      words.some((t) => t.startsWith('Dropout mask: 64 of 100 units kept (64%), 36 dropped')),
      words.join('\n'),
    );
    // The input's name, with its <, > and " escaped on the way in and read back as written.
    assert.ok(words.some((t) => t.includes('ones <100> & "friends".json')));
    assert.ok(words.includes('kept (filled)') && words.includes('dropped (hollow, crossed)'));
  });

  it('draws a dropped unit hollow and crossed, a kept one filled: the pattern says which, not only the colour', () => {
    const facts = sampleFacts();
    const svg = parseXml(maskSvg(facts, DARK).svg);
    const paths = elements(svg, 'path');
    const kept = paths.find((p) => p.attrs.fill === DARK.kept)!;
    const dropped = paths.filter((p) => p.attrs.fill === 'none' && p.attrs.stroke === DARK.dropped);
    // One filled square per kept unit; one outline and two strokes of a cross per dropped unit (plus the legend's).
    assert.equal(kept.attrs.d.match(/M/g)!.length, 64);
    const grid = dropped.find((p) => p.attrs.d.match(/z/g)!.length === 36);
    assert.ok(grid, 'a path with the 36 dropped outlines');
    assert.equal(grid.attrs.d.match(/L/g)!.length, 2 * 36);
  });

  it("in eval mode every unit is drawn kept, and the text still gives the train draw's count", () => {
    const svg = parseXml(maskSvg(sampleFacts(100, [100], 'eval'), DARK).svg);
    const kept = elements(svg, 'path').find((p) => p.attrs.fill === DARK.kept)!;
    assert.equal(kept.attrs.d.match(/M/g)!.length, 100);
    const words = texts(svg).join('\n');
    assert.match(words, /all 100 units pass, none dropped/);
    assert.match(words, /Seed 0's train draw keeps 64 of 100 units/);
  });

  it('a large mask is drawn in shaded blocks and says so', () => {
    const facts = sampleFacts(1000 * 600, [1000, 600]);
    const image = maskSvg(facts, DARK);
    const svg = parseXml(image.svg);
    assert.ok(facts.grid.unitsPerCell > 1);
    const words = texts(svg).join('\n');
    assert.match(words, new RegExp(`${facts.stats.kept.toLocaleString('en-US')} of 600,000 units kept`));
    assert.match(words, /Each cell stands for up to \d+ units; the stronger the colour, the larger the fraction kept/);
    assert.ok(elements(svg, 'path').every((p) => p.attrs['fill-opacity'] === undefined || Number(p.attrs['fill-opacity']) > 0.15));
    assert.ok(image.svg.length < 2_000_000, `${image.svg.length} characters`);
  });

  it("uses only the print palette's colours when asked for print, and the theme's otherwise", () => {
    const facts = sampleFacts();
    const printed = new Set(collectColours(parseXml(maskSvg(facts, PRINT_PALETTE).svg)));
    const printColours = new Set(Object.values(PRINT_PALETTE).filter((v) => typeof v === 'string'));
    for (const colour of printed) assert.ok(printColours.has(colour), `${colour} is a print colour`);
    assert.ok(printed.has('#ffffff'), 'a white background');
    const themed = new Set(collectColours(parseXml(maskSvg(facts, DARK).svg)));
    assert.ok(themed.has(DARK.background) && !themed.has('#ffffff'));
  });

  it('the charts: the means as bars with their values written, well-formed', () => {
    const facts = sampleFacts();
    const image = chartsSvg({ ...facts, monteCarlo: null }, PRINT_PALETTE);
    const svg = parseXml(image.svg);
    const words = texts(svg);
    assert.match(words[0], /^Dropout means: eval 1, train 1\.067 \(64 of 100 units kept\)$/);
    for (const label of ['eval', 'train, unscaled', 'train, scaled', 'expected ±1σ']) assert.ok(words.includes(label), label);
    assert.ok(words.includes('0.64'), 'the unscaled train mean');
    assert.ok(words.includes('1 ± 0.08165'), 'the expectation and its σ');
    const bars = elements(svg, 'rect').filter((r) =>
      [PRINT_PALETTE.evalBar, PRINT_PALETTE.unscaledBar, PRINT_PALETTE.trainBar, PRINT_PALETTE.expectedBar].includes(r.attrs.fill),
    );
    assert.equal(bars.length, 4);
  });

  it('the charts add the Monte Carlo histogram and running mean once draws were made', () => {
    const facts = sampleFacts();
    const sums = Float64Array.from({ length: 200 }, (_, i) => 100 + ((i * 37) % 41) - 20);
    const summary = summarizeMonteCarlo({ trainSums: sums, evalSum: 100, expectedSum: 100, std: 8.165 });
    const view: MonteCarloView = {
      status: 'done',
      done: 200,
      total: 200,
      evalSum: 100,
      expectedSum: 100,
      sumStd: 8.165,
      summary,
      keepFrequency: null,
      units: null,
      note: '',
    };
    const svg = parseXml(chartsSvg({ ...facts, monteCarlo: view }, DARK).svg);
    const words = texts(svg);
    assert.ok(words.some((t) => t.startsWith('Train sum over 200 draws')));
    assert.ok(
      words.some((t) => /^▼ eval/.test(t)),
      'the eval bar is named, not only coloured',
    );
    assert.ok(words.some((t) => t.startsWith('Running mean of the train sum')));
    assert.equal(elements(svg, 'polyline').length, 1);
  });

  it('escapes text and picks round ticks', () => {
    assert.equal(escapeXml(`<a href="x">&'`), '&lt;a href=&quot;x&quot;&gt;&amp;&apos;');
    assert.deepEqual(niceTicks(0, 1.08), [0, 0.5, 1]);
    assert.deepEqual(niceTicks(0, 0.7), [0, 0.2, 0.4, 0.6]);
    assert.deepEqual(niceTicks(-0.3, 0.3), [-0.2, 0, 0.2]);
    assert.deepEqual(niceTicks(0, 100), [0, 20, 40, 60, 80, 100]);
  });
});

describe('the strict XML reader the image tests rely on', () => {
  it('refuses what is not well-formed', () => {
    for (const bad of ['<a><b></a></b>', '<a x=1/>', '<a>&nbsp;</a>', '<a x="1" x="2"/>', '<a/><b/>', '<a>1 < 2</a>', '<a>'])
      assert.throws(() => parseXml(bad), Error, bad);
    assert.equal(textOf(parseXml('<?xml version="1.0"?>\n<a>x &amp; <b>y</b></a>')), 'x & y');
  });
});
