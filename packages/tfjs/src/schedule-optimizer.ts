import type { Optimizer } from '@tensorflow/tfjs-core';
import {
  compileSchedule,
  isCompiledSchedule,
  ScheduleSpecError,
  type CompiledSchedule,
  type Registry,
  type Scheduler,
  type SchedulerState,
  type StepInterval,
} from '@lrkit/schedulers';
import { optimizerGroups, type TfjsOptimizerGroups, type TfjsOptimizerName } from './optimizer-groups.js';

/**
 * A schedule as this package takes it: a JSON spec (parsed once, where it is given), a CompiledSchedule
 * (`compileSchedule(spec)`, never parsed again), or a Scheduler made with `createScheduler()`.
 */
export type ScheduleInput = object | CompiledSchedule | Scheduler;

export interface ScheduleOptimizerOptions {
  /** Registry to resolve a spec's types in (plugins); @lrkit/schedulers' default registry otherwise. */
  registry?: Registry;
}

/**
 * The one parse of a spec given to this package; a CompiledSchedule is taken as it is. It was compiled
 * against its own registry, so a registry named beside it would do nothing: that is refused, not ignored.
 */
export function compileInput(schedule: object, registry: Registry | undefined): CompiledSchedule {
  if (!isCompiledSchedule(schedule)) return compileSchedule(schedule, { registry });
  if (registry !== undefined)
    throw new ScheduleSpecError('options.registry', 'the schedule is compiled already, against its own registry: give the spec, or no registry');
  return schedule;
}

/** A schedule driving a tfjs optimizer's rate (and momentum / beta1 where the schedule cycles it). */
export interface OptimizerSchedule {
  readonly optimizer: Optimizer;
  /** Which tfjs optimizer it drives. */
  readonly kind: TfjsOptimizerName;
  readonly scheduler: Scheduler;
  /** The rate the optimizer's next `applyGradients()` / `minimize()` uses. */
  readonly lr: number;
  /** Its momentum (tf.train.momentum, rmsprop) or beta1 (adam, adamax); null for sgd, adagrad, adadelta. */
  readonly momentum: number | null;
  /** When to call `step()`: after every optimizer step ('step') or once an epoch ('epoch'). */
  readonly interval: StepInterval;
  /** True where the schedule holds reduce-on-plateau: `step()` then needs the metric. */
  readonly needsMetric: boolean;
  /** Number of `step()` calls so far, loaded states included. */
  readonly steps: number;
  /** Advance the schedule once and write the new rate into the optimizer. */
  step(metric?: number): void;
  /** Everything needed to continue the schedule exactly, as plain JSON. */
  state(): SchedulerState;
  /** Continue from a `state()`; writes the saved rate (and momentum) into the optimizer. */
  loadState(state: unknown): void;
}

export function isScheduler(x: unknown): x is Scheduler {
  const s = x as Partial<Scheduler> | null;
  return typeof s === 'object' && s !== null && typeof s.step === 'function' && typeof s.stateDict === 'function' && typeof s.getLastLr === 'function';
}

function noMomentumError(groups: TfjsOptimizerGroups): ScheduleSpecError {
  return new ScheduleSpecError(
    'schedule.cycleMomentum',
    `tf.train.${groups.kind} has no momentum to cycle: set cycleMomentum: false, or train with tf.train.momentum, rmsprop, adam or adamax`,
  );
}

class BoundSchedule implements OptimizerSchedule {
  constructor(
    private readonly groups: TfjsOptimizerGroups,
    readonly scheduler: Scheduler,
    /** True when the scheduler writes into some other OptimizerLike: its rates are copied over after each change. */
    private readonly foreign: boolean,
  ) {
    if (foreign) this.copy();
  }

  get optimizer(): Optimizer {
    return this.groups.optimizer;
  }
  get kind(): TfjsOptimizerName {
    return this.groups.kind;
  }
  get lr(): number {
    return this.groups.paramGroups[0].lr;
  }
  get momentum(): number | null {
    const g = this.groups.paramGroups[0];
    return g.betas ? g.betas[0] : (g.momentum ?? null);
  }
  get interval(): StepInterval {
    return this.scheduler.interval;
  }
  get needsMetric(): boolean {
    return this.scheduler.needsMetric;
  }
  get steps(): number {
    return this.scheduler.lastEpoch;
  }

  private copy(): void {
    const g = this.groups.paramGroups[0];
    g.lr = this.scheduler.getLastLr()[0]!;
    const m = this.scheduler.cyclesMomentum ? this.scheduler.getLastMomentum() : null;
    if (m) {
      if (g.betas) g.betas[0] = m[0]!;
      else g.momentum = m[0]!;
    }
  }

  step(metric?: number): void {
    this.scheduler.step(metric);
    if (this.foreign) this.copy();
  }

  state(): SchedulerState {
    return this.scheduler.stateDict();
  }

  loadState(state: unknown): void {
    this.scheduler.loadStateDict(state);
    if (this.foreign) this.copy();
  }
}

/**
 * Drive `optimizer`'s rate with a schedule, for custom training loops (`optimizer.minimize()`): call
 * `step()` after each optimizer step or each epoch, as `interval` says. Given a spec (parsed here, once)
 * or a CompiledSchedule, the schedule starts at once from the optimizer's current rate (PyTorch's
 * convention: the first step trains at the initial rate). Given a Scheduler (made with `createScheduler(spec, optimizerGroups(optimizer))`, or bound to
 * any other one-group OptimizerLike), its rates are written into the optimizer. A bad spec, an optimizer
 * that is not a tfjs one, or a momentum-cycling schedule on an optimizer without momentum throws
 * ScheduleSpecError naming the field.
 */
export function scheduleOptimizer(optimizer: Optimizer, schedule: ScheduleInput, options: ScheduleOptimizerOptions = {}): OptimizerSchedule {
  const groups = optimizerGroups(optimizer);
  if (isScheduler(schedule)) {
    const n = schedule.getLastLr().length;
    if (n !== 1)
      throw new ScheduleSpecError('schedule', `the scheduler drives ${n} param groups; a tfjs optimizer has one rate`);
    if (schedule.cyclesMomentum && !groups.hasMomentum) throw noMomentumError(groups);
    return new BoundSchedule(groups, schedule, true);
  }
  const compiled = compileInput(schedule, options.registry);
  if (compiled.cyclesMomentum && !groups.hasMomentum) throw noMomentumError(groups);
  return new BoundSchedule(groups, compiled.create(groups), false);
}
