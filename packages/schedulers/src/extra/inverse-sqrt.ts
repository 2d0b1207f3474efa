import type { Field } from '../spec/schema.js';
import { closedFormSchedule, scaleAll } from './closed-form-schedule.js';

/** inverseSqrt's options: they validate specs, fill defaults, document, and type ScheduleSpec. */
export const inverseSqrtFields = [
  { name: 'warmupSteps', type: 'integer', default: 0, min: 0, description: 'steps of linear warmup from 0' },
  { name: 'timescale', type: 'number', default: null, nullable: true, above: 0, description: 'decay timescale (default: warmupSteps, or 1)' },
] as const satisfies readonly Field[];

/**
 * Inverse square root (Transformer / fairseq): linear warmup from 0 to the base rate over warmupSteps,
 * then base * sqrt(timescale / (k - warmupSteps + timescale)), continuous at the peak.
 */
export const inverseSqrtSchedule = /* @__PURE__ */ closedFormSchedule({
  name: 'inverse-sqrt',
  description: 'linear warmup, then decay proportional to 1/sqrt(step)',
  fields: inverseSqrtFields,
  make(o, base) {
    const w = o.warmupSteps as number;
    const ts = (o.timescale as number | null) ?? Math.max(w, 1);
    return {
      fill(k, _m, out) {
        scaleAll(out, base, k < w ? k / w : Math.sqrt(ts / (k - w + ts)));
      },
    };
  },
});
