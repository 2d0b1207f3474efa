// Flag value parsers: each checks one flag's value and says what is wrong with it, naming the flag.
import { UsageError } from './errors';

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

/** An integer >= 0 (seeds). */
export function nonNegativeInt(flag: string): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n)) {
      throw new UsageError(`${flag} must be a non-negative integer, got ${show(value)}`);
    }
    return n;
  };
}

/** A finite number > 0 (learning rates): '1e-3', '0.01'. */
export function positiveNumber(flag: string): (value: string) => number {
  return (value) => {
    const n = value.trim() === '' ? Number.NaN : Number(value);
    if (!Number.isFinite(n) || n <= 0) throw new UsageError(`${flag} must be a positive number, got ${show(value)}`);
    return n;
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
