import type { Field } from '../spec/schema.js';
import type { BuiltinSchedule } from '../node.js';
import { ChainableNode } from './chainable.js';

/** PyTorch LinearLR: the factor goes linearly from startFactor to endFactor over totalIters steps. */
class LinearNode extends ChainableNode<{ startFactor: number; endFactor: number; totalIters: number }> {
  protected computeLr(lr: Float64Array): void {
    const { startFactor, endFactor, totalIters } = this.nums;
    if (this.lastEpoch === 0) {
      for (let i = 0; i < lr.length; i++) lr[i] = lr[i]! * startFactor;
      return;
    }
    if (this.lastEpoch > totalIters) return;
    const d = endFactor - startFactor;
    const f = 1 + d / (totalIters * startFactor + (this.lastEpoch - 1) * d);
    for (let i = 0; i < lr.length; i++) lr[i] = lr[i]! * f;
  }
  protected override closedForm(lr: Float64Array): void {
    const { startFactor, endFactor, totalIters } = this.nums;
    const t = Math.min(totalIters, this.lastEpoch);
    for (let i = 0; i < lr.length; i++) lr[i] = this.baseLrs[i]! * (startFactor + ((endFactor - startFactor) * t) / totalIters);
  }
}

/** linear's options: they validate specs, fill defaults, document, and type ScheduleSpec. */
export const linearFields = [
  // PyTorch 1.13 accepts 0 and then produces NaN (0 * inf) at step 1; lrkit refuses it (use `warmup`).
  { name: 'startFactor', type: 'number', default: 1 / 3, above: 0, max: 1, description: 'scale at step 0 (> 0; for a start at 0 use warmup)' },
  { name: 'endFactor', type: 'number', default: 1, min: 0, max: 1, description: 'scale from step totalIters on' },
  { name: 'totalIters', type: 'integer', default: 5, min: 1, description: 'steps to go from startFactor to endFactor' },
] as const satisfies readonly Field[];

export const linearSchedule: BuiltinSchedule = {
  name: 'linear',
  description: 'PyTorch LinearLR: scale the rate linearly from startFactor to endFactor over totalIters steps',
  source: 'builtin',
  json: true,
  fields: linearFields,
  interval: () => 'epoch',
  build(o, ctx) {
    return new LinearNode(ctx.groups, {
      startFactor: o.startFactor as number,
      endFactor: o.endFactor as number,
      totalIters: o.totalIters as number,
    });
  },
};
