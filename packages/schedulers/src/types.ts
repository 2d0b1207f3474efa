/** Public types of @lrkit/schedulers (the plugin contract's are in plugin-types.ts). */

/** JSON value, as stored by `stateDict()` and plugin `state()`. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** One param group as a scheduler sees it; lrkit's optimizers (and any object of this shape) qualify. */
export interface ParamGroupLike {
  lr: number;
  /** SGD-style momentum; written by `cyclic` and `one-cycle` when they cycle momentum. */
  momentum?: number;
  /** Adam-style betas; `betas[0]` is written in place when a schedule cycles momentum. */
  betas?: [number, number];
}

/** Anything with param groups. */
export interface OptimizerLike {
  paramGroups: ParamGroupLike[];
}

/** How often the training loop calls `step()`: after every optimizer step, or once an epoch. */
export type StepInterval = 'epoch' | 'step';

/** A running learning-rate schedule bound to an optimizer. */
export interface Scheduler {
  /**
   * Advance one step and write the new rates (and momentum, where cycled) into the optimizer's groups.
   * `metric` is required when `needsMetric` is true (reduce-on-plateau): pass the validation loss.
   */
  step(metric?: number): void;
  /** The rates written by the last `step()` (or construction), one per group; a fresh array. */
  getLastLr(): number[];
  /** The momentum (or beta1) of each group, or null when the optimizer has neither. A fresh array. */
  getLastMomentum(): number[] | null;
  /** Number of `step()` calls so far (0 right after construction). */
  readonly lastEpoch: number;
  /** How often the loop must call `step()` (spec key `interval`, else the schedule's default). */
  readonly interval: StepInterval;
  /** True where reduce-on-plateau is in the spec tree: `step()` then needs the validation loss. */
  readonly needsMetric: boolean;
  /** True where the schedule writes momentum / beta1 (cyclic, one-cycle with cycleMomentum). */
  readonly cyclesMomentum: boolean;
  /** Everything needed to resume exactly, as plain JSON (includes the groups' current rates). */
  stateDict(): SchedulerState;
  /** Restore a `stateDict()` (also writes the saved rates and momentum into the optimizer). */
  loadStateDict(state: unknown): void;
}

/** The JSON produced by `stateDict()`. Treat it as opaque; `format` is bumped on incompatible change. */
export interface SchedulerState {
  format: 'lrkit-scheduler-state';
  version: 1;
  type: string;
  groups: number;
  lastEpoch: number;
  optimizer: { [key: string]: Json };
  schedule: Json;
  [key: string]: Json;
}

/** A group as a plugin sees it when created. */
export interface PluginGroup {
  /** The group's rate when the schedule starts (PyTorch's `initial_lr`). */
  readonly baseLr: number;
}

/** What a plugin's `create()` returns. */
export interface PluginInstance {
  /**
   * Each group's rate after `step` calls of `step()` (`step` = 0 right after construction). `metric` is
   * the value passed to the scheduler's `step()`, if any. lrkit copies the values at once, so the
   * returned array may be reused between calls.
   */
  lr(step: number, metric?: number): readonly number[];
  /** Extra state to save (only needed if `lr` depends on more than `step`). */
  state?(): Json;
  /** Restore what `state()` returned. */
  load?(state: Json): void;
}

/** Documentation of one option, shown by `lrkit schedulers`. */
export interface PluginOptionDoc {
  name: string;
  type: string;
  default?: Json;
  required?: boolean;
  description?: string;
}

/** One registry entry, as listed by `Registry.list()`. */
export interface ScheduleInfo {
  name: string;
  description: string;
  /** 'builtin' for lrkit's own schedules, 'plugin' for registered plugins. */
  source: 'builtin' | 'plugin';
  /** Whether it can be written as JSON (false for `lambda` / `multiplicative`, which take functions). */
  json: boolean;
  interval: StepInterval;
  options: readonly PluginOptionDoc[];
}

/** Options of `preview()`. */
export interface PreviewOptions {
  /** Number of `step()` calls; the trajectory has steps + 1 rows. */
  steps: number;
  /** Initial rate of each param group (one group per entry). */
  lrs: readonly number[];
  /**
   * Initial momentum of each group (one number for all, or one per group). The preview optimizer is SGD-like:
   * without this, groups start at momentum 0 as torch.optim.SGD does.
   */
  momentum?: number | readonly number[];
  /** Metric passed to step k (metrics[k-1]); required when the schedule contains reduce-on-plateau. */
  metrics?: readonly number[];
}

/** What `preview()` returns: row k is the state after k calls of `step()`. */
export interface PreviewResult {
  lrs: number[][];
  /** Present only where the schedule cycles momentum. */
  momentum?: number[][];
  interval: StepInterval;
}

/** What `validateSpec()` reports about a valid spec. */
export interface SpecInfo {
  type: string;
  interval: StepInterval;
  needsMetric: boolean;
  cyclesMomentum: boolean;
  /** Most step() calls the schedule accepts (one-cycle's totalSteps), or null for no limit. */
  maxSteps: number | null;
}
