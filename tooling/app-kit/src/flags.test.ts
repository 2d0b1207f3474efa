import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { collect, layerSizes, nameList, nonNegativeInt, oneOf, positiveInt } from './flags';
import { UsageError } from './usage-error';

describe('flag parsers', () => {
  it('positiveInt takes decimal integers >= 1 only', () => {
    const p = positiveInt('--epochs');
    expect(p('50')).toBe(50);
    expect(p(' 7 ')).toBe(7);
    for (const bad of ['0', '-1', '1.5', '1e3', '', 'x', '0x10', '99999999999999999999']) {
      expect(() => p(bad)).toThrow(new UsageError(`--epochs must be a positive integer, got '${bad}'`));
    }
  });

  it('nonNegativeInt allows 0', () => {
    expect(nonNegativeInt('--seed')('0')).toBe(0);
    expect(() => nonNegativeInt('--seed')('-2')).toThrow(/--seed must be a non-negative integer/);
    // Past 2^53-1 neighbouring integers are one double: two seeds would silently be one.
    expect(() => nonNegativeInt('--seed')('9007199254740993')).toThrow("--seed must be at most 9007199254740991 (2^53-1), got '9007199254740993'");
    expect(nonNegativeInt('--seed')('4294967296')).toBe(4294967296);
  });

  it('layerSizes reads 64 and 64,32', () => {
    const p = layerSizes('--hidden');
    expect(p('64')).toEqual([64]);
    expect(p('64, 32')).toEqual([64, 32]);
    for (const bad of ['', '64,', '0', '64;32', '6.4']) expect(() => p(bad)).toThrow(/--hidden must be layer sizes/);
  });

  it('oneOf and collect', () => {
    expect(oneOf('--optimizer', ['adam', 'sgd'])('sgd')).toBe('sgd');
    expect(() => oneOf('--optimizer', ['adam', 'sgd'])('Adam')).toThrow("--optimizer must be one of adam, sgd, got 'Adam'");
    const c = collect('--plugin');
    expect(c('b', c('a', undefined))).toEqual(['a', 'b']);
    expect(() => c('', undefined)).toThrow('--plugin must not be empty');
  });

  it('nameList takes names from the set, trimmed and once each, and names the first that is not', () => {
    const p = nameList('--suite', ['seed', 'mlp'] as const);
    expect(p('mlp, seed,mlp')).toEqual(['mlp', 'seed']);
    expect(() => p('seed,nope')).toThrow(new UsageError("--suite must be one or more of seed, mlp separated by commas, got 'nope'"));
    expect(() => p(' , ')).toThrow(new UsageError("--suite must be one or more of seed, mlp separated by commas, got ' , '"));
  });

  it('every integer flag reads decimal literals only: a hex, binary or octal literal is refused, never read as its value', () => {
    const parsers: [string, (v: string) => unknown][] = [
      ['--epochs', positiveInt('--epochs')],
      ['--seed', nonNegativeInt('--seed')],
      ['--hidden', layerSizes('--hidden')],
    ];
    const literal = fc.tuple(fc.integer({ min: 1, max: 2 ** 40 }), fc.constantFrom(['0x', 16], ['0X', 16], ['0b', 2], ['0o', 8]) as fc.Arbitrary<[string, number]>);
    fc.assert(
      fc.property(literal, fc.constantFrom(...parsers), ([n, [prefix, radix]], [flag, parse]) => {
        const text = `${prefix}${n.toString(radix)}`;
        expect(() => parse(text)).toThrow(new RegExp(`^${flag} must be .*'${text}'`));
      }),
      { numRuns: 500 },
    );
  });
});
