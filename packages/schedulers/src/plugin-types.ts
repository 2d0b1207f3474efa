/** The plugin contract's types: beside the option fields they are declared with, apart from types.ts. */
import type { Field as OptionField } from './spec/schema.js';
import type { ParsedOptions } from './spec/typed.js';
import type { PluginInstance, PluginGroup, PluginOptionDoc, StepInterval } from './types.js';

/**
 * Plugin contract v1: a plain object. A module whose default export is one (or an array of them) can be
 * loaded by the CLI with `--plugin`; it needs no import from lrkit.
 *
 * Options are declared one of two ways: `schema` (since @lrkit/schedulers 0.2: the field list the built-ins
 * use, which validates, fills defaults, documents and enters the JSON Schema, all from one declaration),
 * or `parse` alone (the original v1 way, still supported). With `schema`, `parse` is optional and receives
 * the validated options with defaults filled in (for checks between options, or to reshape them).
 */
export interface SchedulerPlugin<O = unknown> {
  /** Registry name, used as the spec's `type`. */
  name: string;
  apiVersion: 1;
  /** The options, as built-ins declare theirs (plain data: no import from lrkit needed). */
  schema?: readonly OptionField[];
  /**
   * Without `schema`: validate raw options (the spec minus `type` and `interval`). With it: check or
   * reshape the validated options. Throw an Error whose message reaches the user.
   */
  parse?(options: unknown): O;
  /** Start a schedule for these groups. */
  create(options: O, groups: readonly PluginGroup[]): PluginInstance;
  /** Optional: one line shown by `lrkit schedulers`. */
  description?: string;
  /** Optional, without `schema`: the options shown by `lrkit schedulers` (with `schema` they come from it). */
  options?: readonly PluginOptionDoc[];
  /** Optional: default `interval` for this schedule ('epoch' if absent). */
  interval?: StepInterval;
}

/** A plugin that declares its options with `schema`: `create` gets them typed, defaults filled in. */
export interface SchemaPlugin<F extends readonly OptionField[], O = ParsedOptions<F>> extends Omit<SchedulerPlugin<O>, 'schema' | 'parse'> {
  schema: F;
  parse?(options: ParsedOptions<F>): O;
}
