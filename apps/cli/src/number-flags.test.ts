import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UsageError } from '@lrkit/app-kit';
import { fraction, numberList, positiveNumber } from './number-flags';

describe('decimal-number flags', () => {
  it('positiveNumber takes finite numbers > 0', () => {
    const p = positiveNumber('--lr');
    expect(p('1e-3')).toBe(0.001);
    expect(p('.5')).toBe(0.5);
    for (const bad of ['0', '-1e-3', 'Infinity', 'NaN', '', ' ']) expect(() => p(bad)).toThrow(/--lr must be a positive decimal number/);
  });

  it('fraction takes decimals below 1, from 0 only where allowed', () => {
    expect(fraction('--val-fraction', true)('0')).toBe(0);
    expect(fraction('--test-fraction', false)(' .25 ')).toBe(0.25);
    expect(() => fraction('--test-fraction', false)('0')).toThrow(new UsageError("--test-fraction must be a number above 0 and below 1, got '0'"));
    for (const bad of ['1', '-0.1', '0x0', 'NaN', '']) expect(() => fraction('--val-fraction', true)(bad)).toThrow(/^--val-fraction must be a number from 0 and below 1, got/);
  });

  it('numberList names the flag and the item it cannot read', () => {
    expect(numberList('--lr', 'rates >= 0', 0)('0.1, 0')).toEqual([0.1, 0]);
    expect(() => numberList('--lr', 'rates >= 0', 0)('0.1,-1')).toThrow(new UsageError("--lr must be rates >= 0 separated by commas, got '-1' (item 2)"));
  });

  it('reads decimal literals only: a hex, binary or octal literal is refused, never read as its value', () => {
    for (const text of ['0x10', '0X1f', '0b101', '0o17', 'Infinity']) {
      expect(() => positiveNumber('--lr')(text)).toThrow(new UsageError(`--lr must be a positive decimal number (e.g. 0.001 or 1e-3), got '${text}'`));
      expect(() => numberList('--momentum', 'numbers')(`0.9,${text}`)).toThrow(new UsageError(`--momentum must be numbers separated by commas, got '${text}' (item 2)`));
    }
  });

  it('positiveNumber and numberList read every positive decimal as Number() does', () => {
    const p = positiveNumber('--lr');
    const list = numberList('--momentum', 'numbers');
    fc.assert(
      fc.property(fc.double({ min: Number.MIN_VALUE, noNaN: true, noDefaultInfinity: true }), (x) => {
        expect(p(String(x))).toBe(x);
        expect(list(`${x}, ${-x}`)).toEqual([x, -x]);
      }),
      { numRuns: 500 },
    );
  });
});
