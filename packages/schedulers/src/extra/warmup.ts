import { decodeInto, encodeArray, expectInt, expectObject, Groups } from '../groups.js';
import type { BuiltinSchedule, ParsedSpec, ScheduleNode } from '../node.js';
import { specFail, type Field } from '../spec/schema.js';
import { treeCyclesMomentum, treeInterval, treeNeedsMetric, treeStepLimit } from '../tree.js';
import type { Json } from '../types.js';
import { warmupFactor } from './closed-form-schedule.js';

/**
 * Warm up into any schedule: for k < warmupSteps the rate climbs (linearly or exponentially) from
 * startFactor times the inner schedule's first rate to that rate; at k = warmupSteps the inner schedule
 * starts at its step 0, and from then on runs as if alone. The inner schedule runs on private groups,
 * so its recursion is undisturbed by the warmup.
 */
class WarmupNode implements ScheduleNode {
  k = 0;
  readonly firstLr: Float64Array;
  readonly firstMomentum: Float64Array | null;
  constructor(
    private readonly g: Groups,
    private readonly inner: Groups,
    private readonly child: ScheduleNode,
    private readonly steps: number,
    private readonly start: number,
    private readonly mode: string,
  ) {
    this.firstLr = new Float64Array(g.count);
    this.firstMomentum = g.momentum ? new Float64Array(g.count) : null;
  }

  private emit(): void {
    if (this.k < this.steps) {
      const f = warmupFactor(this.k, this.steps, this.start, this.mode);
      for (let i = 0; i < this.g.count; i++) this.g.lr[i] = this.firstLr[i]! * f;
      if (this.firstMomentum) this.g.momentum!.set(this.firstMomentum);
    } else {
      this.g.lr.set(this.inner.lr);
      if (this.g.momentum) this.g.momentum.set(this.inner.momentum!);
    }
  }

  construct(): void {
    this.g.setDefaultInitialLr();
    this.inner.lr.set(this.g.lr);
    this.inner.initialLr.set(this.g.initialLr);
    if (this.g.momentum) this.inner.momentum!.set(this.g.momentum);
    this.child.construct();
    this.firstLr.set(this.inner.lr);
    if (this.firstMomentum) this.firstMomentum.set(this.inner.momentum!);
    this.k = 0;
    this.emit();
  }
  initialStep(): void {
    this.restartAt0();
  }
  undoInitialStep(): void {
    this.k -= 1;
  }
  /** Restart warmup and inner schedule together (a sequential milestone, or the first child's initial step). */
  restartAt0(): void {
    this.inner.lr.set(this.inner.initialLr);
    this.child.restartAt0();
    this.firstLr.set(this.inner.lr);
    if (this.firstMomentum) this.firstMomentum.set(this.inner.momentum!);
    this.k = 0;
    this.emit();
  }
  step(metric: number): void {
    this.k++;
    // Once warmup is over the inner schedule steps; its first step at k = steps + 1.
    if (this.k > this.steps) {
      // The inner schedule is chainable on its own groups; outer changes (e.g. a chained plateau) do not
      // leak in, which keeps "runs as if alone" true.
      this.child.step(metric);
    }
    this.emit();
  }
  state(): Json {
    return {
      k: this.k,
      firstLr: encodeArray(this.firstLr),
      firstMomentum: this.firstMomentum ? encodeArray(this.firstMomentum) : null,
      inner: this.inner.state(),
      child: this.child.state(),
    };
  }
  load(state: unknown, path: string): void {
    const s = expectObject(state, path);
    this.k = expectInt(s.k, `${path}.k`);
    decodeInto(s.firstLr, this.firstLr, `${path}.firstLr`);
    if (this.firstMomentum) decodeInto(s.firstMomentum, this.firstMomentum, `${path}.firstMomentum`);
    this.inner.load(s.inner, `${path}.inner`);
    this.child.load(s.child, `${path}.child`);
  }
}

const inner = (o: Record<string, unknown>): ParsedSpec[] => (o.schedule ? [o.schedule as ParsedSpec] : []);

/** warmup's options: they validate specs, fill defaults, document, and type ScheduleSpec. */
export const warmupFields = [
  { name: 'schedule', type: 'spec', required: true, description: 'the schedule to warm up into' },
  { name: 'warmupSteps', type: 'integer', required: true, min: 1, description: 'steps of warmup' },
  { name: 'mode', type: 'enum', default: 'linear', values: ['linear', 'exponential'], description: 'warmup shape' },
  { name: 'startFactor', type: 'number', default: null, nullable: true, min: 0, max: 1, description: 'start as a fraction of the peak (default 0 linear, 0.01 exponential)' },
] as const satisfies readonly Field[];

export const warmupSchedule: BuiltinSchedule = {
  name: 'warmup',
  description: 'warm up (linear or exponential) into any schedule, which then starts at its step 0',
  source: 'builtin',
  json: true,
  fields: warmupFields,
  check(o, path) {
    if (o.mode === 'exponential' && o.startFactor === 0)
      specFail(`${path}.startFactor`, 'must be > 0 for exponential warmup (it grows by a constant factor)');
  },
  children: inner,
  // The inner schedule starts after the warmup: its run is what is left.
  childRuns: (o, run) => inner(o).map(() => ({ steps: run.steps - (o.warmupSteps as number) })),
  interval: (o) => (inner(o).some((c) => treeInterval(c) === 'step') ? 'step' : 'epoch'),
  needsMetric: (o) => inner(o).some(treeNeedsMetric),
  cyclesMomentum: (o) => inner(o).some(treeCyclesMomentum),
  stepLimit(o) {
    // The inner schedule starts after the warmup: its limit moves by warmupSteps.
    const limit = treeStepLimit(o.schedule as ParsedSpec);
    return limit && { steps: (o.warmupSteps as number) + limit.steps, option: limit.option };
  },
  build(o, ctx) {
    const privateGroups = new Groups(ctx.groups.count, ctx.groups.momentumKind);
    const child = ctx.build(o.schedule as ParsedSpec, privateGroups);
    const start = (o.startFactor as number | null) ?? (o.mode === 'exponential' ? 0.01 : 0);
    return new WarmupNode(ctx.groups, privateGroups, child, o.warmupSteps as number, start, o.mode as string);
  },
};
