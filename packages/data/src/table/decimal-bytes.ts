// parseDecimal on a cell's bytes, without making a string of it: most cells of a large table are numbers,
// and a string per cell was most of the time and memory of reading one. The grammar is parseDecimal's
// exactly; the value is Number()'s exactly (see decimalFromBytes).

/** Exact powers of ten: every 10^k for k <= 22 is a double without rounding. */
const POW10 = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));

/** Digits beyond which the mantissa may not be exact in a double (10^15 < 2^53). A digit is (byte - '0') >>> 0 < 10. */
const MAX_EXACT_DIGITS = 15;

const PLUS = 0x2b;
const MINUS = 0x2d;
const DOT = 0x2e;
const ZERO = 0x30;

/**
 * Reads the decimal literal that starts at `start`, stopping at `limit` or at the first byte the grammar
 * cannot take; `end` is then where it stopped. The value is NaN where the bytes read are no complete
 * literal. A literal of at most 15 digits whose decimal exponent is within +-22 is one exact
 * integer times or divided by one exact power of ten, which IEEE arithmetic rounds correctly, so the value
 * equals Number()'s (the fast path every common cell takes); any other literal is handed to Number().
 */
export class DecimalScanner {
  /** Where the last scan stopped. */
  end = 0;

  scan(bytes: Uint8Array, start: number, limit: number): number {
    let i = start;
    const negative = bytes[i] === MINUS;
    if (i < limit && (negative || bytes[i] === PLUS)) i++;
    // Every digit goes into the mantissa; past 15 of them (leading zeros included) it may be inexact, and
    // the literal is handed to Number() below instead.
    let mantissa = 0;
    let scale = 0; // the decimal exponent the mantissa's digits carry
    let digits = 0;
    let d: number;
    while (i < limit && (d = (bytes[i]! - ZERO) >>> 0) < 10) {
      mantissa = mantissa * 10 + d;
      digits++;
      i++;
    }
    if (i < limit && bytes[i] === DOT) {
      i++;
      const fractionStart = i;
      while (i < limit && (d = (bytes[i]! - ZERO) >>> 0) < 10) {
        mantissa = mantissa * 10 + d;
        i++;
      }
      scale = fractionStart - i;
      digits += i - fractionStart;
    }
    if (digits === 0) {
      this.end = i;
      return NaN;
    }
    // The exponent and the rare literals Number() must read are kept out of this loop's function, which
    // stays small enough for V8 to inline where cells are read.
    if (i < limit && (bytes[i]! | 0x20) === 0x65) return this.withExponent(bytes, start, i, limit, negative ? -mantissa : mantissa, digits, scale);
    this.end = i;
    return this.value(bytes, start, i, negative ? -mantissa : mantissa, digits, scale);
  }

  /** The literal's value from its signed mantissa, its digit count and its power of ten. */
  private value(bytes: Uint8Array, start: number, end: number, mantissa: number, digits: number, power: number): number {
    if (mantissa === 0) return mantissa; // -0 for '-0'
    if (digits <= MAX_EXACT_DIGITS && power >= -22 && power <= 22) return power >= 0 ? mantissa * POW10[power]! : mantissa / POW10[-power]!;
    let text = '';
    for (let k = start; k < end; k++) text += String.fromCharCode(bytes[k]!);
    const value = Number(text);
    return Number.isFinite(value) ? value : NaN;
  }

  /** The rest of a literal from its 'e' at `at`. */
  private withExponent(bytes: Uint8Array, start: number, at: number, limit: number, mantissa: number, digits: number, scale: number): number {
    let i = at + 1;
    const negative = bytes[i] === MINUS;
    if (i < limit && (negative || bytes[i] === PLUS)) i++;
    const expStart = i;
    let exponent = 0;
    let d: number;
    // Capped: beyond 1e6 the value is 0 or Infinity whatever the digits, and Number() decides it.
    while (i < limit && (d = (bytes[i]! - ZERO) >>> 0) < 10) {
      if (exponent < 1e6) exponent = exponent * 10 + d;
      i++;
    }
    this.end = i;
    if (i === expStart) return NaN;
    return this.value(bytes, start, i, mantissa, digits, scale + (negative ? -exponent : exponent));
  }
}

const scanner = new DecimalScanner();

/** parseDecimal(ASCII text of bytes[start, end)), with NaN for "not a decimal literal" (parseDecimal's undefined; it never returns NaN itself). */
export function decimalFromBytes(bytes: Uint8Array, start: number, end: number): number {
  const value = scanner.scan(bytes, start, end);
  return scanner.end === end ? value : NaN;
}
