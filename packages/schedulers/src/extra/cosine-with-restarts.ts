import { perGroup, specFail } from '../spec/schema.js';
import { closedFormSchedule, warmupFactor, warmupFields } from './closed-form-schedule.js';

/**
 * Hard restarts (Hugging Face's cosine_with_hard_restarts): after warmup, `cycles` equal cosine cycles
 * from the base rate to minLr, each jumping back to the base; minLr from totalSteps on.
 */
export const cosineWithRestartsSchedule = closedFormSchedule({
  name: 'cosine-with-restarts',
  description: 'warmup, then `cycles` cosine cycles with hard restarts, ending at minLr at totalSteps',
  fields: [
    ...warmupFields(0),
    { name: 'totalSteps', type: 'integer', required: true, min: 1, description: 'step at which the last cycle ends' },
    { name: 'cycles', type: 'integer', default: 1, min: 1, description: 'number of cosine cycles' },
    { name: 'minLr', type: 'perGroup', default: 0, min: 0, description: 'rate at the bottom of each cycle' },
  ],
  check(o, path) {
    if ((o.warmupSteps as number) >= (o.totalSteps as number))
      specFail(`${path}.warmupSteps`, `must be less than totalSteps (${String(o.totalSteps)}), got ${String(o.warmupSteps)}`);
  },
  make(o, base, path) {
    const w = o.warmupSteps as number;
    const t = o.totalSteps as number;
    const cycles = o.cycles as number;
    const start = o.startFactor as number;
    const min = perGroup(o.minLr as number | number[], base.length, `${path}.minLr`);
    return {
      fill(k, _m, out) {
        for (let i = 0; i < out.length; i++) {
          if (k < w) out[i] = base[i]! * warmupFactor(k, w, start, 'linear');
          else if (k >= t) out[i] = min[i]!;
          else {
            const phase = ((cycles * (k - w)) / (t - w)) % 1;
            out[i] = min[i]! + ((base[i]! - min[i]!) * (1 + Math.cos(Math.PI * phase))) / 2;
          }
        }
      },
    };
  },
});
