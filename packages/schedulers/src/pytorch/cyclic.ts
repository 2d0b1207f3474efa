import { decodeInto, encodeArray } from '../groups.js';
import type { BuiltinSchedule } from '../node.js';
import { perGroup, specFail, type Field } from '../spec/schema.js';
import type { Json } from '../types.js';
import { ChainableNode } from './chainable.js';

type ScaleFn = (x: number) => number;
type Mode = 'triangular' | 'triangular2' | 'exp_range';

/**
 * PyTorch CyclicLR (closed form of the batch index). Momentum is cycled inversely; like PyTorch 2 it
 * writes Adam's beta1 where the groups have betas (1.13 only knew SGD momentum).
 */
class CyclicNode extends ChainableNode<{ totalSize: number; stepRatio: number; gamma: number }> {
  optBaseLrs!: Float64Array;
  maxLrs!: Float64Array;
  mode: Mode = 'triangular';
  custom: ScaleFn | null = null;
  scaleByIterations = false;
  cycleMomentum = true;
  optBaseMomentums!: Float64Array;
  baseMomentums!: Float64Array;
  maxMomentums!: Float64Array;

  private scale(x: number): number {
    if (this.custom) return this.custom(x);
    if (this.mode === 'triangular') return 1;
    if (this.mode === 'triangular2') return 1 / 2 ** (x - 1);
    return this.nums.gamma ** x;
  }

  protected override beforeInit(): void {
    const g = this.g;
    g.lr.set(this.optBaseLrs);
    if (this.cycleMomentum) {
      g.momentum!.set(this.optBaseMomentums);
      this.baseMomentums.set(g.momentum!);
    }
  }

  protected override afterInit(): void {
    this.baseLrs.set(this.optBaseLrs);
  }

  protected computeLr(lr: Float64Array): void {
    const e = this.lastEpoch;
    const { totalSize, stepRatio } = this.nums;
    const cycle = Math.floor(1 + e / totalSize);
    const x = 1 + e / totalSize - cycle;
    const sf = x <= stepRatio ? x / stepRatio : (x - 1) / (stepRatio - 1);
    const s = this.scale(this.scaleByIterations ? e : cycle);
    for (let i = 0; i < lr.length; i++) {
      const h = (this.maxLrs[i]! - this.baseLrs[i]!) * sf;
      lr[i] = this.baseLrs[i]! + h * s;
    }
    if (this.cycleMomentum) {
      const m = this.g.momentum!;
      for (let i = 0; i < m.length; i++) {
        const h = (this.maxMomentums[i]! - this.baseMomentums[i]!) * sf;
        m[i] = this.maxMomentums[i]! - h * s;
      }
    }
  }

  protected override extraState(): { [key: string]: Json } {
    return { baseMomentums: encodeArray(this.baseMomentums) };
  }
  protected override loadExtra(s: Record<string, unknown>, path: string): void {
    decodeInto(s.baseMomentums, this.baseMomentums, `${path}.baseMomentums`);
  }
}

/** cyclic's options: they validate specs, fill defaults, document, and type ScheduleSpec. */
export const cyclicFields = [
  { name: 'baseLr', type: 'perGroup', required: true, min: 0, description: 'lower rate of the cycle' },
  { name: 'maxLr', type: 'perGroup', required: true, min: 0, description: 'upper rate of the cycle' },
  { name: 'stepSizeUp', type: 'number', default: 2000, above: 0, description: 'steps in the increasing half' },
  { name: 'stepSizeDown', type: 'number', default: null, nullable: true, above: 0, description: 'steps in the decreasing half (default stepSizeUp)' },
  { name: 'mode', type: 'enum', default: 'triangular', values: ['triangular', 'triangular2', 'exp_range'], description: 'amplitude policy' },
  { name: 'gamma', type: 'number', default: 1, above: 0, description: 'exp_range: amplitude factor gamma^iteration' },
  { name: 'scaleFn', type: 'function', default: null, nullable: true, description: 'custom amplitude function (replaces mode)' },
  { name: 'scaleMode', type: 'enum', default: 'cycle', values: ['cycle', 'iterations'], description: "argument of scaleFn: cycle number or iteration (only with scaleFn)" },
  { name: 'cycleMomentum', type: 'boolean', default: true, description: 'cycle momentum (SGD) or beta1 (Adam) inversely' },
  { name: 'baseMomentum', type: 'perGroup', default: 0.8, description: 'lower momentum' },
  { name: 'maxMomentum', type: 'perGroup', default: 0.9, description: 'upper momentum' },
] as const satisfies readonly Field[];

export const cyclicSchedule: BuiltinSchedule = {
  name: 'cyclic',
  description: 'PyTorch CyclicLR: cycle the rate between baseLr and maxLr (and momentum inversely)',
  source: 'builtin',
  json: true,
  fields: cyclicFields,
  check(o, path) {
    if (o.scaleFn === null && o.scaleMode !== 'cycle' && o.mode !== 'exp_range')
      specFail(`${path}.scaleMode`, `only applies together with scaleFn (mode '${String(o.mode)}' fixes it, as in PyTorch)`);
  },
  rateOptions: ['maxLr', 'gamma'],
  interval: () => 'step',
  cyclesMomentum: (o) => o.cycleMomentum !== false,
  build(o, ctx, path) {
    const up = o.stepSizeUp as number;
    const down = (o.stepSizeDown as number | null) ?? up;
    const n = new CyclicNode(ctx.groups, { totalSize: up + down, stepRatio: up / (up + down), gamma: o.gamma as number });
    const count = ctx.groups.count;
    n.optBaseLrs = perGroup(o.baseLr as number | number[], count, `${path}.baseLr`);
    n.maxLrs = perGroup(o.maxLr as number | number[], count, `${path}.maxLr`);
    n.mode = o.mode as Mode;
    n.custom = (o.scaleFn as ScaleFn | null) ?? null;
    n.scaleByIterations = n.custom ? o.scaleMode === 'iterations' : n.mode === 'exp_range';
    n.cycleMomentum = o.cycleMomentum as boolean;
    n.optBaseMomentums = perGroup(o.baseMomentum as number | number[], count, `${path}.baseMomentum`);
    n.baseMomentums = new Float64Array(count);
    n.maxMomentums = perGroup(o.maxMomentum as number | number[], count, `${path}.maxMomentum`);
    return n;
  },
};
