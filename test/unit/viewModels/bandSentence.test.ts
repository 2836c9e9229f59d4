// The sentence under the lesson: the probability it gives for this draw's
// distance from the expectation is the real two-sided tail (checked against
// Python's math.erfc and against a direct sum of binomial pmf terms), and the
// σ distance it prints agrees with inside/outside.
import * as assert from 'node:assert/strict';
import type { DropoutStats } from '../../../src/engine/types';
import { bandSentence, chanceText, sigmaDistance } from '../../../src/viewModels/teach/bandSentence';
import {
  binomialTwoSided,
  drawTail,
  erfc,
  groupSwings,
  largestVarianceShare,
  normalTwoSided,
} from '../../../src/viewModels/teach/drawTail';
import { elementSwingShare } from '../../../src/viewModels/teach/inputFigures';
import { explain, sumVariance } from '../../../src/viewModels/teach/explain';

// P(|Z| ≥ z) = math.erfc(z / math.sqrt(2)), printed by Python 3 (repr).
const PYTHON_TWO_SIDED: [number, number][] = [
  [0.5, 0.6170750774519738],
  [0.99, 0.3221741190216619],
  [1.0, 0.31731050786291415],
  [1.05, 0.29371811275179194],
  [1.5, 0.13361440253771617],
  [2.0, 0.04550026389635844],
  [2.1, 0.035728841125633126],
  [2.7, 0.006933947606081336],
  [4.0, 6.334248366623993e-5],
  [6.0, 1.9731752900754024e-9],
];

/** The percentage a sentence states, as a fraction ("about 3.6% of the time" → 0.036). */
function statedChance(sentence: string): number {
  const percent = /either way, (?:about )?([\d.]+)% of the time/.exec(sentence);
  if (percent) return Number(percent[1]) / 100;
  const once = /either way, (?:about )?once in ([\d,]+) draws/.exec(sentence);
  if (once) return 1 / Number(once[1].replace(/,/g, ''));
  throw new Error(`no probability in: ${sentence}`);
}

/** The σ distance a sentence prints, and whether it says inside. */
function statedDistance(sentence: string): { sigmas: number; inside: boolean; side: string } {
  const m = /This draw is (inside|outside) the ±1σ band \(([\d.]+)σ (above|below) the expectation\)/.exec(sentence);
  if (!m) throw new Error(`no distance in: ${sentence}`);
  return { inside: m[1] === 'inside', sigmas: Number(m[2]), side: m[3] };
}

/** Two significant digits, as the sentence rounds a probability. */
function closeToTwoDigits(stated: number, exact: number, what: string): void {
  assert.ok(Math.abs(stated - exact) <= 0.051 * exact, `${what}: stated ${stated}, exact ${exact}`);
}

describe('teach: the probability of a draw this far out', () => {
  it('erfc matches Python to 1e-13 relative, from the centre to far in the tail', () => {
    for (const [z, expected] of PYTHON_TWO_SIDED) {
      const got = normalTwoSided(z);
      assert.ok(Math.abs(got - expected) <= 1e-13 * expected, `z = ${z}: ${got} vs ${expected}`);
      assert.equal(normalTwoSided(-z), got);
    }
    assert.equal(erfc(0), 1);
    assert.ok(Math.abs(erfc(-1) - (2 - erfc(1))) < 1e-15);
  });

  it('the binomial tail equals a direct sum of pmf terms, both tails, to 1e-12', () => {
    const trials = 100;
    const q = 0.6;
    const pmf = [(1 - q) ** trials];
    for (let k = 0; k < trials; k++) pmf.push((pmf[k] * (trials - k) * q) / ((k + 1) * (1 - q)));
    for (const k of [60, 59, 58, 55, 52, 50, 45, 40, 30, 61, 65, 70, 75, 80, 90, 100]) {
      const d = Math.abs(k - 60);
      let direct = 0;
      for (let j = 0; j <= trials; j++) if (Math.abs(j - 60) >= d) direct += pmf[j];
      const got = binomialTwoSided(trials, q, k);
      assert.ok(Math.abs(got - direct) <= 1e-12 * direct + 1e-300, `k = ${k}: ${got} vs ${direct}`);
    }
  });

  for (const sign of [1, -1]) {
    it(`many unequal inputs, none dominant, ${sign > 0 ? 'above' : 'below'} the mean: the sentence gives the normal tail, says "about" and says it is the normal approximation`, () => {
      // 1 … 30: 30 mask values, the largest carrying 900 / 9455 < 10% of the variance.
      const x = Array.from({ length: 30 }, (_, i) => i + 1);
      for (const [absZ, expected] of PYTHON_TWO_SIDED) {
        const z = sign * absZ;
        const tail = drawTail({ x, p: 0.4, variant: 'inverted', kept: 20, z });
        assert.equal(tail?.method, 'normalApproximation');
        const insideOneSigma = absZ <= 1;
        const sentence = bandSentence({ z, std: 1, insideOneSigma, tail, undefinedReason: null, p: 0.4 });
        closeToTwoDigits(statedChance(sentence), expected, `z = ${z}`);
        assert.match(sentence, /either way, about /);
        assert.match(sentence, /normal approximation/);
        assert.doesNotMatch(sentence, /third of the time/);
        const stated = statedDistance(sentence);
        assert.equal(stated.inside, insideOneSigma, sentence);
        assert.equal(stated.sigmas <= 1, stated.inside, `the printed distance agrees with the verdict: ${sentence}`);
        assert.ok(Math.abs(stated.sigmas - absZ) < 0.006, sentence);
        assert.equal(stated.side, sign > 0 ? 'above' : 'below');
      }
    });
  }

  /** The draw's z and kept count, from which units were kept (the closed forms, as explain computes them). */
  function drawOf(x: number[], p: number, keptUnits: boolean[]): { z: number; kept: number } {
    const keep = 1 - p;
    const sum = x.reduce((s, v, i) => s + (keptUnits[i] ? v / keep : 0), 0);
    const expected = x.reduce((s, v) => s + v, 0);
    return { z: (sum - expected) / Math.sqrt(sumVariance(x, p, 'inverted')), kept: keptUnits.filter(Boolean).length };
  }

  it("[1, 1000]: the exact chance, worked by hand, not a normal curve's", () => {
    // p = 0.01, unit 2 dropped: the sum is 1/0.99 or 0, against E = 1001. At least as far out: unit 2 dropped
    // (0.01), whatever unit 1 does. The normal curve said z ≈ −9.95, "less than once in a trillion".
    const lone = drawOf([1, 1000], 0.01, [true, false]);
    assert.ok(Math.abs(lone.z + 9.95) < 0.01, `z = ${lone.z}`);
    const rare = drawTail({ x: [1, 1000], p: 0.01, variant: 'inverted', kept: lone.kept, z: lone.z });
    assert.equal(rare?.method, 'enumerated');
    assert.ok(Math.abs(rare!.probability - 0.01) < 1e-12, `${rare!.probability}`);
    const sentence = bandSentence({ z: lone.z, std: 1, insideOneSigma: false, tail: rare, undefinedReason: null, p: 0.01 });
    assert.match(sentence, /either way, 1% of the time \(exact: summed over every pattern/);
    // p = 0.5, both dropped: deviation −1001; both kept +1001; one kept ±999. Two of four patterns: 50%, not 31.7%.
    const none = drawOf([1, 1000], 0.5, [false, false]);
    const half = drawTail({ x: [1, 1000], p: 0.5, variant: 'inverted', kept: 0, z: none.z });
    assert.ok(Math.abs(half!.probability - 0.5) < 1e-12, `${half!.probability}`);
    assert.match(
      bandSentence({ z: none.z, std: 1, insideOneSigma: false, tail: half, undefinedReason: null, p: 0.5 }),
      /either way, 50% of the time/,
    );
    // The same with shared masks: units 1 and 3 share one mask value, 2 and 4 another.
    const pairs = drawOf([2, 2000], 0.5, [false, false]);
    const shared = drawTail({
      x: [1, 1000, 1, 1000],
      p: 0.5,
      variant: 'inverted',
      kept: 0,
      z: pairs.z,
      groupSize: 2,
      maskGroup: [0, 1, 0, 1],
    });
    assert.ok(Math.abs(shared!.probability - 0.5) < 1e-12, `${shared!.probability}`);
  });

  it('few mask values: the tail equals a brute-force sum over every mask, for random inputs, p and variants', () => {
    let seed = 12345;
    const random = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let trial = 0; trial < 60; trial++) {
      const n = 1 + Math.floor(random() * 8);
      const x = Array.from({ length: n }, () => Math.round((random() - 0.3) * 1000) / 10);
      const p = [0.1, 0.25, 0.5, 0.8][trial % 4];
      const variant = (['inverted', 'classic', 'alpha'] as const)[trial % 3];
      const keptUnits = Array.from({ length: n }, () => random() >= p);
      // Brute force: every mask's train sum, straight from the per-unit rule.
      const swing = groupSwings(x, p, variant);
      const sumOf = (mask: boolean[]): number => mask.reduce((s, m, i) => s + (m ? swing[i] : 0), 0);
      let expected = 0;
      for (let i = 0; i < n; i++) expected += (1 - p) * swing[i];
      const observed = Math.abs(sumOf(keptUnits) - expected);
      const sigma = Math.sqrt(sumVariance(x, p, variant));
      let direct = 0;
      for (let bits = 0; bits < 2 ** n; bits++) {
        const mask = Array.from({ length: n }, (_, i) => ((bits >> i) & 1) === 1);
        const k = mask.filter(Boolean).length;
        if (Math.abs(sumOf(mask) - expected) >= observed - 1e-9 * (1 + Math.abs(expected))) direct += (1 - p) ** k * p ** (n - k);
      }
      const z = (sumOf(keptUnits) - expected) / sigma;
      if (!(sigma > 0)) continue;
      const tail = drawTail({ x, p, variant, kept: keptUnits.filter(Boolean).length, z });
      if (tail?.method === 'binomial') continue; // equal inputs: checked against the pmf above
      assert.equal(tail?.method, 'enumerated');
      assert.ok(Math.abs(tail!.probability - direct) <= 1e-12, `x = ${x}, p = ${p}, ${variant}: ${tail!.probability} vs ${direct}`);
    }
  });

  it('a mask value dominating many: no percentage, and says the normal approximation does not hold', () => {
    const x = [...new Array(40).fill(1), 1000];
    const tail = drawTail({ x, p: 0.5, variant: 'inverted', kept: 20, z: -2.5 });
    assert.equal(tail?.method, 'noApproximation');
    const sentence = bandSentence({ z: -2.5, std: 1, insideOneSigma: false, tail, undefinedReason: null, p: 0.5 });
    assert.match(sentence, /normal approximation does not hold for these numbers/);
    assert.doesNotMatch(sentence, /%|once in|about/);
  });

  it('approximate chances never read "about less than" or "about every time"', () => {
    const x = Array.from({ length: 30 }, (_, i) => i + 1);
    const far = drawTail({ x, p: 0.4, variant: 'inverted', kept: 0, z: -9.9 });
    const sentence = bandSentence({ z: -9.9, std: 1, insideOneSigma: false, tail: far, undefinedReason: null, p: 0.4 });
    assert.match(sentence, /either way, less than once in a trillion draws \(the normal approximation/);
    assert.doesNotMatch(sentence, /about (less|more|every)/);
  });

  it('1.05σ prints as 1.05σ and outside; 1.004σ as 1.004σ, not "1.00σ outside"', () => {
    assert.equal(sigmaDistance(1.05, false), '1.05');
    assert.equal(sigmaDistance(1.004, false), '1.004');
    assert.equal(sigmaDistance(0.999, true), '1.00');
    assert.equal(sigmaDistance(1, true), '1.00');
    assert.equal(sigmaDistance(2.1, false), '2.10');
  });

  it('100 ones at p = 0.4: the exact binomial tail, on both sides of 1σ and 2σ', () => {
    const n = 100;
    // σ of the kept count, and of the train sum (the count / 0.6).
    const countSigma = Math.sqrt(n * 0.4 * 0.6);
    const sumSigma = countSigma / 0.6;
    const pmf = [0.4 ** n];
    for (let k = 0; k < n; k++) pmf.push((pmf[k] * (n - k) * 0.6) / ((k + 1) * 0.4));
    // 60 ± 2, 4, 5, 7, 9, 10, 11, 13, 20 kept: 0.41σ, 0.82σ, 1.02σ, 1.43σ, 1.84σ, 2.04σ, 2.25σ, 2.65σ, 4.08σ.
    for (const offset of [2, 4, 5, 7, 9, 10, 11, 13, 20]) {
      for (const kept of [60 + offset, 60 - offset]) {
        const stats: DropoutStats = {
          n,
          kept,
          keptFraction: kept / n,
          evalMean: 1,
          trainMeanUnscaled: kept / n,
          trainMean: kept / 0.6 / n,
          expectedTrainMean: 1,
          trainMeanStd: sumSigma / n,
        };
        const x = new Float64Array(n).fill(1);
        const { verdict } = explain({ x, p: 0.4, variant: 'inverted', stats });
        let direct = 0;
        for (let j = 0; j <= n; j++) if (Math.abs(j - 60) >= offset) direct += pmf[j];
        assert.equal(verdict.tail?.method, 'binomial');
        assert.ok(Math.abs(verdict.tail!.probability - direct) <= 1e-12 * direct, `${kept}: ${verdict.tail!.probability} vs ${direct}`);
        closeToTwoDigits(statedChance(verdict.sentence), direct, `${kept} kept`);
        assert.match(verdict.sentence, /exact: .*Binomial\(100, 0\.6\)/);
        assert.doesNotMatch(verdict.sentence, /about/);
        const stated = statedDistance(verdict.sentence);
        const z = (kept - 60) / countSigma;
        assert.equal(stated.inside, Math.abs(z) <= 1);
        assert.equal(stated.sigmas <= 1, stated.inside);
        assert.equal(stated.side, kept > 60 ? 'above' : 'below');
      }
    }
  });

  it('Gaussian dropout: the normal tail is exact, so no "about"', () => {
    const tail = drawTail({ x: [1, 2, 3], p: 0.4, variant: 'gaussian', kept: 3, z: 2.1 });
    assert.equal(tail?.method, 'normal');
    const sentence = bandSentence({ z: 2.1, std: 1, insideOneSigma: false, tail, undefinedReason: null, p: 0.4 });
    assert.match(sentence, /either way, 3\.6% of the time \(exact: Gaussian noise makes the sum normal\)/);
  });

  it('states tiny and near-certain probabilities in words that are true', () => {
    assert.equal(chanceText(6.334248366623993e-5), 'once in 16,000 draws');
    assert.equal(chanceText(1.97e-9), 'once in 510,000,000 draws');
    assert.equal(chanceText(1e-15), 'less than once in a trillion draws');
    assert.equal(chanceText(0.99999), 'more than 99.9% of the time');
    assert.equal(chanceText(1), 'every time');
    assert.equal(chanceText(0.04550026389635844), '4.6% of the time');
  });

  it('no tail when nothing is random, and "undefined" when the input holds Infinity', () => {
    assert.equal(drawTail({ x: [1, 1], p: 0, variant: 'inverted', kept: 2, z: NaN }), null);
    assert.match(
      bandSentence({ z: NaN, std: 0, insideOneSigma: true, tail: null, undefinedReason: null, p: 0 }),
      /^Nothing is random at this p/,
    );
    assert.equal(
      bandSentence({ z: NaN, std: Infinity, insideOneSigma: false, tail: null, undefinedReason: 'the input holds Infinity', p: 0.4 }),
      'Where this draw falls is undefined (the input holds Infinity): its distance from the expectation, in σ, is not a finite number.',
    );
  });

  it("one unit per mask value: the largest variance share without the swings' arrays is the share of the swings", () => {
    let seed = 777;
    const random = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (const variant of ['inverted', 'classic', 'unscaled', 'alpha'] as const) {
      for (const p of [0.1, 0.5, 0.9]) {
        for (const n of [21, 500]) {
          const x = Float32Array.from({ length: n }, (_, i) => (i === 3 ? 40 : (random() - 0.5) * 10));
          const expected = largestVarianceShare(groupSwings(x, p, variant));
          const share = elementSwingShare(x, variant);
          assert.ok(Math.abs(share - expected) <= 1e-12 * expected, `${variant} p=${p} n=${n}: ${share} vs ${expected}`);
        }
      }
    }
    // One value carrying most of the variance: no approximation; many comparable ones: the normal one.
    const lumpy = Float32Array.from({ length: 100 }, (_, i) => (i === 0 ? 1000 : 1));
    assert.equal(drawTail({ x: lumpy, p: 0.5, variant: 'inverted', kept: 50, z: 1 })?.method, 'noApproximation');
    const even = Float32Array.from({ length: 100 }, (_, i) => 1 + (i % 3));
    assert.equal(drawTail({ x: even, p: 0.5, variant: 'inverted', kept: 50, z: 1 })?.method, 'normalApproximation');
  });
});
