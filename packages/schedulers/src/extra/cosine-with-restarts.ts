import type { Field } from '../spec/schema.js';
import { closedFormSchedule, warmupFieldsDefault0 } from './closed-form-schedule.js';
import { checkWarmupBeforeTotal, warmupCosineCycles } from './warmup-cosine-cycles.js';

/** cosineWithRestarts's options: they validate specs, fill defaults, document, and type ScheduleSpec. */
export const cosineWithRestartsFields = [
  ...warmupFieldsDefault0,
  { name: 'totalSteps', type: 'integer', min: 1, runLength: 'steps', description: "step at which the last cycle ends (left out: the run's steps)" },
  { name: 'cycles', type: 'integer', default: 1, min: 1, description: 'number of cosine cycles' },
  { name: 'minLr', type: 'perGroup', default: 0, min: 0, description: 'rate at the bottom of each cycle' },
] as const satisfies readonly Field[];

/**
 * Hard restarts (Hugging Face's cosine_with_hard_restarts): after warmup, `cycles` equal cosine cycles
 * from the base rate to minLr, each jumping back to the base; minLr from totalSteps on.
 */
export const cosineWithRestartsSchedule = /* @__PURE__ */ closedFormSchedule({
  name: 'cosine-with-restarts',
  description: 'warmup, then `cycles` cosine cycles with hard restarts, ending at minLr at totalSteps',
  fields: cosineWithRestartsFields,
  check: checkWarmupBeforeTotal,
  make: (o, base, path) => warmupCosineCycles(o, base, path, o.cycles as number),
});
