import { ScheduleUsageError } from '../errors.js';
import type { BuiltinSchedule } from '../node.js';
import { perGroup, specFail, type Field } from '../spec/schema.js';
import { ChainableNode } from './chainable.js';

type LrKey = 'initialLr' | 'maxLr' | 'minLr';
type MomentumKey = 'maxMomentum' | 'baseMomentum';

interface PhaseSpec {
  end: number;
  startLr: LrKey;
  endLr: LrKey;
  startM: MomentumKey;
  endM: MomentumKey;
}

/** A phase with its group arrays resolved once (no keyed lookups in step()). */
interface Phase {
  end: number;
  startLr: Float64Array;
  endLr: Float64Array;
  startM: Float64Array;
  endM: Float64Array;
}

/**
 * PyTorch OneCycleLR. Like PyTorch it keeps its rates on the groups (`initial_lr`, `max_lr`, `min_lr`)
 * and fails when stepped past totalSteps. `clampFinal` (lrkit's deviation, off by default) stops the
 * last phase at pct 1, so step totalSteps gives min_lr instead of PyTorch's overshoot (negative with
 * annealStrategy 'linear').
 */
class OneCycleNode extends ChainableNode<{ totalSteps: number; divFactor: number; finalDivFactor: number }> {
  phaseSpecs: PhaseSpec[] = [];
  phases: Phase[] = [];
  /** phase p spans (starts[p], ends[p]]; PyTorch's start_step / end_step */
  starts = new Float64Array(0);
  ends = new Float64Array(0);
  cos = true;
  clampFinal = false;
  cycleMomentum = true;
  maxLrs!: Float64Array;
  maxMomentums!: Float64Array;
  baseMomentums!: Float64Array;

  protected override beforeInit(): void {
    const g = this.g;
    this.phases = this.phaseSpecs.map((p) => ({ end: p.end, startLr: g[p.startLr], endLr: g[p.endLr], startM: g[p.startM], endM: g[p.endM] }));
    this.ends = Float64Array.from(this.phaseSpecs, (p) => p.end);
    this.starts = Float64Array.from(this.phaseSpecs, (_, i) => (i === 0 ? 0 : this.phaseSpecs[i - 1]!.end));
    for (let i = 0; i < g.count; i++) {
      g.initialLr[i] = this.maxLrs[i]! / this.nums.divFactor;
      g.maxLr[i] = this.maxLrs[i]!;
      g.minLr[i] = g.initialLr[i]! / this.nums.finalDivFactor;
      if (this.cycleMomentum) {
        g.momentum![i] = this.maxMomentums[i]!;
        g.maxMomentum[i] = this.maxMomentums[i]!;
        g.baseMomentum[i] = this.baseMomentums[i]!;
      }
    }
  }

  override step(metric: number): void {
    if (this.lastEpoch + 1 > this.nums.totalSteps)
      throw new ScheduleUsageError(`one-cycle: tried to step ${this.lastEpoch + 1} times; its totalSteps is ${this.nums.totalSteps}`);
    super.step(metric);
  }

  protected computeLr(lr: Float64Array): void {
    const g = this.g;
    const k = this.lastEpoch;
    // The phase is the number of phase ends before k (the last phase takes everything after), counted
    // with the same operations whatever the phase, so crossing into a new phase does not deoptimize.
    const ends = this.ends;
    let p = 0;
    for (let j = 0; j < ends.length - 1; j++) p += k > ends[j]! ? 1 : 0;
    const start = this.starts[p]!;
    const ph = this.phases[p]!;
    let pct = (k - start) / (ph.end - start);
    if (this.clampFinal && pct > 1) pct = 1;
    // PyTorch's _annealing_cos / _annealing_linear, written out here so no double crosses a call.
    const c = Math.cos(Math.PI * pct) + 1;
    for (let i = 0; i < g.count; i++) {
      const s0 = ph.startLr[i]!;
      const e0 = ph.endLr[i]!;
      lr[i] = this.cos ? e0 + ((s0 - e0) / 2.0) * c : (e0 - s0) * pct + s0;
      if (this.cycleMomentum) {
        const s1 = ph.startM[i]!;
        const e1 = ph.endM[i]!;
        g.momentum![i] = this.cos ? e1 + ((s1 - e1) / 2.0) * c : (e1 - s1) * pct + s1;
      }
    }
  }
}

/** oneCycle's options: they validate specs, fill defaults, document, and type ScheduleSpec. */
export const oneCycleFields = [
  { name: 'maxLr', type: 'perGroup', required: true, above: 0, description: 'peak rate' },
  { name: 'totalSteps', type: 'integer', default: null, nullable: true, min: 1, runLength: 'steps', unlessGiven: ['epochs', 'stepsPerEpoch'], description: "steps in the cycle (or epochs * stepsPerEpoch); left out: the run's steps" },
  { name: 'epochs', type: 'integer', default: null, nullable: true, min: 1, runLength: 'epochs', unlessGiven: ['totalSteps'], description: "with stepsPerEpoch, instead of totalSteps; left out beside stepsPerEpoch: the run's epochs" },
  { name: 'stepsPerEpoch', type: 'integer', default: null, nullable: true, min: 1, runLength: 'stepsPerEpoch', unlessGiven: ['totalSteps'], description: "with epochs, instead of totalSteps; left out beside epochs: the run's steps per epoch" },
  { name: 'pctStart', type: 'number', default: 0.3, min: 0, max: 1, description: 'fraction of the cycle spent increasing' },
  { name: 'annealStrategy', type: 'enum', default: 'cos', values: ['cos', 'linear'], description: 'annealing shape' },
  { name: 'cycleMomentum', type: 'boolean', default: true, description: 'cycle momentum (SGD) or beta1 (Adam) inversely' },
  { name: 'baseMomentum', type: 'perGroup', default: 0.85, description: 'lower momentum' },
  { name: 'maxMomentum', type: 'perGroup', default: 0.95, description: 'upper momentum' },
  { name: 'divFactor', type: 'number', default: 25, above: 0, description: 'initial rate = maxLr / divFactor' },
  { name: 'finalDivFactor', type: 'number', default: 1e4, above: 0, description: 'final rate = initial rate / finalDivFactor' },
  { name: 'threePhase', type: 'boolean', default: false, description: 'fast.ai-style third phase back down' },
  { name: 'clampFinal', type: 'boolean', default: false, description: "lrkit deviation: end at min rate at step totalSteps instead of PyTorch's overshoot" },
] as const satisfies readonly Field[];

export const oneCycleSchedule: BuiltinSchedule = {
  name: 'one-cycle',
  description: 'PyTorch OneCycleLR: warm up to maxLr then anneal far below the start, over totalSteps',
  source: 'builtin',
  json: true,
  fields: oneCycleFields,
  check(o, path) {
    if (o.totalSteps === null && (o.epochs === null || o.stepsPerEpoch === null))
      specFail(`${path}.totalSteps`, 'is required (or give both epochs and stepsPerEpoch)');
    if (o.totalSteps !== null && (o.epochs !== null || o.stepsPerEpoch !== null))
      specFail(`${path}.totalSteps`, 'give either totalSteps or epochs and stepsPerEpoch, not both');
  },
  rateOptions: ['maxLr', 'divFactor'],
  interval: () => 'step',
  cyclesMomentum: (o) => o.cycleMomentum !== false,
  stepLimit: (o, path) =>
    o.totalSteps !== null
      ? { steps: o.totalSteps as number, option: `${path}.totalSteps` }
      : { steps: (o.epochs as number) * (o.stepsPerEpoch as number), option: `${path}.epochs x ${path}.stepsPerEpoch` },
  build(o, ctx, path) {
    const count = ctx.groups.count;
    const total = (o.totalSteps as number | null) ?? (o.epochs as number) * (o.stepsPerEpoch as number);
    const pct = o.pctStart as number;
    const n = new OneCycleNode(ctx.groups, { totalSteps: total, divFactor: o.divFactor as number, finalDivFactor: o.finalDivFactor as number });
    n.phaseSpecs = o.threePhase
      ? [
          { end: pct * total - 1, startLr: 'initialLr', endLr: 'maxLr', startM: 'maxMomentum', endM: 'baseMomentum' },
          { end: 2 * pct * total - 2, startLr: 'maxLr', endLr: 'initialLr', startM: 'baseMomentum', endM: 'maxMomentum' },
          { end: total - 1, startLr: 'initialLr', endLr: 'minLr', startM: 'maxMomentum', endM: 'maxMomentum' },
        ]
      : [
          { end: pct * total - 1, startLr: 'initialLr', endLr: 'maxLr', startM: 'maxMomentum', endM: 'baseMomentum' },
          { end: total - 1, startLr: 'maxLr', endLr: 'minLr', startM: 'baseMomentum', endM: 'maxMomentum' },
        ];
    n.cos = o.annealStrategy === 'cos';
    n.clampFinal = o.clampFinal as boolean;
    n.cycleMomentum = o.cycleMomentum as boolean;
    n.maxLrs = perGroup(o.maxLr as number | number[], count, `${path}.maxLr`);
    n.maxMomentums = perGroup(o.maxMomentum as number | number[], count, `${path}.maxMomentum`);
    n.baseMomentums = perGroup(o.baseMomentum as number | number[], count, `${path}.baseMomentum`);
    return n;
  },
};
