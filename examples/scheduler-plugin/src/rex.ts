import type { OptionField, ParsedOptions, SchedulerPlugin, SpecOptions } from '@lrkit/schedulers';

/**
 * REX's options, declared once: lrkit validates specs against them (unknown options, types, ranges, with
 * "did you mean"), fills the defaults, lists them in `lrkit schedulers` and in the JSON Schema.
 */
export const rexSchema = [
  // runLength: left out of a spec, the run fills it (a training run's steps, a preview's --steps).
  { name: 'totalSteps', type: 'integer', runLength: 'steps', min: 1, description: "step at which the rate reaches minLr (left out: the run's steps)" },
  { name: 'minLr', type: 'number', default: 0, min: 0, description: 'floor rate' },
] as const satisfies readonly OptionField[];

/** The options `create` receives: validated, defaults filled in. */
export type RexOptions = ParsedOptions<typeof rexSchema>;

/** What a spec may say: `{type: 'rex', totalSteps?, minLr?}`. */
export type RexSpec = SpecOptions<typeof rexSchema>;

/**
 * REX ("Reflected Exponential", Chen et al., "REX: Revisiting Budgeted Training with an Improved
 * Schedule", 2022): with progress p = k / totalSteps, the rate is
 * base * (1 - p) / (0.5 + 0.5 * (1 - p)), a decay that stays high longer than linear and drops to
 * minLr at totalSteps (lrkit's boundary convention), then holds it.
 *
 * Only types are imported from lrkit: at run time this is a plain object (plugin contract v1).
 */
export const rex: SchedulerPlugin<RexOptions> = {
  name: 'rex',
  apiVersion: 1,
  description: 'REX budgeted-training decay: base*(1-p)/(0.5+0.5(1-p)), to minLr at totalSteps',
  interval: 'step',
  schema: rexSchema,
  create({ totalSteps, minLr }, groups) {
    // One array reused for every call: lrkit copies the rates at once.
    const out = groups.map((g) => g.baseLr);
    return {
      lr(step) {
        const rest = 1 - Math.min(step, totalSteps) / totalSteps;
        const f = rest / (0.5 + 0.5 * rest);
        for (let i = 0; i < groups.length; i++) out[i] = minLr + (groups[i]!.baseLr - minLr) * f;
        return out;
      },
    };
  },
};
