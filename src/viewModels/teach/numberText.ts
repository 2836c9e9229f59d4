// Numbers as the teaching text shows them: a few significant digits, trailing
// zeros trimmed, a real minus sign (U+2212) so screen readers say "minus".
// Pure: no vscode, Node or DOM.

/** `v` with at most `digits` significant digits; "∞", "−∞" and "NaN" for the non-finite. */
export function num(v: number, digits = 4): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '∞';
  if (v === -Infinity) return '−∞';
  if (v === 0) return '0';
  const abs = Math.abs(v);
  let text: string;
  if (abs >= 1e-4 && abs < 1e9) {
    const decimals = Math.max(0, digits - 1 - Math.floor(Math.log10(abs)));
    text = abs.toFixed(Math.min(decimals, 20));
    if (text.includes('.')) text = text.replace(/0+$/, '').replace(/\.$/, '');
  } else {
    text = abs.toExponential(digits - 1).replace(/\.?0+e/, 'e');
  }
  return v < 0 ? `−${text}` : text;
}

/** A fraction as a percentage, e.g. 0.6827 → "68.3%". */
export function percent(fraction: number, digits = 3): string {
  return `${num(fraction * 100, digits)}%`;
}

/** A signed number: "+0.41" / "−0.41" (the sign always shown). */
export function signed(v: number, digits = 4): string {
  return v > 0 ? `+${num(v, digits)}` : num(v, digits);
}

/** A count as the whole panel writes counts: grouped by thousands, "1,000,000". */
const COUNT_FORMAT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export function count(n: number): string {
  return COUNT_FORMAT.format(n);
}
