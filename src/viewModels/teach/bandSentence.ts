// The sentence under the lesson: where this draw's train sum falls against the
// expectation's ±1σ band, and how often a draw lands that far out. Every
// number in it is the real one: the σ distance is printed with the digits it
// takes to agree with inside/outside, and the probability is the two-sided
// tail of the actual distance (exact, or the normal approximation where it
// holds, as it says; no number where it does not). Pure.
import type { DrawTail } from '../../shared/viewModel';
import { count, num } from './numberText';

export interface BandInput {
  /** (this draw − expectation) / σ. */
  z: number;
  std: number;
  insideOneSigma: boolean;
  tail: DrawTail | null;
  /** Which figure is not a finite number and why, when one is not. */
  undefinedReason: string | null;
  p: number;
}

/** |z| with two decimals, or more when two would round across the band's edge (1.004 is not "1.00"). */
export function sigmaDistance(absZ: number, inside: boolean): string {
  for (let digits = 2; digits < 12; digits++) {
    const text = absZ.toFixed(digits);
    if (Number(text) <= 1 === inside) return text;
  }
  return String(absZ);
}

/** A probability as a person reads it: "84% of the time", "0.27% of the time", "once in 16,000 draws". */
export function chanceText(probability: number): string {
  if (probability >= 1) return 'every time';
  if (probability > 0.9995) return 'more than 99.9% of the time';
  if (probability >= 0.99) return `${num(probability * 100, 3)}% of the time`;
  if (probability >= 1e-4) return `${num(probability * 100, 2)}% of the time`;
  if (probability < 1e-12) return 'less than once in a trillion draws';
  const every = Number((1 / probability).toPrecision(2));
  return `once in ${count(every)} draws`;
}

function tailMethod(tail: DrawTail, keep: number): string {
  switch (tail.method) {
    case 'binomial':
      return `exact: the inputs are equal, so the sum follows the number of kept mask values, Binomial(${count(tail.trials ?? 0)}, ${num(keep)})`;
    case 'normal':
      return 'exact: Gaussian noise makes the sum normal';
    case 'enumerated':
      return 'exact: summed over every pattern of kept and dropped mask values';
    case 'normalApproximation':
      return 'the normal approximation: the inputs differ, so the sum is a weighted count of many comparable terms';
    case 'noApproximation':
      return '';
  }
}

/** "about" before an approximate chance, where it reads as English: not before "less than …", "more than …" or "every time". */
function approximately(chance: string): string {
  return /^(less|more|every)/.test(chance) ? chance : `about ${chance}`;
}

export function bandSentence(v: BandInput): string {
  if (v.undefinedReason) {
    return `Where this draw falls is undefined (${v.undefinedReason}): its distance from the expectation, in σ, is not a finite number.`;
  }
  if (!(v.std > 0) || !v.tail) {
    const where = v.p === 0 || v.p === 1 ? 'at this p' : 'with these inputs';
    return `Nothing is random ${where}: every draw gives the same output.`;
  }
  // Rounding in the sums leaves a draw on the expectation a hair off it.
  if (Math.abs(v.z) < 1e-9) return 'This draw lands on the expectation itself, inside the ±1σ band. Equal on average, not on every draw.';
  const side = v.z > 0 ? 'above' : 'below';
  const distance = `${sigmaDistance(Math.abs(v.z), v.insideOneSigma)}σ ${side} the expectation`;
  const band = v.insideOneSigma ? `inside the ±1σ band (${distance})` : `outside the ±1σ band (${distance})`;
  return `This draw is ${band}. ${tailSentence(v.tail, v.p)} Equal on average, not on every draw.`;
}

/** How often a draw lands as far out as this one, and how that was worked out. */
export function tailSentence(tail: DrawTail, p: number): string {
  if (tail.method === 'noApproximation') {
    return 'How often a draw lands this far out is not given: a few values dominate the sum, so the normal approximation does not hold for these numbers.';
  }
  const chance = chanceText(tail.probability);
  const stated = tail.method === 'normalApproximation' ? approximately(chance) : chance;
  return `A draw lands this far or farther from the expectation, either way, ${stated} (${tailMethod(tail, 1 - p)}).`;
}
