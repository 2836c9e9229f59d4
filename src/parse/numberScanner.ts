// Reads one number starting at a given index, without allocating: the hot loop
// of every format calls this once per value.
//
// Exactness: the result always equals Number(token) (or, for float32 output,
// rounds to the same float32). Decimals whose digits make an integer below
// 2^53, with a power of ten within ±22, take Clinger's fast path (an exact
// integer times or divided by an exact power of ten: one correctly rounded
// operation). Doubles printed in full (16 to 19 digits) go through an exact
// double-double computation (exactDecimal.ts); float32 output has a cheaper
// bracketing shortcut. Whatever none of these can settle goes to Number().

import { exactDecimal } from './exactDecimal';
import type { OverflowLog } from './overflow';

const POW10 = [
  1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

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

/** Relative error bound of the float32 shortcut's approximation, with a wide margin (see scan()). */
const APPROXIMATION_MARGIN = 2 ** -44;

/** The largest finite float32; a value above it may round to Infinity in float32 (OverflowLog decides). */
const FLOAT32_MAX = 3.4028234663852886e38;

export class NumberScanner {
  /** The value of the number the last successful scan() read. */
  value = 0;

  /**
   * @param roundsToFloat32 the values will be stored as float32: value need only
   * round to the same float32 as Number(token) (it is then that float32 itself).
   * @param overflows where the first number too large for float32 (and float64) is noted.
   */
  constructor(
    private text: string,
    private readonly roundsToFloat32 = false,
    private readonly overflows?: OverflowLog,
  ) {}

  /** Reads from `text` from now on: the next window of a text that arrives in slices. */
  moveTo(text: string): void {
    this.text = text;
  }

  /**
   * Reads a number at `pos`: an optional sign, then digits with an optional
   * fraction and exponent ("1", "-2.5", "1.", ".5", "3e-7", "1.e+10"), or
   * nan / inf / infinity in any case (NaN, Infinity, -inf as Python and JS
   * print them). Returns the index just past it, or -1 if no number starts there.
   * An "e" without exponent digits is not consumed ("1e" ends after "1").
   */
  scan(pos: number): number {
    // Past the end charCodeAt gives NaN, which fails every comparison below:
    // no bounds checks needed.
    const text = this.text;
    let i = pos;
    let c = text.charCodeAt(i);
    let negative = false;
    if (c === 45 || c === 43) {
      negative = c === 45;
      c = text.charCodeAt(++i);
    }
    // The digits, as one integer: exact while it stays below 2^53 (every
    // partial value is smaller, so none of them was rounded either).
    let mantissa = 0;
    const wholeStart = i;
    while (c >= 48 && c <= 57) {
      mantissa = mantissa * 10 + (c - 48);
      c = text.charCodeAt(++i);
    }
    const wholeDigits = i - wholeStart;
    let fractionDigits = 0;
    if (c === 46) {
      const fractionStart = i + 1;
      let j = fractionStart;
      let d = text.charCodeAt(j);
      while (d >= 48 && d <= 57) {
        mantissa = mantissa * 10 + (d - 48);
        d = text.charCodeAt(++j);
      }
      fractionDigits = j - fractionStart;
      // "." alone (or the first dot of "...") is not a number.
      if (wholeDigits === 0 && fractionDigits === 0) return -1;
      i = j;
      c = d;
    } else if (wholeDigits === 0) {
      return this.scanSpecial(i, negative);
    }
    let exponent = 0;
    if (c === 101 || c === 69) {
      let j = i + 1;
      let d = text.charCodeAt(j);
      let exponentNegative = false;
      if (d === 45 || d === 43) {
        exponentNegative = d === 45;
        d = text.charCodeAt(++j);
      }
      if (d >= 48 && d <= 57) {
        while (d >= 48 && d <= 57) {
          // Capped: beyond this the value is 0 or Infinity anyway, and the slow path decides.
          if (exponent < 100000) exponent = exponent * 10 + (d - 48);
          d = text.charCodeAt(++j);
        }
        if (exponentNegative) exponent = -exponent;
        i = j;
      }
    }
    const power = exponent - fractionDigits;
    if (mantissa === 0) {
      this.value = negative ? -0 : 0;
    } else if (mantissa < 9007199254740992 && power >= -22 && power <= 22) {
      // Clinger's fast path: an exact integer and an exact power of ten, one rounding.
      const magnitude = power >= 0 ? mantissa * POW10[power] : mantissa / POW10[-power];
      this.value = negative ? -magnitude : magnitude;
    } else if (this.roundsToFloat32 && wholeDigits + fractionDigits <= 40 && power >= -44 && power <= 44) {
      // Long mantissas (doubles printed in full, "0.10000000149011612") and
      // small exponents: an approximation within APPROXIMATION_MARGIN of the
      // exact value (at most 40 roundings of 2^-53 while accumulating digits,
      // two more scaling). Rounding is monotone, so when both ends of that
      // interval round to the same float32, so does the exact value and so
      // does Number(token). Otherwise (a value near a float32 tie, or near the
      // float32 overflow) ask Number().
      const magnitude =
        power >= 0
          ? power <= 22
            ? mantissa * POW10[power]
            : mantissa * POW10[22] * POW10[power - 22]
          : power >= -22
            ? mantissa / POW10[-power]
            : mantissa / POW10[22] / POW10[-power - 22];
      const margin = magnitude * APPROXIMATION_MARGIN;
      const low = Math.fround(magnitude - margin);
      if (low === Math.fround(magnitude + margin)) {
        this.value = negative ? -low : low;
      } else {
        this.value = Number(text.slice(pos, i));
      }
    } else {
      const exact = power >= -22 && power <= 22 ? this.longMantissa(pos, i, power) : -1;
      if (exact >= 0) this.value = negative ? -exact : exact;
      else this.value = Number(text.slice(pos, i));
    }
    // Only the slow paths above can leave float32's range (see overflow.ts).
    if (this.overflows && !(Math.abs(this.value) <= FLOAT32_MAX)) this.overflows.note(this.value, pos, i);
    return i;
  }

  /** 16 to 19 significant digits, exactly (see exactDecimal), or -1 for Number() to decide. */
  private longMantissa(start: number, end: number, power: number): number {
    const text = this.text;
    let head = 0;
    let headDigits = 0;
    let tail = 0;
    let tailDigits = 0;
    for (let k = start; k < end; k++) {
      const c = text.charCodeAt(k);
      if (c === 101 || c === 69) break;
      if (c < 48 || c > 57) continue; // the sign and the dot
      const digit = c - 48;
      if (headDigits < 15) {
        if (head !== 0 || digit !== 0) {
          head = head * 10 + digit;
          headDigits++;
        }
      } else if (tailDigits < 4) {
        tail = tail * 10 + digit;
        tailDigits++;
      } else {
        return -1;
      }
    }
    return exactDecimal(head, tail, tailDigits, power);
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
