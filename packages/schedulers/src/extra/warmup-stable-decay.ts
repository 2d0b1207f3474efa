import { perGroup, specFail, type Field } from '../spec/schema.js';
import { closedFormSchedule, warmupFactor, warmupFieldsDefault0 } from './closed-form-schedule.js';

/** warmupStableDecay's options: they validate specs, fill defaults, document, and type ScheduleSpec. */
export const warmupStableDecayFields = [
  ...warmupFieldsDefault0,
  { name: 'stableSteps', type: 'integer', default: null, nullable: true, min: 0, description: 'steps at the base rate (or give totalSteps: the rest)' },
  { name: 'decaySteps', type: 'integer', default: null, nullable: true, min: 1, description: 'steps of the decay (or decayFraction)' },
  { name: 'decayFraction', type: 'number', default: null, nullable: true, above: 0, max: 1, description: 'with totalSteps: the decay as a fraction of it (rounded to whole steps)' },
  {
    name: 'totalSteps',
    type: 'integer',
    default: null,
    nullable: true,
    min: 1,
    runLength: 'steps',
    unlessGiven: ['stableSteps'],
    description: "instead of stableSteps: warmup, stable and decay together (left out: the run's steps)",
  },
  { name: 'decay', type: 'enum', default: 'linear', values: ['linear', 'cosine', '1-sqrt'], description: 'decay shape' },
  { name: 'minLr', type: 'perGroup', default: 0, min: 0, description: 'rate at the end of the decay and after' },
] as const satisfies readonly Field[];

/**
 * The stable and decay steps, given (stableSteps, decaySteps) or as parts of totalSteps (the run's length
 * where left out): decaySteps, or decayFraction of totalSteps rounded, and the stable phase the rest.
 */
function phases(o: Record<string, unknown>, path: string): { stable: number; decay: number } {
  const total = o.totalSteps as number | null;
  const fraction = o.decayFraction as number | null;
  const given = o.decaySteps as number | null;
  if (o.stableSteps !== null) {
    if (total !== null) specFail(`${path}.totalSteps`, 'give either stableSteps or totalSteps (the stable phase is then the rest), not both');
    if (fraction !== null) specFail(`${path}.decayFraction`, 'is a fraction of totalSteps: give totalSteps instead of stableSteps, or decaySteps');
    if (given === null) specFail(`${path}.decaySteps`, 'is required with stableSteps (or give totalSteps and decayFraction)');
    return { stable: o.stableSteps as number, decay: given };
  }
  if (total === null) specFail(`${path}.stableSteps`, 'is required (or give totalSteps)');
  if ((given === null) === (fraction === null)) specFail(`${path}.decaySteps`, 'give either decaySteps or decayFraction with totalSteps');
  const decay = given ?? Math.max(1, Math.round(fraction! * total));
  const stable = total - (o.warmupSteps as number) - decay;
  if (stable < 0)
    specFail(`${path}.totalSteps`, `${total} steps do not hold the warmup (${String(o.warmupSteps)}) and the decay (${decay}): the stable phase would be ${stable} steps`);
  return { stable, decay };
}

/** Warmup-stable-decay (WSD): warmup, hold the base rate, then decay to minLr (linear, cosine or 1-sqrt). */
export const warmupStableDecaySchedule = /* @__PURE__ */ closedFormSchedule({
  name: 'warmup-stable-decay',
  description: 'WSD: warmup, hold, then linear / cosine / 1-sqrt decay to minLr',
  fields: warmupStableDecayFields,
  check(o, path) {
    phases(o, path);
  },
  make(o, base, path) {
    const w = o.warmupSteps as number;
    const { stable, decay: d } = phases(o, path);
    const s = w + stable;
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
