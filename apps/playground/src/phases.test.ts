import { describe, expect, it } from 'vitest';
import { phaseBoundaries } from './phases.js';
import { specLabel } from './run.js';

describe('phase boundaries', () => {
  it('marks sequential milestones, nested ones shifted to where their sequential starts, chained on one clock', () => {
    expect(phaseBoundaries({ type: 'step', stepSize: 3 })).toEqual([]);
    const inner = { type: 'sequential', milestones: [4], schedulers: [{ type: 'constant' }, { type: 'step', stepSize: 2 }] };
    expect(phaseBoundaries({ type: 'sequential', milestones: [10, 30], schedulers: [{ type: 'linear' }, inner, inner] })).toEqual([10, 14, 30, 34]);
    expect(phaseBoundaries({ type: 'chained', schedulers: [inner, { type: 'exponential', gamma: 0.9 }] })).toEqual([4]);
  });
  it('labels composites with their children', () => {
    expect(specLabel({ type: 'sequential', schedulers: [{ type: 'linear' }, { type: 'warmup', schedule: { type: 'step' } }] })).toBe('sequential(linear, warmup(step))');
    expect(specLabel([1])).toBe('not a spec');
  });
});
