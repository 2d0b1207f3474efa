import { excerpt, showValue } from '@lrkit/io/excerpt';
import { ScheduleSpecError, ScheduleUsageError } from './errors.js';
import { expectInt, expectObject, Groups } from './groups.js';
import type { BuildContext, ParsedSpec, ScheduleNode } from './node.js';
import { rateNotFinite } from './finite.js';
import { treeCyclesMomentum, treeInterval, treeNeedsMetric, treeSignature } from './tree.js';
import type { OptimizerLike, ParamGroupLike, Scheduler, SchedulerState, StepInterval } from './types.js';

function checkOptimizer(optimizer: unknown): ParamGroupLike[] {
  const o = optimizer as OptimizerLike | null;
  if (typeof o !== 'object' || o === null || !Array.isArray(o.paramGroups) || o.paramGroups.length === 0)
    throw new ScheduleSpecError('optimizer.paramGroups', 'expected a non-empty array of {lr, momentum?, betas?}');
  o.paramGroups.forEach((g, i) => {
    if (typeof g !== 'object' || g === null || typeof g.lr !== 'number' || !Number.isFinite(g.lr))
      throw new ScheduleSpecError(`optimizer.paramGroups[${i}].lr`, `expected a finite number, got ${String(g?.lr)}`);
  });
  return o.paramGroups;
}

/** Which momentum field the groups carry: all betas (Adam), all momentum (SGD), or none usable. */
function momentumKind(groups: ParamGroupLike[]): 'momentum' | 'beta1' | null {
  if (groups.every((g) => Array.isArray(g.betas) && typeof g.betas[0] === 'number')) return 'beta1';
  if (groups.every((g) => typeof g.momentum === 'number')) return 'momentum';
  return null;
}

const buildContext = (groups: Groups): BuildContext => ({
  groups,
  build: (spec: ParsedSpec, g: Groups): ScheduleNode => spec.entry.build(spec.options, buildContext(g), spec.path),
});

/** A scheduler bound to an optimizer; see the Scheduler interface. */
class BoundScheduler implements Scheduler {
  lastEpoch = 0;
  readonly interval: StepInterval;
  readonly needsMetric: boolean;
  readonly cyclesMomentum: boolean;
  private readonly signature: string;

  constructor(
    private readonly spec: ParsedSpec,
    private readonly root: ScheduleNode,
    private readonly groups: Groups,
    private readonly pgs: ParamGroupLike[],
  ) {
    this.interval = treeInterval(spec);
    this.needsMetric = treeNeedsMetric(spec);
    this.cyclesMomentum = treeCyclesMomentum(spec);
    this.signature = treeSignature(spec);
  }

  /** PyTorch's schedulers read the live group values, so changes made between steps are honoured. */
  private pull(): void {
    const g = this.groups;
    for (let i = 0; i < g.count; i++) {
      const pg = this.pgs[i]!;
      g.lr[i] = pg.lr;
      if (g.momentum) g.momentum[i] = g.momentumKind === 'beta1' ? pg.betas![0] : pg.momentum!;
    }
  }

  /** Refuse a rate that left the finite range before the optimizer sees it (one compare per group). */
  checkFinite(step: number): void {
    const lr = this.groups.lr;
    for (let i = 0; i < lr.length; i++) if (!Number.isFinite(lr[i]!)) throw rateNotFinite(this.spec, i, lr[i]!, step);
  }

  /** @internal */
  push(): void {
    const g = this.groups;
    for (let i = 0; i < g.count; i++) {
      const pg = this.pgs[i]!;
      pg.lr = g.lr[i]!;
      if (this.cyclesMomentum && g.momentum) {
        // betas[0] is written in place: no tuple per step.
        if (g.momentumKind === 'beta1') pg.betas![0] = g.momentum[i]!;
        else pg.momentum = g.momentum[i]!;
      }
    }
  }

  step(metric?: number): void {
    if (this.needsMetric && (typeof metric !== 'number' || !Number.isFinite(metric)))
      throw new ScheduleUsageError(
        `${this.spec.path}: this schedule contains reduce-on-plateau, so step() needs the metric (the validation loss); got ${String(metric)}`,
      );
    this.pull();
    this.root.step(metric ?? NaN);
    this.checkFinite(this.lastEpoch + 1);
    this.lastEpoch++;
    this.push();
  }

  getLastLr(): number[] {
    return Array.from(this.groups.lr);
  }

  getLastMomentum(): number[] | null {
    return this.groups.momentum ? Array.from(this.groups.momentum) : null;
  }

  stateDict(): SchedulerState {
    return {
      format: 'lrkit-scheduler-state',
      version: 1,
      type: this.signature,
      groups: this.groups.count,
      lastEpoch: this.lastEpoch,
      optimizer: this.groups.state(),
      schedule: this.root.state(),
    };
  }

  loadStateDict(state: unknown): void {
    const p = 'state';
    const s = expectObject(state, p);
    if (s.format !== 'lrkit-scheduler-state' || s.version !== 1)
      throw new ScheduleSpecError(`${p}.format`, 'not an lrkit scheduler state (version 1)');
    if (s.type !== this.signature)
      throw new ScheduleSpecError(`${p}.type`, `the state is of a ${typeof s.type === 'string' ? `'${excerpt(s.type)}'` : showValue(s.type)} schedule, this scheduler is '${this.signature}'`);
    if (s.groups !== this.groups.count)
      throw new ScheduleSpecError(`${p}.groups`, `the state has ${showValue(s.groups)} param groups, the optimizer has ${this.groups.count}`);
    const lastEpoch = expectInt(s.lastEpoch, `${p}.lastEpoch`, 0);
    this.groups.load(s.optimizer, `${p}.optimizer`);
    this.root.load(s.schedule, `${p}.schedule`);
    this.lastEpoch = lastEpoch;
    this.push();
  }
}

/**
 * Start a parsed spec tree on `optimizer`'s param groups (PyTorch's constructor: the groups receive the
 * schedule's first rates at once). The tree is parsed already (a CompiledSchedule's): nothing is read
 * from the spec here.
 */
export function startScheduler(parsed: ParsedSpec, optimizer: OptimizerLike): Scheduler {
  const pgs = checkOptimizer(optimizer);
  const kind = momentumKind(pgs);
  if (treeCyclesMomentum(parsed) && kind === null)
    throw new ScheduleSpecError(
      `${parsed.path}.cycleMomentum`,
      "the optimizer's param groups have neither momentum (SGD) nor betas (Adam) to cycle; set cycleMomentum: false",
    );
  const groups = new Groups(pgs.length, kind);
  for (let i = 0; i < pgs.length; i++) {
    groups.lr[i] = pgs[i]!.lr;
    if (groups.momentum) groups.momentum[i] = kind === 'beta1' ? pgs[i]!.betas![0] : pgs[i]!.momentum!;
  }
  const root = buildContext(groups).build(parsed, groups);
  root.construct();
  const s = new BoundScheduler(parsed, root, groups, pgs);
  s.checkFinite(0);
  s.push();
  return s;
}
