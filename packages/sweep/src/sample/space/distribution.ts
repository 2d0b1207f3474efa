// What a sampler block (`random`, `tpe`) may write for a searched setting: a distribution, optionally
// conditional on another searched setting. Described once in zod: the parser checks files with it and
// sweep.schema.json is generated from it.
import { z } from 'zod';

const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/**
 * `{"schedule.type": "one-cycle"}`: the setting is searched only in trials where each named setting has
 * that value (or one of a list of values); elsewhere it is left as the file's `train` has it.
 */
export const condition = z
  .record(z.string(), z.union([scalar, z.array(scalar).min(1)]))
  .describe('search this setting only where each named setting (a searched field, or a path into one: "schedule.type") has the value given, or one of a list');

const conditional = { if: condition.optional() };

const range = z.tuple([z.number(), z.number()]);

const logUniform = z.strictObject({
  logUniform: range.describe('[low, high], 0 < low < high: sampled uniformly in log space'),
  ...conditional,
});
const uniform = z.strictObject({ uniform: range.describe('[low, high], low < high'), ...conditional });
const int = z.strictObject({
  int: z.tuple([z.number().int(), z.number().int()]).describe('[low, high], integers, low < high, both included'),
  log: z.boolean().optional().describe('sample in log space (both bounds >= 1); default false'),
  ...conditional,
});
const choice = z.strictObject({ choice: z.array(z.unknown()).min(1).describe('the values to choose from'), ...conditional });

// An id: the published JSON Schema defines it once ($defs) for every field of both sampler blocks.
export const distribution = z.union([logUniform, uniform, int, choice]).meta({ id: 'distribution' });
export type Distribution = z.infer<typeof distribution>;
export type Condition = z.infer<typeof condition>;

/** The forms, for the message that refuses something else. */
export const DISTRIBUTION_FORMS = '{"logUniform": [low, high]}, {"uniform": [low, high]}, {"int": [low, high], "log"?: true} or {"choice": [values]}';

/** The distribution's kind: its one key besides `if` and `log`. */
export type DistributionKind = 'logUniform' | 'uniform' | 'int' | 'choice';
export function kindOf(dist: Distribution): DistributionKind {
  if ('logUniform' in dist) return 'logUniform';
  if ('uniform' in dist) return 'uniform';
  if ('int' in dist) return 'int';
  return 'choice';
}
