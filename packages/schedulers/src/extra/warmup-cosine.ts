import { perGroup, specFail } from '../spec/schema.js';
import { closedFormSchedule, warmupFactor, warmupFields } from './closed-form-schedule.js';

/** Linear warmup to the base rate, then a half cosine down to minLr at totalSteps, then minLr. */
export const warmupCosineSchedule = closedFormSchedule({
  name: 'warmup-cosine',
  description: 'linear warmup, then cosine decay to a floor (minLr) at totalSteps',
  fields: [
    ...warmupFields(undefined),
    { name: 'totalSteps', type: 'integer', required: true, min: 1, description: 'step at which the floor is reached' },
    { name: 'minLr', type: 'perGroup', default: 0, min: 0, description: 'floor rate' },
  ],
  check(o, path) {
    if ((o.warmupSteps as number) >= (o.totalSteps as number))
      specFail(`${path}.warmupSteps`, `must be less than totalSteps (${String(o.totalSteps)}), got ${String(o.warmupSteps)}`);
  },
  make(o, base, path) {
    const w = o.warmupSteps as number;
    const t = o.totalSteps as number;
    const start = o.startFactor as number;
    const min = perGroup(o.minLr as number | number[], base.length, `${path}.minLr`);
    return {
      fill(k, _m, out) {
        for (let i = 0; i < out.length; i++) {
          if (k < w) out[i] = base[i]! * warmupFactor(k, w, start, 'linear');
          else if (k >= t) out[i] = min[i]!;
          else out[i] = min[i]! + ((base[i]! - min[i]!) * (1 + Math.cos((Math.PI * (k - w)) / (t - w)))) / 2;
        }
      },
    };
  },
});
