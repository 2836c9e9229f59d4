// The exact binomial distribution, for judging keep frequencies: the central
// 95% acceptance interval of Binomial(T, keep) and its true coverage (a
// discrete distribution never hits 95% exactly). Pure.

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
  -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(z) for z > 0 (Lanczos, g = 7: about 15 significant digits). */
export function logGamma(z: number): number {
  if (z < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * z)) - logGamma(1 - z);
  const zz = z - 1;
  let a = LANCZOS[0];
  const t = zz + 7.5;
  for (let i = 1; i < 9; i++) a += LANCZOS[i] / (zz + i);
  return 0.5 * Math.log(2 * Math.PI) + (zz + 0.5) * Math.log(t) - t + Math.log(a);
}

/** P(X = k) for X ~ Binomial(trials, q), for every k = 0..trials. */
export function binomialPmf(trials: number, q: number): Float64Array {
  const pmf = new Float64Array(trials + 1);
  if (q <= 0) {
    pmf[0] = 1;
    return pmf;
  }
  if (q >= 1) {
    pmf[trials] = 1;
    return pmf;
  }
  const lq = Math.log(q);
  const l1q = Math.log1p(-q);
  const lnT = logGamma(trials + 1);
  for (let k = 0; k <= trials; k++) {
    pmf[k] = Math.exp(lnT - logGamma(k + 1) - logGamma(trials - k + 1) + k * lq + (trials - k) * l1q);
  }
  return pmf;
}

export interface BinomialInterval {
  /** Smallest and largest count inside the interval. */
  low: number;
  high: number;
  /** P(X < low) + P(X > high): the chance a unit falls outside, ≤ 1 − level. */
  outsideProbability: number;
}

/** The central interval [low, high] with P(X < low) ≤ (1 − level)/2 and P(X > high) ≤ (1 − level)/2. */
export function binomialInterval(trials: number, q: number, level = 0.95): BinomialInterval {
  // Only a window of ±12σ around the mean carries mass above ~1e-30, so the
  // interval costs O(√T) rather than O(T): the worker recomputes it as trials grow.
  const sd = Math.sqrt(trials * q * (1 - q));
  const first = Math.max(0, Math.floor(trials * q - 12 * sd - 10));
  const last = Math.min(trials, Math.ceil(trials * q + 12 * sd + 10));
  const pmf = windowPmf(trials, q, first, last);
  const tail = (1 - level) / 2;
  let below = 0;
  let low = first;
  while (low < last && below + pmf[low - first] <= tail) below += pmf[low++ - first];
  let above = 0;
  let high = last;
  while (high > low && above + pmf[high - first] <= tail) above += pmf[high-- - first];
  return { low, high, outsideProbability: below + above };
}

/** P(X = k) for k = first..last. */
function windowPmf(trials: number, q: number, first: number, last: number): Float64Array {
  const out = new Float64Array(last - first + 1);
  if (q <= 0 || q >= 1) {
    const k = q <= 0 ? 0 : trials;
    if (k >= first && k <= last) out[k - first] = 1;
    return out;
  }
  const lq = Math.log(q);
  const l1q = Math.log1p(-q);
  const lnT = logGamma(trials + 1);
  for (let k = first; k <= last; k++) {
    out[k - first] = Math.exp(lnT - logGamma(k + 1) - logGamma(trials - k + 1) + k * lq + (trials - k) * l1q);
  }
  return out;
}
