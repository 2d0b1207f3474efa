import { describe, expect, it } from 'vitest';
import { lrkitCommand, shellWord } from './command.js';

describe('lrkit command', () => {
  it('writes the flags of lrkit schedule, quoting the spec for the shell', () => {
    expect(lrkitCommand({ type: 'step', stepSize: 3 }, { steps: 20, lrs: [0.1, 0.01], momentum: 0 })).toBe(
      `lrkit schedule --spec '{"type":"step","stepSize":3}' --steps 20 --lr 0.1,0.01 --format csv`,
    );
    expect(lrkitCommand({ type: 'reduce-on-plateau' }, { steps: 2, lrs: [1], momentum: [0.9], metrics: [1, 0.5] })).toBe(
      `lrkit schedule --spec '{"type":"reduce-on-plateau"}' --steps 2 --lr 1 --momentum 0.9 --metrics 1,0.5 --format csv`,
    );
    expect(shellWord("it's")).toBe(`'it'\\''s'`);
    expect(shellWord('0.1,0.01')).toBe('0.1,0.01');
  });
});
