import type { BuiltinSchedule } from '../node.js';
import { perGroup, type Field } from '../spec/schema.js';
import { ChainableNode } from './chainable.js';

/** PyTorch SWALR: anneal each group's rate to swaLr over annealEpochs steps, then hold it. */
class SwaNode extends ChainableNode<{ annealEpochs: number }> {
  swaLrs!: Float64Array;
  cos = true;

  protected override beforeInit(): void {
    this.g.swaLr.set(this.swaLrs);
  }

  private anneal(t: number): number {
    return this.cos ? (1 - Math.cos(Math.PI * t)) / 2 : t;
  }

  protected computeLr(lr: Float64Array): void {
    const annealEpochs = this.nums.annealEpochs;
    let step = this.stepCount - 1;
    if (annealEpochs === 0) step = Math.max(1, step);
    const span = Math.max(1, annealEpochs);
    const prevAlpha = this.anneal(Math.max(0, Math.min(1, (step - 1) / span)));
    const alpha = this.anneal(Math.max(0, Math.min(1, step / span)));
    const swa = this.g.swaLr;
    for (let i = 0; i < lr.length; i++) {
      // PyTorch first recovers the rate the anneal started from, then blends toward swa_lr.
      const prev = prevAlpha === 1 ? swa[i]! : (lr[i]! - prevAlpha * swa[i]!) / (1 - prevAlpha);
      lr[i] = swa[i]! * alpha + prev * (1 - alpha);
    }
  }
}

/** swa's options: they validate specs, fill defaults, document, and type ScheduleSpec. */
export const swaFields = [
  { name: 'swaLr', type: 'perGroup', required: true, min: 0, description: 'rate to anneal to and hold' },
  { name: 'annealEpochs', type: 'integer', default: 10, min: 0, description: 'steps of the anneal' },
  { name: 'annealStrategy', type: 'enum', default: 'cos', values: ['cos', 'linear'], description: 'anneal shape' },
] as const satisfies readonly Field[];

export const swaSchedule: BuiltinSchedule = {
  name: 'swa',
  description: 'PyTorch SWALR: anneal to swaLr over annealEpochs steps, then hold',
  source: 'builtin',
  json: true,
  fields: swaFields,
  interval: () => 'epoch',
  build(o, ctx, path) {
    const n = new SwaNode(ctx.groups, { annealEpochs: o.annealEpochs as number });
    n.swaLrs = perGroup(o.swaLr as number | number[], ctx.groups.count, `${path}.swaLr`);
    n.cos = o.annealStrategy === 'cos';
    return n;
  },
};
