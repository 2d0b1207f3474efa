import type { Field } from '../spec/schema.js';
import type { BuiltinSchedule } from '../node.js';
import { ChainableNode } from './chainable.js';

/** PyTorch ExponentialLR: multiply by gamma every step. */
class ExponentialNode extends ChainableNode<{ gamma: number }> {
  protected computeLr(lr: Float64Array): void {
    if (this.lastEpoch === 0) return;
    const gamma = this.nums.gamma;
    for (let i = 0; i < lr.length; i++) lr[i] = lr[i]! * gamma;
  }
  protected override closedForm(lr: Float64Array): void {
    const gamma = this.nums.gamma;
    for (let i = 0; i < lr.length; i++) lr[i] = this.baseLrs[i]! * gamma ** this.lastEpoch;
  }
}

/** exponential's options: they validate specs, fill defaults, document, and type ScheduleSpec. */
export const exponentialFields = [{ name: 'gamma', type: 'number', required: true, above: 0, description: 'multiplicative factor per step' }] as const satisfies readonly Field[];

export const exponentialSchedule: BuiltinSchedule = {
  name: 'exponential',
  description: 'PyTorch ExponentialLR: multiply the rate by gamma every step',
  source: 'builtin',
  json: true,
  fields: exponentialFields,
  rateOptions: ['gamma'],
  interval: () => 'epoch',
  build(o, ctx) {
    return new ExponentialNode(ctx.groups, { gamma: o.gamma as number });
  },
};
