// The correctly rounded double of a decimal with 16 to 19 significant digits
// and a power of ten within ±22 (how doubles print in full: "0.10000000149011612"),
// without Number()'s string round trip. The digits are held exactly as a
// double-double, scaled by an exact power of ten in double-double arithmetic
// (error below 2^-98 of the value), and the rounding to one double is accepted
// only when that error cannot reach the midpoint between two doubles.
// Otherwise it answers -1 and the caller asks Number().

const POW10 = [
  1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];
const SPLITTER = 134217729; // 2^27 + 1, Dekker's split
const ERROR_BOUND = 2 ** -98;

const bits = new Float64Array(1);
const words = new Uint32Array(bits.buffer);
// Which word holds the sign and exponent depends on the platform's byte order.
const HIGH = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;
/** 2^(k - 1074) for every biased exponent k: the ulp of a double, by table. */
const POW2 = Float64Array.from({ length: 2046 + 1 }, (_, k) => 2 ** (k - 1074));

/**
 * @param head the leading (up to 15) significant digits as an integer
 * @param tail the remaining digits as an integer
 * @param tailDigits how many digits `tail` holds (0 to 4)
 * @param power the power of ten applied to the whole digit string, -22 to 22
 * @returns the magnitude, correctly rounded, or -1 when too close to call
 *
 * The error-free transformations (Dekker's product, Knuth's sum) are written
 * out inline: helpers returning pairs would allocate on every number.
 */
export function exactDecimal(head: number, tail: number, tailDigits: number, power: number): number {
  // The digit string exactly, as mh + ml: head * 10^tailDigits + tail.
  const tens = POW10[tailDigits];
  const p = head * tens;
  let t = SPLITTER * head;
  const headHigh = t - (t - head);
  const headLow = head - headHigh;
  t = SPLITTER * tens;
  const tensHigh = t - (t - tens);
  const tensLow = tens - tensHigh;
  const pLow = headHigh * tensHigh - p + headHigh * tensLow + headLow * tensHigh + headLow * tensLow;
  let s = p + tail;
  let v = s - p;
  const e = p - (s - v) + (tail - v) + pLow;
  const mh = s + e; // renormalize
  const ml = e - (mh - s);

  let xh: number;
  let xl: number;
  if (power >= 0) {
    const scale = POW10[power];
    const q = mh * scale;
    t = SPLITTER * mh;
    const mHigh = t - (t - mh);
    const mLow = mh - mHigh;
    t = SPLITTER * scale;
    const sHigh = t - (t - scale);
    const sLow = scale - sHigh;
    xh = q;
    xl = mHigh * sHigh - q + mHigh * sLow + mLow * sHigh + mLow * sLow + ml * scale;
  } else {
    // Long division in double-double: q1 + (m - q1 * d) / d.
    const divisor = POW10[-power];
    const q1 = mh / divisor;
    const qd = q1 * divisor;
    t = SPLITTER * q1;
    const qHigh = t - (t - q1);
    const qLow = q1 - qHigh;
    t = SPLITTER * divisor;
    const dHigh = t - (t - divisor);
    const dLow = divisor - dHigh;
    const qdLow = qHigh * dHigh - qd + qHigh * dLow + qLow * dHigh + qLow * dLow;
    xh = q1;
    xl = (mh - qd - qdLow + ml) / divisor;
  }
  s = xh + xl;
  v = s - xh;
  const excess = xh - (s - v) + (xl - v); // value ≈ s + excess, |excess| <= half an ulp of s
  bits[0] = s;
  const exponent = (words[HIGH] >>> 20) & 0x7ff;
  if (exponent === 0 || exponent === 0x7ff) return -1; // subnormal or overflow: not for this path
  const ulp = POW2[exponent - 1075 + 1074];
  const mantissaIsZero = (words[HIGH] & 0xfffff) === 0 && words[1 - HIGH] === 0;
  // Below a power of two the neighbouring double is only half an ulp away.
  const gap = excess < 0 && mantissaIsZero ? ulp / 2 : ulp;
  return Math.abs(excess) + s * ERROR_BOUND < gap / 2 ? s : -1;
}
