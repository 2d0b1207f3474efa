// Flag value parsers for commander's argParser: each checks one flag's value and says what is wrong with
// it, naming the flag.
// Every number is read by @lrkit/data's parseDecimal, the grammar CSV cells are read in too: decimal
// literals only, so '--lr 0x10' is refused as '--epochs 0x10' is, instead of training at 16.
import { parseDecimal } from '@lrkit/data';
import { UsageError } from './usage-error';

function show(value: string): string {
  return `'${value}'`;
}

/** An integer >= 1 written in decimal (no '1e3', no '2.0', no sign). */
export function positiveInt(flag: string): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < 1) {
      throw new UsageError(`${flag} must be a positive integer, got ${show(value)}`);
    }
    return n;
  };
}

/** An integer >= 0 (seeds, step counts), at most 2^53-1: every seed in that range is its own stream. */
export function nonNegativeInt(flag: string): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim())) throw new UsageError(`${flag} must be a non-negative integer, got ${show(value)}`);
    if (!Number.isSafeInteger(n)) {
      throw new UsageError(`${flag} must be at most ${Number.MAX_SAFE_INTEGER} (2^53-1), got ${show(value)}`);
    }
    return n;
  };
}

/** A finite number > 0 (learning rates): '1e-3', '0.01'. */
export function positiveNumber(flag: string): (value: string) => number {
  return (value) => {
    const n = parseDecimal(value.trim());
    if (n === undefined || n <= 0) throw new UsageError(`${flag} must be a positive decimal number (e.g. 0.001 or 1e-3), got ${show(value)}`);
    return n;
  };
}

/** A finite number >= 0 (weight decay): '0', '1e-4'. */
export function nonNegativeNumber(flag: string): (value: string) => number {
  return (value) => {
    const n = parseDecimal(value.trim());
    if (n === undefined || n < 0) throw new UsageError(`${flag} must be a decimal number from 0 (e.g. 0.01 or 1e-4), got ${show(value)}`);
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
      throw new UsageError(`${flag} must be ${what}, got ${show(value)}`);
    }
    return count === undefined && numbers.length === 1 ? numbers[0]! : numbers;
  };
}

/** A fraction: a decimal number below 1, above 0 or, where `zero`, from 0 ('0.2'). */
export function fraction(flag: string, zero: boolean): (value: string) => number {
  return (value) => {
    const n = parseDecimal(value.trim()) ?? Number.NaN;
    if (!(n < 1 && (zero ? n >= 0 : n > 0))) throw new UsageError(`${flag} must be a number ${zero ? 'from 0' : 'above 0'} and below 1, got ${show(value)}`);
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

/** One of a fixed set of names. */
export function oneOf<T extends string>(flag: string, choices: readonly T[]): (value: string) => T {
  return (value) => {
    if (!(choices as readonly string[]).includes(value)) {
      throw new UsageError(`${flag} must be one of ${choices.join(', ')}, got ${show(value)}`);
    }
    return value as T;
  };
}

/** One or more of a fixed set of names, separated by commas; duplicates dropped, order kept. */
export function nameList<T extends string>(flag: string, choices: readonly T[]): (value: string) => T[] {
  return (value) => {
    const items = value.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
    const bad = items.length === 0 ? value : items.find((item) => !(choices as readonly string[]).includes(item));
    if (bad !== undefined) throw new UsageError(`${flag} must be one or more of ${choices.join(', ')} separated by commas, got ${show(bad)}`);
    return [...new Set(items)] as T[];
  };
}

/** Layer sizes: '64' or '64,32'. */
export function layerSizes(flag: string): (value: string) => number[] {
  return (value) => {
    const parts = value.split(',').map((p) => p.trim());
    const sizes = parts.map(Number);
    if (parts.some((p) => !/^\d+$/.test(p)) || sizes.some((n) => !Number.isSafeInteger(n) || n < 1)) {
      throw new UsageError(
        `${flag} must be layer sizes, positive integers separated by commas (e.g. 64 or 64,32), got ${show(value)}`,
      );
    }
    return sizes;
  };
}

/** A non-empty string. */
export function nonEmpty(flag: string): (value: string) => string {
  return (value) => {
    if (value.trim() === '') throw new UsageError(`${flag} must not be empty`);
    return value;
  };
}

/** For repeatable flags: appends each value to the list (after checking it is not empty). */
export function collect(flag: string): (value: string, previous: string[] | undefined) => string[] {
  const check = nonEmpty(flag);
  return (value, previous) => [...(previous ?? []), check(value)];
}
