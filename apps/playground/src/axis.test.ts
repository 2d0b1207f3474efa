import { describe, expect, it } from 'vitest';
import { axisName } from './axis.js';

describe('axisName', () => {
  it('counts epochs where every spec steps per epoch, optimizer steps where every spec steps per step', () => {
    expect(axisName([[0, 'epoch'], [1, 'epoch']])).toEqual({ label: 'epoch (step() once per epoch)', unit: 'epoch' });
    expect(axisName([[0, 'step']])).toEqual({ label: 'optimizer step (step() once per step)', unit: 'step' });
    expect(axisName([]).unit).toBe('step');
  });

  it('says which spec counts what when both are overlaid', () => {
    expect(axisName([[0, 'epoch'], [1, 'step'], [3, 'epoch']])).toEqual({
      label: 'step() calls: per epoch for #1, #4, per optimizer step for #2',
      unit: 'call',
    });
  });
});
