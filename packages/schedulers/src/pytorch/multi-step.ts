import type { BuiltinSchedule } from '../node.js';
import { specFail, type Field } from '../spec/schema.js';
import { ChainableNode } from './chainable.js';

/** PyTorch MultiStepLR: multiply by gamma at each milestone; a repeated milestone compounds (gamma^count). */
class MultiStepNode extends ChainableNode<{ gamma: number }> {
  /** the milestones, sorted (repeats kept: PyTorch's Counter) */
  sorted: number[] = [];
  /** How many times `epoch` is a milestone. */
  private count(epoch: number): number {
    const m = this.sorted;
    let c = 0;
    for (let i = 0; i < m.length && m[i]! <= epoch; i++) if (m[i] === epoch) c++;
    return c;
  }
  protected computeLr(lr: Float64Array): void {
    const c = this.count(this.lastEpoch);
    if (c === 0) return;
    const f = this.nums.gamma ** c;
    for (let i = 0; i < lr.length; i++) lr[i] = lr[i]! * f;
  }
  protected override closedForm(lr: Float64Array): void {
    // bisect_right(sorted milestones, last_epoch)
    let b = 0;
    while (b < this.sorted.length && this.sorted[b]! <= this.lastEpoch) b++;
    for (let i = 0; i < lr.length; i++) lr[i] = this.baseLrs[i]! * this.nums.gamma ** b;
  }
}

/** multiStep's options: they validate specs, fill defaults, document, and type ScheduleSpec. */
export const multiStepFields = [
  { name: 'milestones', type: 'integerList', required: true, min: 0, description: 'steps at which to decay, non-decreasing' },
  { name: 'gamma', type: 'number', default: 0.1, min: 0, description: 'multiplicative factor of the decay' },
] as const satisfies readonly Field[];

export const multiStepSchedule: BuiltinSchedule = {
  name: 'multi-step',
  description: 'PyTorch MultiStepLR: multiply the rate by gamma at each milestone (repeated milestones compound)',
  source: 'builtin',
  json: true,
  fields: multiStepFields,
  check(o, path) {
    const m = o.milestones as number[];
    for (let i = 1; i < m.length; i++)
      if (m[i]! < m[i - 1]!) specFail(`${path}.milestones[${i}]`, `milestones must be non-decreasing, got ${m[i]} after ${m[i - 1]}`);
  },
  rateOptions: ['gamma'],
  interval: () => 'epoch',
  build(o, ctx) {
    const n = new MultiStepNode(ctx.groups, { gamma: o.gamma as number });
    n.sorted = [...(o.milestones as number[])].sort((a, b) => a - b);
    return n;
  },
};
