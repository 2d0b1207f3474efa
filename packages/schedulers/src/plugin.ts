import { ClosedFormNode } from './closed-form.js';
import { PluginContractError, ScheduleSpecError } from './errors.js';
import { showValue } from '@lrkit/io/excerpt';
import type { BuiltinSchedule } from './node.js';
import { checkPluginSchema } from './plugin-schema.js';
import { parseFields, type Field } from './spec/schema.js';
import type { ParsedOptions } from './spec/typed.js';
import type { SchedulerPlugin, SchemaPlugin } from './plugin-types.js';
import type { Json, PluginGroup } from './types.js';

/**
 * Identity helper that gives a plugin object its types (contract v1). With `schema`, `create` receives
 * the options typed from it.
 */
export function definePlugin<O>(plugin: SchedulerPlugin<O> & { parse(options: unknown): O }): SchedulerPlugin<O>;
export function definePlugin<const F extends readonly Field[], O>(plugin: SchemaPlugin<F, O> & { parse(options: ParsedOptions<F>): O }): SchedulerPlugin<O>;
export function definePlugin<const F extends readonly Field[]>(plugin: SchemaPlugin<F> & { parse?: undefined }): SchedulerPlugin<ParsedOptions<F>>;
export function definePlugin(plugin: SchedulerPlugin): SchedulerPlugin {
  return plugin;
}

/** Check that `value` has the plugin contract v1 shape; errors say what is wrong. */
export function validatePlugin(value: unknown): SchedulerPlugin {
  if (typeof value !== 'object' || value === null) throw new PluginContractError('?', `a plugin must be an object, got ${value === null ? 'null' : typeof value}`);
  const p = value as Record<string, unknown>;
  const name = typeof p.name === 'string' ? p.name : '?';
  if (typeof p.name !== 'string' || !/^[a-z0-9][a-z0-9._-]*$/i.test(p.name))
    throw new PluginContractError(name, `'name' must be a non-empty string of letters, digits, '.', '_' or '-', got ${showValue(p.name)}`);
  if (p.apiVersion !== 1)
    throw new PluginContractError(name, `unsupported apiVersion ${showValue(p.apiVersion)}; this lrkit implements plugin contract v1 (apiVersion: 1)`);
  if (p.schema !== undefined) checkPluginSchema(name, p.schema);
  if (p.parse !== undefined ? typeof p.parse !== 'function' : p.schema === undefined)
    throw new PluginContractError(name, "'parse' must be a function (options) => parsed options (or declare the options with 'schema')");
  if (typeof p.create !== 'function') throw new PluginContractError(name, "'create' must be a function (options, groups) => { lr(step) }");
  if (p.interval !== undefined && p.interval !== 'epoch' && p.interval !== 'step')
    throw new PluginContractError(name, `'interval' must be 'epoch' or 'step', got ${showValue(p.interval)}`);
  return value as SchedulerPlugin;
}

/**
 * Runs a plugin's method. What it throws passes through when it is an Error (its message and stack are the
 * plugin author's); anything else (a string, a plain object) is shown as the value it is, not as
 * "[object Object]".
 */
function guarded<T>(name: string, method: string, call: () => T): T {
  try {
    return call();
  } catch (e) {
    if (e instanceof Error) throw e;
    throw new PluginContractError(name, `${method} threw ${showValue(e)} (a plugin should throw an Error)`);
  }
}

const noChildSpecs = (): never => {
  throw new Error('internal: a plugin schema has no child specs (checked at registration)');
};

/** The registry entry that runs a plugin. */
export function pluginSchedule(plugin: SchedulerPlugin): BuiltinSchedule {
  const name = plugin.name;
  const schema = plugin.schema;
  return {
    name,
    description: plugin.description ?? `plugin '${name}'`,
    source: 'plugin',
    json: true,
    fields: schema ?? [],
    // Without a schema the options are only documented by the plugin (and any key may reach its parse).
    docs: schema ? undefined : (plugin.options ?? []),
    parse(raw, path, pending) {
      const options = schema ? parseFields(raw, schema, path, noChildSpecs, [], pending) : raw;
      // The plugin's own checks see its options whole: after the run filled its lengths.
      if (!plugin.parse || pending.length) return { parsed: options };
      try {
        return { parsed: plugin.parse(options) };
      } catch (e) {
        throw new ScheduleSpecError(path, e instanceof Error ? e.message : `the plugin's parse() threw ${showValue(e)}`);
      }
    },
    interval: () => plugin.interval ?? 'epoch',
    build(o, ctx) {
      const n = ctx.groups.count;
      return new ClosedFormNode(ctx.groups, (baseLrs) => {
        const groups: PluginGroup[] = Array.from(baseLrs, (baseLr) => ({ baseLr }));
        const inst = guarded(name, 'create()', () => plugin.create(o.parsed, groups));
        if (typeof inst !== 'object' || inst === null || typeof inst.lr !== 'function')
          throw new PluginContractError(name, "create() must return an object with an 'lr(step)' method");
        return {
          fill(k, metric, out) {
            const v = guarded(name, `lr(${k})`, () => inst.lr(k, Number.isNaN(metric) ? undefined : metric));
            if (!v || v.length !== n) throw new PluginContractError(name, `lr(${k}) must return ${n} rates (one per param group), got ${v ? v.length : String(v)}`);
            for (let i = 0; i < n; i++) {
              const x = v[i]!;
              // A negative rate would step up the gradient: training would climb the loss and still exit 0.
              if (typeof x !== 'number' || !Number.isFinite(x) || x < 0) throw new PluginContractError(name, `lr(${k})[${i}] is ${showValue(x)}: a rate must be a finite number >= 0`);
              out[i] = x;
            }
          },
          state: inst.state ? () => guarded(name, 'state()', () => inst.state!()) : undefined,
          load: inst.load ? (s: Json) => guarded(name, 'load()', () => inst.load!(s)) : undefined,
        };
      });
    },
  };
}
