import { expectInt, expectObject } from '../groups.js';
import type { Groups } from '../groups.js';
import type { BuiltinSchedule, ParsedSpec, ScheduleNode, StepLimit } from '../node.js';
import { specFail, type Field } from '../spec/schema.js';
import { treeCyclesMomentum, treeInterval, treeNeedsMetric, treeStepLimit } from '../tree.js';
import type { Json } from '../types.js';

/**
 * PyTorch SequentialLR, step for step: every child is constructed on the shared groups (in order), the
 * rates go back to `initial_lr`, each child's initial step is undone and only the first child's is
 * redone; at a milestone the next child is stepped with PyTorch's `step(0)`.
 */
class SequentialNode implements ScheduleNode {
  lastEpoch = 0;
  constructor(
    private readonly g: Groups,
    private readonly children: ScheduleNode[],
    private readonly milestones: number[],
  ) {}

  construct(): void {
    for (const c of this.children) c.construct();
    // Children set initial_lr in PyTorch; reduce-on-plateau does not, so a plateau-only tree uses the
    // rate it started with (a no-op for every tree PyTorch accepts).
    this.g.setDefaultInitialLr();
    this.g.lr.set(this.g.initialLr);
    for (const c of this.children) c.undoInitialStep();
    this.children[0]!.initialStep();
    this.lastEpoch = 0;
  }
  initialStep(): void {
    this.lastEpoch = 0;
    this.children[0]!.initialStep();
  }
  undoInitialStep(): void {
    this.lastEpoch -= 1;
  }
  restartAt0(): void {
    this.lastEpoch = 0;
    this.children[0]!.restartAt0();
  }
  step(metric: number): void {
    this.lastEpoch++;
    const e = this.lastEpoch;
    let idx = 0;
    while (idx < this.milestones.length && this.milestones[idx]! <= e) idx++;
    const child = this.children[idx]!;
    if (idx > 0 && this.milestones[idx - 1] === e) child.restartAt0();
    else child.step(metric);
  }
  state(): Json {
    return { lastEpoch: this.lastEpoch, children: this.children.map((c) => c.state()) };
  }
  load(state: unknown, path: string): void {
    const s = expectObject(state, path);
    this.lastEpoch = expectInt(s.lastEpoch, `${path}.lastEpoch`);
    if (!Array.isArray(s.children) || s.children.length !== this.children.length)
      specFail(`${path}.children`, `expected ${this.children.length} child states`);
    this.children.forEach((c, i) => c.load((s.children as unknown[])[i], `${path}.children[${i}]`));
  }
}

const kids = (o: Record<string, unknown>): ParsedSpec[] => (o.schedulers as ParsedSpec[] | undefined) ?? [];

/** sequential's options: they validate specs, fill defaults, document, and type ScheduleSpec. */
export const sequentialFields = [
  { name: 'schedulers', type: 'specList', required: true, description: 'the schedules, in order' },
  { name: 'milestones', type: 'integerList', required: true, min: 1, description: 'steps at which to switch to the next schedule (one fewer than schedulers, increasing)' },
] as const satisfies readonly Field[];

export const sequentialSchedule: BuiltinSchedule = {
  name: 'sequential',
  description: 'PyTorch SequentialLR: run schedulers one after another, switching at the milestones',
  source: 'builtin',
  json: true,
  fields: sequentialFields,
  check(o, path) {
    const m = o.milestones as number[];
    const s = o.schedulers as unknown[];
    if (m.length !== s.length - 1)
      specFail(`${path}.milestones`, `expected ${s.length - 1} milestones (one fewer than the ${s.length} schedulers), got ${m.length}`);
    for (let i = 1; i < m.length; i++)
      if (m[i]! <= m[i - 1]!) specFail(`${path}.milestones[${i}]`, `milestones must be increasing, got ${m[i]} after ${m[i - 1]}`);
  },
  children: kids,
  // Each schedule restarts at its milestone (PyTorch's step(0)) and runs to the next one; the last to the run's end.
  childRuns: (o, run) => {
    const m = o.milestones as number[];
    return kids(o).map((_, i) => ({ steps: (i < m.length ? m[i]! : run.steps) - (i > 0 ? m[i - 1]! : 0) }));
  },
  interval: (o) => (kids(o).some((c) => treeInterval(c) === 'step') ? 'step' : 'epoch'),
  needsMetric: (o) => kids(o).some(treeNeedsMetric),
  cyclesMomentum: (o) => kids(o).some(treeCyclesMomentum),
  stepLimit(o) {
    // A child limits the whole only where its limit falls before the next milestone hands over.
    const m = o.milestones as number[];
    let limit: StepLimit | null = null;
    kids(o).forEach((c, i) => {
      const own = treeStepLimit(c);
      if (!own) return;
      const start = i === 0 ? 0 : m[i - 1]!;
      const end = i < m.length ? m[i]! : Infinity;
      const reach = start + own.steps;
      if (reach < end && (!limit || reach < limit.steps)) limit = { steps: reach, option: own.option };
    });
    return limit;
  },
  build(o, ctx) {
    const children = kids(o).map((c) => ctx.build(c, ctx.groups));
    return new SequentialNode(ctx.groups, children, o.milestones as number[]);
  },
};
