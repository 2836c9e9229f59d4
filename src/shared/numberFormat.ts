// Number formatting for the panel. Pure (no DOM), unit-tested in Node.

/** For the summary table and the data-stat hooks: the number first, at least 6 significant digits. */
export function formatStat(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? 'Infinity' : '-Infinity';
  if (Number.isInteger(v) && Math.abs(v) < 1e15) return String(v);
  return String(Number(v.toPrecision(7)));
}

/**
 * The note beside a mean or σ whose value is NaN: "undefined (the input holds NaN)". Null for every number,
 * Infinity included: a real Infinity is a value, and its cell says "Infinity".
 */
export function undefinedNote(v: number, undefinedReason: string | null): string | null {
  if (!Number.isNaN(v)) return null;
  return undefinedReason ? `undefined (${undefinedReason})` : 'undefined';
}

/**
 * For figures a person reads in tables and tooltips (not the data-stat hooks):
 * whole numbers grouped as counts are ("590,637"), other values to 4
 * significant digits ("0.06667", "106.7"), from a million up to 7 significant
 * digits ("1,000,270"), very large or small ones in exponent form.
 */
export function formatValue(v: number): string {
  if (!Number.isFinite(v)) return formatStat(v);
  const a = Math.abs(v);
  if (Number.isInteger(v) && a < 1e15) return formatCount(v);
  // Large values keep 7 significant digits: sums near a million (Monte Carlo edges, running means) differ in
  // their last digits, and 4 would print 1,000,270.3 and 1,000,812.9 alike as "1e+6".
  if (a >= 1e15) return v.toExponential(6).replace(/\.?0+e/, 'e');
  if (a >= 1e6) return COUNT_FORMAT.format(Number(v.toPrecision(7)));
  if (a < 1e-4) return v.toExponential(3).replace(/\.?0+e/, 'e');
  const rounded = Number(v.toPrecision(4));
  return a >= 1000 ? COUNT_FORMAT.format(rounded) : String(rounded);
}

/** For sentences and chart labels: short, with one decimal for everyday magnitudes (61.0, 101.7, 8.2). */
export function formatShort(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  const a = Math.abs(v);
  const text = a >= 1e6 || (a > 0 && a < 1e-3) ? v.toExponential(2) : a >= 1000 ? v.toFixed(0) : a >= 1 ? v.toFixed(1) : v.toPrecision(3);
  return text.replace('-', '−');
}

/** p, keep and scale as a person reads them: 0.4, 0.6, ×1.6667. */
export function formatProbability(p: number): string {
  return String(Number(p.toPrecision(6)));
}

/** A shape as "100" or "64 × 512 × 7 × 7". */
export function formatShape(shape: readonly number[]): string {
  return shape.length === 0 ? 'scalar' : shape.join(' × ');
}

/** One formatter for every count: toLocaleString builds a new one per call, a cost in every redraw. */
const COUNT_FORMAT = new Intl.NumberFormat('en-US');

export function formatCount(n: number): string {
  return COUNT_FORMAT.format(n);
}
