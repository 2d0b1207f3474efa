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

describe('excerpt writes what a terminal would hide or act on as escapes', () => {
  it('names carriage returns, tabs and newlines, and escapes ESC, C1, zero-width and direction marks', () => {
    expect(excerpt('species\r')).toBe('species\\r');
    expect(excerpt('a\tb\nc')).toBe('a\\tb\\nc');
    // An ESC would start a terminal command (here: red text) when the message is printed.
    expect(excerpt('x\u001b[31mred')).toBe('x\\u001b[31mred');
    expect(excerpt('\u0085\u200bz\u202e\ufeff')).toBe('\\u0085\\u200bz\\u202e\\ufeff');
  });

  it('leaves printable text as it is, and counts the original length when it cuts', () => {
    expect(excerpt('ok é 漢 😀')).toBe('ok é 漢 😀');
    expect(excerpt(`\r${'a'.repeat(100)}`, 10)).toBe(`\\r${'a'.repeat(9)}… (101 characters)`);
  });
});
