// Per-unit statistics over Monte Carlo trials, fed one trial at a time so a
// worker can run them in chunks and answer messages in between:
// - how often each unit was kept (should be ≈ 1 − p: a check of the RNG and a
//   picture of "each unit is dropped independently");
// - MC dropout (Gal & Ghahramani 2016): the mean and standard deviation of each
//   unit's output over T stochastic passes, by Welford's algorithm (one pass,
//   no catastrophic cancellation, O(n) memory whatever T is).
// Pure.

export class UnitAccumulator {
  readonly n: number;
  private count = 0;
  private readonly keptCounts: Float64Array;
  private readonly means: Float64Array;
  /** Σ (v − mean)² so far, per unit (Welford's M2). */
  private readonly m2: Float64Array;

  constructor(n: number) {
    if (!Number.isSafeInteger(n) || n < 0) throw new Error(`The number of units must be a non-negative integer, got ${String(n)}.`);
    this.n = n;
    this.keptCounts = new Float64Array(n);
    this.means = new Float64Array(n);
    this.m2 = new Float64Array(n);
  }

  /** Trials added so far. */
  get trials(): number {
    return this.count;
  }

  /** Adds one trial: its keep mask (1 = kept) and its output, both of length n. */
  add(mask: Uint8Array, output: ArrayLike<number>): void {
    const n = this.n;
    if (mask.length !== n || output.length !== n) {
      throw new Error(`Expected a mask and an output of ${n} units, got ${mask.length} and ${output.length}.`);
    }
    const t = ++this.count;
    const { keptCounts, means, m2 } = this;
    for (let i = 0; i < n; i++) {
      keptCounts[i] += mask[i];
      const v = output[i];
      const delta = v - means[i];
      means[i] += delta / t;
      m2[i] += delta * (v - means[i]);
    }
  }

  /** How many trials kept each unit. */
  keptCount(): Float64Array {
    return this.keptCounts.slice();
  }

  /** Fraction of trials that kept each unit (NaN before the first trial). */
  keepFrequency(): Float64Array {
    const out = new Float64Array(this.n);
    for (let i = 0; i < this.n; i++) out[i] = this.keptCounts[i] / this.count;
    return out;
  }

  /** Mean output per unit over the trials (the MC dropout prediction). */
  mean(): Float64Array {
    if (this.count === 0) return new Float64Array(this.n).fill(NaN);
    return this.means.slice();
  }

  /** Variance per unit; ddof 1 (default) is the unbiased sample variance, ddof 0 the population one. NaN without enough trials. */
  variance(ddof: 0 | 1 = 1): Float64Array {
    const out = new Float64Array(this.n);
    const d = this.count - ddof;
    for (let i = 0; i < this.n; i++) out[i] = d > 0 ? this.m2[i] / d : NaN;
    return out;
  }

  /** Standard deviation per unit (ddof as in variance()): the MC dropout spread. */
  std(ddof: 0 | 1 = 1): Float64Array {
    const v = this.variance(ddof);
    for (let i = 0; i < v.length; i++) v[i] = Math.sqrt(v[i]);
    return v;
  }
}
