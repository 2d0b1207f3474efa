import { describe, expect, it } from 'vitest';
import { SHORT_DIGITS, formatValue } from './numbers.js';

describe('formatValue', () => {
  it('writes float noise away by default and keeps the exact text on demand', () => {
    const v = 0.1 * 0.1;
    expect(String(v)).toBe('0.010000000000000002');
    expect(formatValue(v, false)).toBe('0.01');
    expect(formatValue(v, true)).toBe('0.010000000000000002');
  });

  it('keeps SHORT_DIGITS significant digits, small and large, and every exact short value as it is', () => {
    expect(formatValue(0.0007432857037448455, false)).toBe('0.0007432857037');
    expect(formatValue(1e-7, false)).toBe('1e-7');
    expect(formatValue(123456789.123, false)).toBe('123456789.1');
    for (const v of [0, 0.1, 0.05, 1e-3, 2.5e-5, -0.25]) expect(formatValue(v, false)).toBe(String(v));
    expect(formatValue(1 / 3, false).replace(/^0\./, '').length).toBe(SHORT_DIGITS);
  });

  it('writes non-finite values as JavaScript does', () => {
    expect(formatValue(Number.NaN, false)).toBe('NaN');
    expect(formatValue(-Infinity, false)).toBe('-Infinity');
  });
});
