import { describe, expect, it } from 'vitest';
import { UsageError } from './errors';
import { collect, layerSizes, nonNegativeInt, oneOf, positiveInt, positiveNumber } from './options';

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
  });

  it('positiveNumber takes finite numbers > 0', () => {
    const p = positiveNumber('--lr');
    expect(p('1e-3')).toBe(0.001);
    expect(p('.5')).toBe(0.5);
    for (const bad of ['0', '-1e-3', 'Infinity', 'NaN', '', ' ']) expect(() => p(bad)).toThrow(/--lr must be a positive decimal number/);
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
});
