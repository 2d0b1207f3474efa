import { builtinSchedules } from './builtins.js';
import { ScheduleRegistry, type RegistryOptions } from './schedule-registry.js';
import type { SchedulerPlugin } from './plugin-types.js';

/** A ScheduleRegistry that starts with lrkit's built-ins (all of them: see ScheduleRegistry for fewer). */
export class Registry extends ScheduleRegistry {
  constructor(withBuiltins = true, options: RegistryOptions = {}) {
    super(withBuiltins ? builtinSchedules : [], options);
  }
}

/** A fresh registry holding the built-ins. */
export function createRegistry(options: RegistryOptions = {}): Registry {
  return new Registry(true, options);
}

/** The registry used when none is passed. */
export const defaultRegistry: Registry = /* @__PURE__ */ new Registry(true);

/** Register a plugin in the default registry. */
export function register(plugin: SchedulerPlugin<never> | SchedulerPlugin): void {
  defaultRegistry.register(plugin);
}
