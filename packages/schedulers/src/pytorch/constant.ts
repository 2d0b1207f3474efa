import type { Field } from '../spec/schema.js';
import type { BuiltinSchedule } from '../node.js';
import { ChainableNode } from './chainable.js';

/** PyTorch ConstantLR: rate * factor until totalIters, then the rate. */
class ConstantNode extends ChainableNode<{ factor: number; totalIters: number }> {
  protected computeLr(lr: Float64Array): void {
    const { factor, totalIters } = this.nums;
    if (this.lastEpoch === 0) {
      for (let i = 0; i < lr.length; i++) lr[i] = lr[i]! * factor;
      return;
    }
    if (this.lastEpoch !== totalIters) return;
    for (let i = 0; i < lr.length; i++) lr[i] = lr[i]! * (1.0 / factor);
  }
  protected override closedForm(lr: Float64Array): void {
    const { factor, totalIters } = this.nums;
    const past = this.lastEpoch >= totalIters ? 1 : 0;
    for (let i = 0; i < lr.length; i++) lr[i] = this.baseLrs[i]! * (factor + past * (1 - factor));
  }
}

/** constant-factor's options: they validate specs, fill defaults, document, and type ScheduleSpec. */
export const constantFactorFields = [
  // PyTorch accepts 0, then divides by it at totalIters (NaN); lrkit refuses it.
  { name: 'factor', type: 'number', default: 1 / 3, above: 0, max: 1, description: 'scale during the first totalIters steps' },
  { name: 'totalIters', type: 'integer', default: 5, min: 0, description: 'steps before the rate returns to its base' },
] as const satisfies readonly Field[];

/**
 * PyTorch's ConstantLR, named for what it does: a factor held for the first totalIters steps (by default
 * a third of the rate for 5 epochs), which the word "constant" does not say.
 */
export const constantFactorSchedule: BuiltinSchedule = {
  name: 'constant-factor',
  description: 'PyTorch ConstantLR: scale the rate by factor for the first totalIters steps',
  source: 'builtin',
  json: true,
  fields: constantFactorFields,
  interval: () => 'epoch',
  build(o, ctx) {
    return new ConstantNode(ctx.groups, { factor: o.factor as number, totalIters: o.totalIters as number });
  },
};
