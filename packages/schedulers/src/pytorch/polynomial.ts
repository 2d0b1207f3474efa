import type { Field } from '../spec/schema.js';
import type { BuiltinSchedule } from '../node.js';
import { ChainableNode } from './chainable.js';

/** PyTorch PolynomialLR: decay to 0 over totalIters steps as (1 - t/T)^power. */
class PolynomialNode extends ChainableNode<{ totalIters: number; power: number }> {
  protected computeLr(lr: Float64Array): void {
    const { totalIters, power } = this.nums;
    if (this.lastEpoch === 0 || this.lastEpoch > totalIters) return;
    const f = ((1.0 - this.lastEpoch / totalIters) / (1.0 - (this.lastEpoch - 1) / totalIters)) ** power;
    for (let i = 0; i < lr.length; i++) lr[i] = lr[i]! * f;
  }
  protected override closedForm(lr: Float64Array): void {
    const { totalIters, power } = this.nums;
    const t = Math.min(totalIters, this.lastEpoch);
    for (let i = 0; i < lr.length; i++) lr[i] = this.baseLrs[i]! * (1.0 - t / totalIters) ** power;
  }
}

/** polynomial's options: they validate specs, fill defaults, document, and type ScheduleSpec. */
export const polynomialFields = [
  { name: 'totalIters', type: 'integer', default: 5, min: 1, description: 'steps to decay over' },
  { name: 'power', type: 'number', default: 1, min: 0, description: 'power of the polynomial' },
] as const satisfies readonly Field[];

export const polynomialSchedule: BuiltinSchedule = {
  name: 'polynomial',
  description: 'PyTorch PolynomialLR: decay the rate to 0 over totalIters steps as (1 - k/totalIters)^power',
  source: 'builtin',
  json: true,
  fields: polynomialFields,
  interval: () => 'epoch',
  build(o, ctx) {
    return new PolynomialNode(ctx.groups, { totalIters: o.totalIters as number, power: o.power as number });
  },
};
