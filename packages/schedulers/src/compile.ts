// The package's entry points by function: each one compiles the spec once, against the registry given
// (default: every built-in), and hands the compiled schedule on.
import type { CompiledSchedule } from './compiled.js';
import { defaultRegistry } from './registry.js';
import type { ScheduleRegistry } from './schedule-registry.js';
import type { ScheduleSpec, UncheckedSpec } from './spec/typed.js';
import type { OptimizerLike, PreviewOptions, PreviewResult, Scheduler, SpecInfo } from './types.js';

/** Where a spec's types come from. */
export interface CompileOptions {
  /** Default: `defaultRegistry` (every built-in, and what `register()` added). */
  registry?: ScheduleRegistry;
}

/**
 * Parse and check a spec once, at the edge (the flag, the config file, the API call), into a
 * CompiledSchedule that the rest of a program passes on: it starts schedulers (`create(optimizer)`),
 * previews, and checks a run's length, without reading the spec again. Throws ScheduleSpecError
 * (exitCode 2) naming the field for a bad spec.
 */
export function compileSchedule(spec: ScheduleSpec, options?: CompileOptions): CompiledSchedule;
/**
 * A spec only known at run time (parsed JSON typed `unknown`, a `Record<string, unknown>`), or one of a
 * plugin's types not declared in ScheduleSpecs. An object literal with known keys must match ScheduleSpec
 * (the overload above), so a typo'd option stays a compile error.
 */
export function compileSchedule<const T>(spec: T & UncheckedSpec<T>, options?: CompileOptions): CompiledSchedule;
export function compileSchedule(spec: unknown, options: CompileOptions = {}): CompiledSchedule {
  return (options.registry ?? defaultRegistry).compile(spec);
}

/**
 * `compileSchedule(spec, { registry }).create(optimizer)`: validate `spec` and start it on `optimizer`'s
 * param groups (PyTorch's constructor: the groups receive the schedule's first rates at once).
 */
export function createScheduler(spec: ScheduleSpec, optimizer: OptimizerLike, registry?: ScheduleRegistry): Scheduler;
export function createScheduler<const T>(spec: T & UncheckedSpec<T>, optimizer: OptimizerLike, registry?: ScheduleRegistry): Scheduler;
export function createScheduler(spec: unknown, optimizer: OptimizerLike, registry: ScheduleRegistry = defaultRegistry): Scheduler {
  return registry.createScheduler(spec, optimizer);
}

/** `compileSchedule(spec, { registry }).preview(options)`. */
export function preview(spec: unknown, options: PreviewOptions, registry: ScheduleRegistry = defaultRegistry): PreviewResult {
  return registry.preview(spec, options);
}

/**
 * What `compileSchedule(spec, { registry })` knows, as plain data; with `steps` (the run's planned step()
 * calls) it also refuses a run longer than the schedule allows.
 */
export function validateSpec(spec: unknown, options: { steps?: number } = {}, registry: ScheduleRegistry = defaultRegistry): SpecInfo {
  return registry.validateSpec(spec, options);
}
