// @ts-check
// Small statistics and formatting helpers shared by the benchmark sections.

/** @param {ArrayLike<number>} values */
export function median(values) {
  return quantile(values, 0.5);
}

/**
 * Linear-interpolated quantile of an unsorted sample (q in [0, 1]).
 * @param {ArrayLike<number>} values
 * @param {number} q
 */
export function quantile(values, q) {
  if (values.length === 0) return NaN;
  const sorted = Float64Array.from(values).sort();
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/**
 * Milliseconds with about three significant digits.
 * @param {number | undefined} value
 */
export function ms(value) {
  if (value === undefined || Number.isNaN(value)) return '—';
  if (value >= 100) return value.toFixed(0);
  if (value >= 10) return value.toFixed(1);
  if (value >= 1) return value.toFixed(2);
  return value.toFixed(3);
}

/** @param {number | undefined} value */
export function ratio(value) {
  if (value === undefined || !Number.isFinite(value)) return '—';
  return `${value.toFixed(2)}×`;
}

/** @param {number | undefined} value */
export function bytes(value) {
  if (value === undefined) return '—';
  if (value >= 1024 * 1024) return `${(value / 1024 / 1024).toFixed(1)} MB`;
  return `${(value / 1024).toFixed(1)} KB`;
}

/**
 * "1e5", "1e6", "1e7" for powers of ten, the plain number otherwise.
 * @param {number} n
 */
export function sizeLabel(n) {
  const e = Math.log10(n);
  return Number.isInteger(e) ? `1e${e}` : String(n);
}

/**
 * A verdict cell: "met" / "**not met**", or "—" when there is nothing to judge.
 * @param {boolean | undefined} ok
 */
export function verdict(ok) {
  if (ok === undefined) return '—';
  return ok ? 'met' : '**not met**';
}

/**
 * Elapsed milliseconds of a synchronous call, from process.hrtime.bigint.
 * @template T
 * @param {() => T} fn
 * @returns {{ ms: number, result: T }}
 */
export function timeMs(fn) {
  const start = process.hrtime.bigint();
  const result = fn();
  const end = process.hrtime.bigint();
  return { ms: Number(end - start) / 1e6, result };
}

/**
 * What went wrong, from anything a catch clause receives.
 * @param {unknown} error
 */
export function errorMessage(error) {
  return error instanceof Error ? error.message : String(error);
}
