// Flag value parsers for commander's argParser: each checks one flag's value and says what is wrong with
// it, naming the flag. Integers are decimal digits only ('0x10' is refused, not read as 16); the parsers of
// decimal fractions live in the CLI, beside @lrkit/data's grammar that reads them.
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

/** A TCP port to listen on: 0 (any free port, the system picks) to 65535. */
export function port(flag: string): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || n > 65535) throw new UsageError(`${flag} must be a port number from 0 to 65535, got ${show(value)}`);
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
