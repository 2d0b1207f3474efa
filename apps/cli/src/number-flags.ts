// The CLI's parsers of decimal-number flags, for commander's argParser. Every number is read by
// @lrkit/data's parseDecimal, the grammar CSV cells are read in too: decimal literals only, so '--lr 0x10' is
// refused as '--epochs 0x10' is, instead of training at 16.
import { UsageError } from '@lrkit/app-kit';
import { parseDecimal } from '@lrkit/data';

/** A finite number > 0 (learning rates): '1e-3', '0.01'. */
export function positiveNumber(flag: string): (value: string) => number {
  return (value) => {
    const n = parseDecimal(value.trim());
    if (n === undefined || n <= 0) throw new UsageError(`${flag} must be a positive decimal number (e.g. 0.001 or 1e-3), got '${value}'`);
    return n;
  };
}

/** A finite number >= 0 (weight decay): '0', '1e-4'. */
export function nonNegativeNumber(flag: string): (value: string) => number {
  return (value) => {
    const n = parseDecimal(value.trim());
    if (n === undefined || n < 0) throw new UsageError(`${flag} must be a decimal number from 0 (e.g. 0.01 or 1e-4), got '${value}'`);
    return n;
  };
}

/**
 * Numbers from 0 and below 1 separated by commas: exactly `count` of them where given (Adam's betas '0.9,0.999'),
 * else one or more (dropout rates '0.2' or '0.2,0.1'); one alone, without `count`, is read as a number.
 */
export function fractions(flag: string, count?: number): (value: string) => number | number[] {
  return (value) => {
    const parts = value.split(',').map((p) => p.trim());
    const what = count === undefined ? 'a number from 0 and below 1, or several separated by commas' : `${count} numbers from 0 and below 1 separated by commas`;
    const numbers = parts.map((p) => parseDecimal(p) ?? Number.NaN);
    if ((count !== undefined && parts.length !== count) || numbers.some((n) => !(n >= 0 && n < 1))) {
      throw new UsageError(`${flag} must be ${what}, got '${value}'`);
    }
    return count === undefined && numbers.length === 1 ? numbers[0]! : numbers;
  };
}

/** A fraction: a decimal number below 1, above 0 or, where `zero`, from 0 ('0.2'). */
export function fraction(flag: string, zero: boolean): (value: string) => number {
  return (value) => {
    const n = parseDecimal(value.trim()) ?? Number.NaN;
    if (!(n < 1 && (zero ? n >= 0 : n > 0))) throw new UsageError(`${flag} must be a number ${zero ? 'from 0' : 'above 0'} and below 1, got '${value}'`);
    return n;
  };
}

/** Comma-separated finite decimal numbers, each at least `min` where given; errors name the flag and the item. */
export function numberList(flag: string, what: string, min?: number): (value: string) => number[] {
  return (value) => {
    const parts = value.split(',').map((p) => p.trim());
    return parts.map((p, i) => {
      const n = parseDecimal(p);
      if (n === undefined || (min !== undefined && n < min)) {
        throw new UsageError(`${flag} must be ${what} separated by commas, got '${p}'${parts.length > 1 ? ` (item ${i + 1})` : ''}`);
      }
      return n;
    });
  };
}
