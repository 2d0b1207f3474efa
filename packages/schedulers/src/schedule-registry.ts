import { CompiledSchedule } from './compiled.js';
import { PluginContractError, ScheduleSpecError } from './errors.js';
import type { BuiltinSchedule, ScheduleLookup } from './node.js';
import { pluginSchedule, validatePlugin } from './plugin.js';
import type { SchedulerPlugin } from './plugin-types.js';
import { fieldDoc } from './spec/schema.js';
import type { ScheduleSpec, UncheckedSpec } from './spec/typed.js';
import type { OptimizerLike, PreviewOptions, PreviewResult, ScheduleInfo, Scheduler, SpecInfo } from './types.js';

/**
 * A schedule a registry can hold: each built-in is exported as one (`stepSchedule`,
 * `cosineAnnealingSchedule`...). Opaque: build registries from them, and from plugins.
 */
export type ScheduleDefinition = BuiltinSchedule;

export interface RegistryOptions {
  /**
   * Said after "unknown schedule 'x'": where the schedule could come from in this program (the CLI: "load
   * its plugin with --plugin <module>"). Only the program knows how its users add plugins.
   */
  unknownHint?: string;
}

/**
 * The schedules a spec may name, and what compiles specs against them. It holds only what it is given, so
 * an app that builds one from the schedules it uses (`new ScheduleRegistry([stepSchedule])`) and calls its
 * methods bundles those schedules alone; `createRegistry()` and `defaultRegistry` hold every built-in.
 */
export class ScheduleRegistry implements ScheduleLookup {
  private readonly entries = new Map<string, BuiltinSchedule>();
  readonly unknownHint: string | undefined;

  constructor(schedules: readonly ScheduleDefinition[] = [], options: RegistryOptions = {}) {
    this.unknownHint = options.unknownHint;
    for (const s of schedules) {
      if (this.entries.has(s.name)) throw new PluginContractError(s.name, `a schedule named '${s.name}' is given twice`);
      this.entries.set(s.name, s);
    }
  }

  /** Register a plugin (contract v1). Refuses a name that is already taken. */
  register(plugin: SchedulerPlugin<never> | SchedulerPlugin): void {
    const p = validatePlugin(plugin);
    if (this.entries.has(p.name))
      throw new PluginContractError(p.name, `a schedule named '${p.name}' is already registered (${this.entries.get(p.name)!.source})`);
    this.entries.set(p.name, pluginSchedule(p));
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  names(): string[] {
    return [...this.entries.keys()];
  }

  /** @internal */
  entry(name: string): BuiltinSchedule | undefined {
    return this.entries.get(name);
  }

  /** Every registered schedule with its options and defaults. */
  list(): ScheduleInfo[] {
    return [...this.entries.values()].map((e) => ({
      name: e.name,
      description: e.description,
      source: e.source,
      json: e.json,
      interval: e.interval({}),
      options: e.docs ?? e.fields.map(fieldDoc),
    }));
  }

  /** A copy, to add plugins without touching this one. */
  clone(): ScheduleRegistry {
    return new ScheduleRegistry([...this.entries.values()]);
  }

  /**
   * Parse and check `spec` against this registry, once: the CompiledSchedule that starts schedulers,
   * previews and checks a run's length without reading the spec again. `compileSchedule(spec, { registry })`
   * is this. Throws ScheduleSpecError (exitCode 2) naming the field for a bad spec.
   */
  compile(spec: ScheduleSpec): CompiledSchedule;
  compile<const T>(spec: T & UncheckedSpec<T>): CompiledSchedule;
  compile(spec: unknown): CompiledSchedule {
    return new CompiledSchedule(spec, this);
  }

  /** `this.compile(spec).create(optimizer)`. */
  createScheduler(spec: ScheduleSpec, optimizer: OptimizerLike): Scheduler;
  createScheduler<const T>(spec: T & UncheckedSpec<T>, optimizer: OptimizerLike): Scheduler;
  createScheduler(spec: unknown, optimizer: OptimizerLike): Scheduler {
    return this.compile(spec).create(optimizer);
  }

  /** `this.compile(spec).preview(options)`. */
  preview(spec: unknown, options: PreviewOptions): PreviewResult {
    return this.compile(spec).preview(options);
  }

  /**
   * What `this.compile(spec)` knows, as plain data; with `steps` (the run's planned step() calls) it also
   * refuses a run longer than the schedule allows, by the compiled schedule's length rule.
   */
  validateSpec(spec: unknown, options: { steps?: number } = {}): SpecInfo {
    const compiled = this.compile(spec);
    // The run's steps fill the lengths left out, as they would in a preview of that many steps.
    const c = options.steps === undefined || compiled.unfilled.length === 0 ? compiled : compiled.forRun({ steps: options.steps });
    const misfit = options.steps === undefined ? null : c.checkRun({ steps: options.steps });
    if (misfit) throw new ScheduleSpecError('steps', misfit.message);
    return { type: c.type, interval: c.interval, needsMetric: c.needsMetric, cyclesMomentum: c.cyclesMomentum, maxSteps: c.maxSteps };
  }
}
