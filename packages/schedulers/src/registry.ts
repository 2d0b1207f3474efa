import { PluginContractError } from './errors.js';
import type { BuiltinSchedule } from './node.js';
import { pluginSchedule, validatePlugin } from './plugin.js';
import { fieldDoc } from './spec/schema.js';
import type { ScheduleInfo, SchedulerPlugin } from './types.js';
import { builtinSchedules } from './builtins.js';

/** The schedules a spec may name: lrkit's built-ins plus registered plugins. */
export class Registry {
  private readonly entries = new Map<string, BuiltinSchedule>();

  constructor(withBuiltins = true) {
    if (withBuiltins) for (const b of builtinSchedules) this.entries.set(b.name, b);
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
  clone(): Registry {
    const r = new Registry(false);
    for (const [k, v] of this.entries) r.entries.set(k, v);
    return r;
  }
}

/** A fresh registry holding the built-ins. */
export function createRegistry(): Registry {
  return new Registry(true);
}

/** The registry used when none is passed. */
export const defaultRegistry = new Registry(true);

/** Register a plugin in the default registry. */
export function register(plugin: SchedulerPlugin<never> | SchedulerPlugin): void {
  defaultRegistry.register(plugin);
}
