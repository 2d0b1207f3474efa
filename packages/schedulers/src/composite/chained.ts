import { expectObject } from '../groups.js';
import type { BuiltinSchedule, ParsedSpec, ScheduleNode } from '../node.js';
import { specFail, type Field } from '../spec/schema.js';
import { treeCyclesMomentum, treeInterval, treeNeedsMetric, treeStepLimit, tightest } from '../tree.js';
import type { Json } from '../types.js';

/**
 * PyTorch ChainedScheduler: every child steps, in order, on the same groups, so chainable factors
 * multiply. Children are constructed in order on the shared groups, as PyTorch requires them to be.
 */
class ChainedNode implements ScheduleNode {
  constructor(private readonly children: ScheduleNode[]) {}
  construct(): void {
    for (const c of this.children) c.construct();
  }
  initialStep(): void {
    for (const c of this.children) c.initialStep();
  }
  undoInitialStep(): void {
    for (const c of this.children) c.undoInitialStep();
  }
  restartAt0(): void {
    for (const c of this.children) c.restartAt0();
  }
  step(metric: number): void {
    for (let i = 0; i < this.children.length; i++) this.children[i]!.step(metric);
  }
  state(): Json {
    return { children: this.children.map((c) => c.state()) };
  }
  load(state: unknown, path: string): void {
    const s = expectObject(state, path);
    if (!Array.isArray(s.children) || s.children.length !== this.children.length)
      specFail(`${path}.children`, `expected ${this.children.length} child states`);
    this.children.forEach((c, i) => c.load((s.children as unknown[])[i], `${path}.children[${i}]`));
  }
}

const kids = (o: Record<string, unknown>): ParsedSpec[] => (o.schedulers as ParsedSpec[] | undefined) ?? [];

/** chained's options: they validate specs, fill defaults, document, and type ScheduleSpec. */
export const chainedFields = [{ name: 'schedulers', type: 'specList', required: true, description: 'the schedules, stepped in this order' }] as const satisfies readonly Field[];

export const chainedSchedule: BuiltinSchedule = {
  name: 'chained',
  description: 'PyTorch ChainedScheduler: step every schedule each step; their factors multiply',
  source: 'builtin',
  json: true,
  fields: chainedFields,
  children: kids,
  // Every schedule is stepped at every call: each sees the whole run.
  childRuns: (o, run) => kids(o).map(() => run),
  interval: (o) => (kids(o).some((c) => treeInterval(c) === 'step') ? 'step' : 'epoch'),
  needsMetric: (o) => kids(o).some(treeNeedsMetric),
  cyclesMomentum: (o) => kids(o).some(treeCyclesMomentum),
  stepLimit: (o) => tightest(kids(o).map(treeStepLimit)),
  build(o, ctx) {
    return new ChainedNode(kids(o).map((c) => ctx.build(c, ctx.groups)));
  },
};
