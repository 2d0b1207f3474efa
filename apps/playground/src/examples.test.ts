import { preview } from '@lrkit/schedulers';
import { describe, expect, it } from 'vitest';
import { EXAMPLES } from './examples.js';

describe('examples', () => {
  it('are valid specs for the default 100 steps, each a different schedule', () => {
    for (const e of EXAMPLES) expect(() => preview(e.spec, { steps: 100, lrs: [0.1] }), e.name).not.toThrow();
    expect(new Set(EXAMPLES.map((e) => JSON.stringify(e.spec))).size).toBe(EXAMPLES.length);
  });
});
