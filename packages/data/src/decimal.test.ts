import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDecimal } from './decimal';

describe('parseDecimal: decimal literals only', () => {
  it('reads back every finite double as JavaScript writes it', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        // String(-0) is '0', so -0 reads back as 0.
        expect(parseDecimal(String(x))).toBe(Object.is(x, -0) ? 0 : x);
      }),
      { numRuns: 2000 },
    );
  });

  it('agrees with Number() on everything it accepts', () => {
    const decimalish = fc.stringMatching(/^[+-]?\d{0,4}\.?\d{0,4}(?:[eE][+-]?\d{1,3})?$/);
    fc.assert(
      fc.property(decimalish, (text) => {
        const value = parseDecimal(text);
        if (value !== undefined) expect(value).toBe(Number(text));
        else expect(!/\d/.test(text) || !Number.isFinite(Number(text))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses hex, binary and octal literals, which Number() reads', () => {
    fc.assert(
      fc.property(fc.nat(), fc.constantFrom(['0x', 16], ['0X', 16], ['0b', 2], ['0o', 8]), (n, [prefix, radix]) => {
        const text = `${prefix}${n.toString(radix)}`;
        expect(Number.isFinite(Number(text))).toBe(true);
        expect(parseDecimal(text)).toBeUndefined();
      }),
    );
    for (const text of ['0x1F', '0b101', '0o17', '0x10']) expect(parseDecimal(text)).toBeUndefined();
  });

  it('refuses what is not a finite number: empty, spaces, Infinity, NaN, 1e999, separators', () => {
    for (const text of ['', ' ', ' 1', '1 ', 'Infinity', '-Infinity', 'NaN', '1e999', '-1e400', '1_000', '1,5', '.', 'e5', '1e', '--1', '+']) {
      expect(parseDecimal(text), text).toBeUndefined();
    }
    expect(parseDecimal('-.5')).toBe(-0.5);
    expect(parseDecimal('+2.')).toBe(2);
    expect(parseDecimal('1e308')).toBe(1e308);
  });
});
