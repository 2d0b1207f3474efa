import type { Field } from '../spec/schema.js';
import type { BuiltinSchedule } from '../node.js';
import { ChainableNode } from './chainable.js';

/** PyTorch StepLR: multiply by gamma every stepSize steps. */
class StepNode extends ChainableNode<{ stepSize: number; gamma: number }> {
  protected computeLr(lr: Float64Array): void {
    const { stepSize, gamma } = this.nums;
    if (this.lastEpoch === 0 || this.lastEpoch % stepSize !== 0) return;
    for (let i = 0; i < lr.length; i++) lr[i] = lr[i]! * gamma;
  }
  protected override closedForm(lr: Float64Array): void {
    const { stepSize, gamma } = this.nums;
    const e = Math.floor(this.lastEpoch / stepSize);
    for (let i = 0; i < lr.length; i++) lr[i] = this.baseLrs[i]! * gamma ** e;
  }
}

/** step's options: they validate specs, fill defaults, document, and type ScheduleSpec. */
export const stepFields = [
  { name: 'stepSize', type: 'integer', required: true, min: 1, description: 'period of the decay, in steps' },
  { name: 'gamma', type: 'number', default: 0.1, min: 0, description: 'multiplicative factor of the decay' },
] as const satisfies readonly Field[];

export const stepSchedule: BuiltinSchedule = {
  name: 'step',
  description: 'PyTorch StepLR: multiply the rate by gamma every stepSize steps',
  source: 'builtin',
  json: true,
  fields: stepFields,
  rateOptions: ['gamma'],
  interval: () => 'epoch',
  build(o, ctx) {
    return new StepNode(ctx.groups, { stepSize: o.stepSize as number, gamma: o.gamma as number });
  },
};
