import { ClosedFormNode } from './closed-form.js';
import { PluginContractError, ScheduleSpecError } from './errors.js';
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
    throw new PluginContractError(name, `'name' must be a non-empty string of letters, digits, '.', '_' or '-', got ${JSON.stringify(p.name)}`);
  if (p.apiVersion !== 1)
    throw new PluginContractError(name, `unsupported apiVersion ${JSON.stringify(p.apiVersion)}; this lrkit implements plugin contract v1 (apiVersion: 1)`);
  if (p.schema !== undefined) checkPluginSchema(name, p.schema);
  if (p.parse !== undefined ? typeof p.parse !== 'function' : p.schema === undefined)
    throw new PluginContractError(name, "'parse' must be a function (options) => parsed options (or declare the options with 'schema')");
  if (typeof p.create !== 'function') throw new PluginContractError(name, "'create' must be a function (options, groups) => { lr(step) }");
  if (p.interval !== undefined && p.interval !== 'epoch' && p.interval !== 'step')
    throw new PluginContractError(name, `'interval' must be 'epoch' or 'step', got ${JSON.stringify(p.interval)}`);
  return value as SchedulerPlugin;
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
    parse(raw, path) {
      const options = schema ? parseFields(raw, schema, path, noChildSpecs, []) : raw;
      if (!plugin.parse) return { parsed: options };
      try {
        return { parsed: plugin.parse(options) };
      } catch (e) {
        throw new ScheduleSpecError(path, e instanceof Error ? e.message : String(e));
      }
    },
    interval: () => plugin.interval ?? 'epoch',
    build(o, ctx) {
      const n = ctx.groups.count;
      return new ClosedFormNode(ctx.groups, (baseLrs) => {
        const groups: PluginGroup[] = Array.from(baseLrs, (baseLr) => ({ baseLr }));
        const inst = plugin.create(o.parsed, groups);
        if (typeof inst !== 'object' || inst === null || typeof inst.lr !== 'function')
          throw new PluginContractError(name, "create() must return an object with an 'lr(step)' method");
        return {
          fill(k, metric, out) {
            const v = inst.lr(k, Number.isNaN(metric) ? undefined : metric);
            if (!v || v.length !== n) throw new PluginContractError(name, `lr(${k}) must return ${n} rates (one per param group), got ${v ? v.length : String(v)}`);
            for (let i = 0; i < n; i++) {
              const x = v[i]!;
              if (typeof x !== 'number' || !Number.isFinite(x)) throw new PluginContractError(name, `lr(${k})[${i}] is ${String(x)}, not a finite number`);
              out[i] = x;
            }
          },
          state: inst.state ? () => inst.state!() : undefined,
          load: inst.load ? (s: Json) => inst.load!(s) : undefined,
        };
      });
    },
  };
}
