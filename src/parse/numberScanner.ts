// Reads one number starting at a given index, without allocating: the hot loop
// of every format calls this once per value.
//
// Exactness: the result always equals Number(token). Plain decimals with at
// most 15 significant digits and a small power of ten take Clinger's fast path
// (an exact integer times or divided by an exact power of ten: one correctly
// rounded operation). Everything else falls back to Number() on the token.

const POW10 = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

/** True for letters, digits and _ : a word that continues past "inf" is not "inf". */
export function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

/** Case-insensitive match of a lowercase ASCII word at `pos`, not followed by a word character. */
function matchWord(text: string, pos: number, word: string): boolean {
  if (pos + word.length > text.length) return false;
  for (let k = 0; k < word.length; k++) {
    if ((text.charCodeAt(pos + k) | 0x20) !== word.charCodeAt(k)) return false;
  }
  return pos + word.length >= text.length || !isWordChar(text.charCodeAt(pos + word.length));
}

export class NumberScanner {
  /** The value of the number the last successful scan() read. */
  value = 0;

  constructor(private readonly text: string) {}

  /**
   * Reads a number at `pos`: an optional sign, then digits with an optional
   * fraction and exponent ("1", "-2.5", "1.", ".5", "3e-7", "1.e+10"), or
   * nan / inf / infinity in any case (NaN, Infinity, -inf as Python and JS
   * print them). Returns the index just past it, or -1 if no number starts there.
   * An "e" without exponent digits is not consumed ("1e" ends after "1").
   */
  scan(pos: number): number {
    const text = this.text;
    const len = text.length;
    let i = pos;
    let c = i < len ? text.charCodeAt(i) : -1;
    let negative = false;
    if (c === 45 || c === 43) {
      negative = c === 45;
      c = ++i < len ? text.charCodeAt(i) : -1;
    }
    let mantissa = 0;
    let significant = 0;
    let digits = 0;
    while (c >= 48 && c <= 57) {
      if (mantissa !== 0 || c !== 48) significant++;
      mantissa = mantissa * 10 + (c - 48);
      digits++;
      c = ++i < len ? text.charCodeAt(i) : -1;
    }
    let fractionDigits = 0;
    if (c === 46) {
      let j = i + 1;
      let d = j < len ? text.charCodeAt(j) : -1;
      while (d >= 48 && d <= 57) {
        if (mantissa !== 0 || d !== 48) significant++;
        mantissa = mantissa * 10 + (d - 48);
        fractionDigits++;
        d = ++j < len ? text.charCodeAt(j) : -1;
      }
      // "." alone (or the first dot of "...") is not a number.
      if (digits === 0 && fractionDigits === 0) return -1;
      i = j;
      c = d;
    } else if (digits === 0) {
      return this.scanSpecial(i, negative);
    }
    let exponent = 0;
    if (c === 101 || c === 69) {
      let j = i + 1;
      let d = j < len ? text.charCodeAt(j) : -1;
      let exponentNegative = false;
      if (d === 45 || d === 43) {
        exponentNegative = d === 45;
        d = ++j < len ? text.charCodeAt(j) : -1;
      }
      if (d >= 48 && d <= 57) {
        while (d >= 48 && d <= 57) {
          // Capped: beyond this the value is 0 or Infinity anyway, and the slow path decides.
          if (exponent < 100000) exponent = exponent * 10 + (d - 48);
          d = ++j < len ? text.charCodeAt(j) : -1;
        }
        if (exponentNegative) exponent = -exponent;
        i = j;
      }
    }
    const power = exponent - fractionDigits;
    if (mantissa === 0) {
      this.value = negative ? -0 : 0;
    } else if (significant <= 15 && power >= -22 && power <= 22) {
      const magnitude = power >= 0 ? mantissa * POW10[power] : mantissa / POW10[-power];
      this.value = negative ? -magnitude : magnitude;
    } else {
      this.value = Number(text.slice(pos, i));
    }
    return i;
  }

  private scanSpecial(pos: number, negative: boolean): number {
    const text = this.text;
    if (matchWord(text, pos, 'nan')) {
      this.value = NaN;
      return pos + 3;
    }
    if (matchWord(text, pos, 'infinity')) {
      this.value = negative ? -Infinity : Infinity;
      return pos + 8;
    }
    if (matchWord(text, pos, 'inf')) {
      this.value = negative ? -Infinity : Infinity;
      return pos + 3;
    }
    return -1;
  }
}
