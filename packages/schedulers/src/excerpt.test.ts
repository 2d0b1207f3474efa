import { describe, expect, it } from 'vitest';
import { EXCERPT_CHARS, excerpt, showValue } from './excerpt.js';

describe('excerpt and showValue: messages quote a short excerpt of input', () => {
  it('keeps short text whole and cuts long text to its start and length', () => {
    expect(excerpt('abc')).toBe('abc');
    expect(excerpt('a'.repeat(EXCERPT_CHARS))).toBe('a'.repeat(EXCERPT_CHARS));
    expect(excerpt('a'.repeat(50_000_000))).toBe(`${'a'.repeat(EXCERPT_CHARS)}… (50000000 characters)`);
    // Never half a surrogate pair.
    expect(excerpt(`${'a'.repeat(EXCERPT_CHARS - 1)}😀😀`)).toBe(`${'a'.repeat(EXCERPT_CHARS - 1)}… (${EXCERPT_CHARS + 3} characters)`);
  });

  it('shows any value by what it is, bounded', () => {
    expect(showValue('x')).toBe('"x"');
    expect(showValue(Number.NaN)).toBe('NaN');
    expect(showValue(-Infinity)).toBe('-Infinity');
    expect(showValue(undefined)).toBe('undefined');
    expect(showValue(() => 1)).toBe('a function');
    expect(showValue(10n)).toBe('10n');
    expect(showValue({ a: [1, 2] })).toBe('{"a":[1,2]}');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(showValue(cyclic)).toBe('[object Object]');
    expect(showValue('y'.repeat(1e6))).toBe(`"${'y'.repeat(EXCERPT_CHARS)}"… (1000000 characters)`);
    expect(showValue({ big: 'z'.repeat(1e6) }).length).toBeLessThan(100);
  });
});

describe('schedule spec errors quote a short excerpt', () => {
  it('a huge unknown option, schedule type or string value', async () => {
    const { validateSpec } = await import('./index.js');
    const huge = 'k'.repeat(1_000_000);
    const message = (spec: unknown) => {
      try {
        validateSpec(spec);
      } catch (e) {
        return (e as Error).message;
      }
      throw new Error('accepted');
    };
    for (const spec of [{ type: 'step', stepSize: 2, [huge]: 1 }, { type: huge }, { type: 'step', stepSize: huge }, { type: 'step', stepSize: 2, interval: huge }]) {
      expect(message(spec).length).toBeLessThan(600);
    }
    expect(message({ type: huge })).toMatch(/^schedule\.type: unknown schedule 'k{60}… \(1000000 characters\)'; known: /);
  });
});
