import type { SchedulerPlugin } from '@lrkit/schedulers';

/** Options of the REX schedule after validation. */
export interface RexOptions {
  totalSteps: number;
  minLr: number;
}

/**
 * REX ("Reflected Exponential", Chen et al., "REX: Revisiting Budgeted Training with an Improved
 * Schedule", 2022): with progress p = k / totalSteps, the rate is
 * base * (1 - p) / (0.5 + 0.5 * (1 - p)), a decay that stays high longer than linear and drops to
 * minLr at totalSteps (lrkit's boundary convention), then holds it.
 *
 * Only a type is imported from lrkit: at run time this is a plain object (plugin contract v1).
 */
export const rex: SchedulerPlugin<RexOptions> = {
  name: 'rex',
  apiVersion: 1,
  description: 'REX budgeted-training decay: base*(1-p)/(0.5+0.5(1-p)), to minLr at totalSteps',
  interval: 'step',
  options: [
    { name: 'totalSteps', type: 'integer', required: true, description: 'step at which the rate reaches minLr' },
    { name: 'minLr', type: 'number', default: 0, description: 'floor rate' },
  ],
  parse(options) {
    const o = (options ?? {}) as Record<string, unknown>;
    for (const key of Object.keys(o)) {
      if (key !== 'totalSteps' && key !== 'minLr') throw new Error(`${key}: unknown option; rex takes totalSteps and minLr`);
    }
    if (typeof o.totalSteps !== 'number' || !Number.isInteger(o.totalSteps) || o.totalSteps < 1)
      throw new Error(`totalSteps: expected an integer >= 1, got ${JSON.stringify(o.totalSteps)}`);
    const minLr = o.minLr ?? 0;
    if (typeof minLr !== 'number' || !Number.isFinite(minLr) || minLr < 0) throw new Error(`minLr: expected a number >= 0, got ${JSON.stringify(minLr)}`);
    return { totalSteps: o.totalSteps, minLr };
  },
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
