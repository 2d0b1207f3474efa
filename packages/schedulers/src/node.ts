import type { Groups } from './groups.js';
import type { Field } from './spec/schema.js';
import type { Json, PluginOptionDoc, StepInterval } from './types.js';

/**
 * One scheduler in a spec tree, with PyTorch's life cycle. Every node reads and writes the shared Groups,
 * as PyTorch's schedulers share `optimizer.param_groups`.
 */
export interface ScheduleNode {
  /** PyTorch's constructor, including its initial step. */
  construct(): void;
  /** PyTorch's `step()`; `metric` is NaN when none was given. */
  step(metric: number): void;
  /** PyTorch's `step(0)`, which SequentialLR issues at a milestone (closed form where there is one). */
  restartAt0(): void;
  /** SequentialLR's constructor "undoes" each child's initial step: `last_epoch -= 1`. */
  undoInitialStep(): void;
  /** PyTorch's `_initial_step()`. */
  initialStep(): void;
  state(): Json;
  load(state: unknown, path: string): void;
}

/** A bound on step() calls, with the field path of the option that sets it (`schedule.totalSteps`). */
export interface StepLimit {
  steps: number;
  option: string;
}

/** What parsing a spec needs of a registry: its schedules by name. */
export interface ScheduleLookup {
  entry(name: string): BuiltinSchedule | undefined;
  names(): string[];
  /** Appended to an unknown-schedule message (see RegistryOptions). */
  readonly unknownHint?: string | undefined;
}

/** A spec after validation: options with defaults, children parsed. */
export interface ParsedSpec {
  type: string;
  path: string;
  options: Record<string, unknown>;
  entry: BuiltinSchedule;
  /** Top-level `interval`, if the spec set it. */
  interval?: StepInterval;
  /** Run-length options left out (Field.runLength), in field order: the run fills them (CompiledSchedule.forRun). */
  pending?: readonly string[];
}

/** A run's length as one schedule in a tree sees it: its step() calls, and where known its epochs and calls per epoch. */
export interface NodeRun {
  steps: number;
  epochs?: number;
  stepsPerEpoch?: number;
}

export interface BuildContext {
  groups: Groups;
  build(spec: ParsedSpec, groups: Groups): ScheduleNode;
}

/** A built-in schedule (and the adapter that wraps plugins). */
export interface BuiltinSchedule {
  name: string;
  description: string;
  fields: readonly Field[];
  /** Option docs when there are no fields (plugins). */
  docs?: readonly PluginOptionDoc[];
  /** false for schedules that take functions (lambda, multiplicative). */
  json: boolean;
  source: 'builtin' | 'plugin';
  /**
   * Options that can drive the rate out of the finite range (exponential's gamma...): the error names them
   * when a rate stops being finite.
   */
  rateOptions?: readonly string[];
  /** Validate relations between options (after each option has been checked on its own). */
  check?(options: Record<string, unknown>, path: string): void;
  /** Raw option parsing, for plugins (replaces `fields`); run-length options left out go to `pending`. */
  parse?(raw: Record<string, unknown>, path: string, pending: string[]): Record<string, unknown>;
  /** Child specs of a composite. */
  children?(options: Record<string, unknown>): readonly ParsedSpec[];
  /**
   * The run each child sees, in children() order (sequential: the stretch between its milestones), so
   * that a child's run-length options can be filled; without it a child's run is not known.
   */
  childRuns?(options: Record<string, unknown>, run: NodeRun): readonly (NodeRun | null)[];
  interval(options: Record<string, unknown>): StepInterval;
  needsMetric?(options: Record<string, unknown>): boolean;
  cyclesMomentum?(options: Record<string, unknown>): boolean;
  /**
   * Most step() calls the schedule accepts (one-cycle's totalSteps) and the option that sets it, or none
   * for no limit: the length rule checks a run against it before anything runs.
   */
  stepLimit?(options: Record<string, unknown>, path: string): StepLimit | null;
  build(options: Record<string, unknown>, ctx: BuildContext, path: string): ScheduleNode;
}
