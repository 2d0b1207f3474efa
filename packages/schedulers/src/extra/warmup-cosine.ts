import type { Field } from '../spec/schema.js';
import { closedFormSchedule, warmupFieldsRequired } from './closed-form-schedule.js';
import { checkWarmupBeforeTotal, warmupCosineCycles } from './warmup-cosine-cycles.js';

/** warmupCosine's options: they validate specs, fill defaults, document, and type ScheduleSpec. */
export const warmupCosineFields = [
  ...warmupFieldsRequired,
  { name: 'totalSteps', type: 'integer', min: 1, runLength: 'steps', description: "step at which the floor is reached (left out: the run's steps)" },
  { name: 'minLr', type: 'perGroup', default: 0, min: 0, description: 'floor rate' },
] as const satisfies readonly Field[];

/** Linear warmup to the base rate, then a half cosine down to minLr at totalSteps, then minLr. */
export const warmupCosineSchedule = /* @__PURE__ */ closedFormSchedule({
  name: 'warmup-cosine',
  description: 'linear warmup, then cosine decay to a floor (minLr) at totalSteps',
  fields: warmupCosineFields,
  check: checkWarmupBeforeTotal,
  make: (o, base, path) => warmupCosineCycles(o, base, path, 1),
});
