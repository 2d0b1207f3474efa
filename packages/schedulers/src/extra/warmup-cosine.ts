import { closedFormSchedule, warmupFields } from './closed-form-schedule.js';
import { checkWarmupBeforeTotal, warmupCosineCycles } from './warmup-cosine-cycles.js';

/** Linear warmup to the base rate, then a half cosine down to minLr at totalSteps, then minLr. */
export const warmupCosineSchedule = closedFormSchedule({
  name: 'warmup-cosine',
  description: 'linear warmup, then cosine decay to a floor (minLr) at totalSteps',
  fields: [
    ...warmupFields(undefined),
    { name: 'totalSteps', type: 'integer', required: true, min: 1, description: 'step at which the floor is reached' },
    { name: 'minLr', type: 'perGroup', default: 0, min: 0, description: 'floor rate' },
  ],
  check: checkWarmupBeforeTotal,
  make: (o, base, path) => warmupCosineCycles(o, base, path, 1),
});
