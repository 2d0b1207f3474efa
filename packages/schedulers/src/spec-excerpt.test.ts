import { describe, expect, it } from 'vitest';

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
