// parseDecimal on a cell's bytes, without making a string of it: most cells of a large table are numbers,
// and a string per cell was most of the time and memory of reading one. The grammar is parseDecimal's
// exactly; the value is Number()'s exactly (see decimalFromBytes).

/** Exact powers of ten: every 10^k for k <= 22 is a double without rounding. */
const POW10 = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));

/** Digits beyond which the mantissa may not be exact in a double (10^15 < 2^53). */
const MAX_EXACT_DIGITS = 15;

const PLUS = 0x2b;
const MINUS = 0x2d;
const DOT = 0x2e;
const ZERO = 0x30;

function digitAt(bytes: Uint8Array, i: number): number {
  return (bytes[i]! - ZERO) >>> 0; // 0-9 for a digit, a large number for anything else
}

/**
 * parseDecimal(ASCII text of bytes[start, end)), with NaN for "not a decimal literal" (parseDecimal's
 * undefined; it never returns NaN itself). A literal of at most 15 significant digits whose decimal
 * exponent is within +-22 is one exact integer times or divided by one exact power of ten, which IEEE
 * arithmetic rounds correctly, so the result equals Number()'s (the fast path every common cell takes);
 * any other literal is handed to Number() as text.
 */
export function decimalFromBytes(bytes: Uint8Array, start: number, end: number): number {
  let i = start;
  const negative = bytes[i] === MINUS;
  if (negative || bytes[i] === PLUS) i++;
  let mantissa = 0;
  let significant = 0;
  let scale = 0; // the decimal exponent the mantissa's digits carry
  let digits = 0;
  let d: number;
  while (i < end && (d = digitAt(bytes, i)) < 10) {
    if (significant > 0 || d !== 0) {
      if (significant < MAX_EXACT_DIGITS) mantissa = mantissa * 10 + d;
      else scale++;
      significant++;
    }
    digits++;
    i++;
  }
  if (i < end && bytes[i] === DOT) {
    i++;
    while (i < end && (d = digitAt(bytes, i)) < 10) {
      if (significant > 0 || d !== 0) {
        if (significant < MAX_EXACT_DIGITS) {
          mantissa = mantissa * 10 + d;
          scale--;
        }
        significant++;
      } else scale--;
      digits++;
      i++;
    }
  }
  if (digits === 0) return NaN;
  let exponent = 0;
  if (i < end && (bytes[i]! | 0x20) === 0x65) {
    i++;
    const expNegative = bytes[i] === MINUS;
    if (expNegative || bytes[i] === PLUS) i++;
    const expStart = i;
    // Capped: beyond 1e6 the value is 0 or Infinity whatever the digits, and Number() decides it below.
    while (i < end && (d = digitAt(bytes, i)) < 10) {
      if (exponent < 1e6) exponent = exponent * 10 + d;
      i++;
    }
    if (i === expStart) return NaN;
    if (expNegative) exponent = -exponent;
  }
  if (i !== end) return NaN;
  if (mantissa === 0) return negative ? -0 : 0;
  const power = scale + exponent;
  if (significant <= MAX_EXACT_DIGITS && power >= -22 && power <= 22) {
    const value = power >= 0 ? mantissa * POW10[power]! : mantissa / POW10[-power]!;
    return negative ? -value : value;
  }
  let text = '';
  for (let k = start; k < end; k++) text += String.fromCharCode(bytes[k]!);
  const value = Number(text);
  return Number.isFinite(value) ? value : NaN;
}
