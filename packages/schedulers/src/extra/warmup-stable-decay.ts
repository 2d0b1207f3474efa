import { perGroup, type Field } from '../spec/schema.js';
import { closedFormSchedule, warmupFactor, warmupFieldsDefault0 } from './closed-form-schedule.js';

/** warmupStableDecay's options: they validate specs, fill defaults, document, and type ScheduleSpec. */
export const warmupStableDecayFields = [
  ...warmupFieldsDefault0,
  { name: 'stableSteps', type: 'integer', required: true, min: 0, description: 'steps at the base rate' },
  { name: 'decaySteps', type: 'integer', required: true, min: 1, description: 'steps of the decay' },
  { name: 'decay', type: 'enum', default: 'linear', values: ['linear', 'cosine', '1-sqrt'], description: 'decay shape' },
  { name: 'minLr', type: 'perGroup', default: 0, min: 0, description: 'rate at the end of the decay and after' },
] as const satisfies readonly Field[];

/** Warmup-stable-decay (WSD): warmup, hold the base rate, then decay to minLr (linear, cosine or 1-sqrt). */
export const warmupStableDecaySchedule = /* @__PURE__ */ closedFormSchedule({
  name: 'warmup-stable-decay',
  description: 'WSD: warmup, hold, then linear / cosine / 1-sqrt decay to minLr',
  fields: warmupStableDecayFields,
  make(o, base, path) {
    const w = o.warmupSteps as number;
    const s = w + (o.stableSteps as number);
    const d = o.decaySteps as number;
    const start = o.startFactor as number;
    const shape = o.decay as string;
    const min = perGroup(o.minLr as number | number[], base.length, `${path}.minLr`);
    return {
      fill(k, _m, out) {
        for (let i = 0; i < out.length; i++) {
          if (k < w) out[i] = base[i]! * warmupFactor(k, w, start, 'linear');
          else if (k < s) out[i] = base[i]!;
          else if (k >= s + d) out[i] = min[i]!;
          else {
            const p = (k - s) / d;
            const f = shape === 'linear' ? 1 - p : shape === 'cosine' ? (1 + Math.cos(Math.PI * p)) / 2 : 1 - Math.sqrt(p);
            out[i] = min[i]! + (base[i]! - min[i]!) * f;
          }
        }
      },
    };
  },
});
