import { specFail, type Field } from '../spec/schema.js';
import { closedFormSchedule } from './closed-form-schedule.js';
import { stepNoise } from './noise.js';

/** cosine-timm's options: they validate specs, fill defaults, document, and type ScheduleSpec. */
export const timmCosineFields = [
  { name: 'tInitial', type: 'integer', min: 1, runLength: 'steps', description: "steps of the first cycle (left out: the run's steps, timm's t_initial = epochs)" },
  { name: 'lrMin', type: 'number', default: 0, min: 0, description: 'floor rate' },
  { name: 'cycleMul', type: 'number', default: 1, above: 0, description: 'cycle length multiplier' },
  { name: 'cycleDecay', type: 'number', default: 1, min: 0, description: 'peak multiplier per cycle' },
  { name: 'cycleLimit', type: 'integer', default: 1, min: 1, description: 'number of cycles before holding lrMin' },
  { name: 'kDecay', type: 'number', default: 1, above: 0, description: 'k-decay exponent (1 = plain cosine)' },
  { name: 'warmupT', type: 'integer', default: 0, min: 0, description: 'warmup steps' },
  { name: 'warmupLrInit', type: 'number', default: 0, min: 0, description: 'rate at step 0 when warming up' },
  { name: 'warmupPrefix', type: 'boolean', default: false, description: 'start the cosine after warmup (else warmup overlays it)' },
  { name: 'noiseRange', type: 'numberList', default: null, nullable: true, min: 0, description: '[start, end) steps with noise ([start] = from start on)' },
  { name: 'noiseType', type: 'enum', default: 'normal', values: ['normal', 'uniform'], description: 'noise distribution' },
  { name: 'noisePct', type: 'number', default: 0.67, min: 0, description: 'noise bound (fraction of the rate)' },
  { name: 'noiseStd', type: 'number', default: 1, min: 0, description: 'std of normal noise' },
  { name: 'noiseSeed', type: 'integer', default: 42, description: 'noise seed' },
] as const satisfies readonly Field[];

/**
 * timm's CosineLRScheduler: cosine cycles of tInitial steps (each cycleMul times longer and cycleDecay
 * times lower), at most cycleLimit cycles then lrMin, k-decay, linear warmup from warmupLrInit, and
 * optional seeded multiplicative noise within noiseRange.
 */
export const timmCosineSchedule = /* @__PURE__ */ closedFormSchedule({
  name: 'cosine-timm',
  description: 'timm CosineLRScheduler: cycle decay, cycle limit, k-decay, warmup and seeded noise',
  fields: timmCosineFields,
  check(o, path) {
    const r = o.noiseRange as number[] | null;
    if (r && (r.length < 1 || r.length > 2)) specFail(`${path}.noiseRange`, `expected [start] or [start, end], got ${r.length} numbers`);
  },
  make(o, base) {
    const tI = o.tInitial as number;
    const lrMin = o.lrMin as number;
    const mul = o.cycleMul as number;
    const decay = o.cycleDecay as number;
    const limit = o.cycleLimit as number;
    const kd = o.kDecay as number;
    const wT = o.warmupT as number;
    const wInit = o.warmupLrInit as number;
    const prefix = o.warmupPrefix as boolean;
    const range = o.noiseRange as number[] | null;
    const kind = o.noiseType as 'normal' | 'uniform';
    const pct = o.noisePct as number;
    const std = o.noiseStd as number;
    const seed = o.noiseSeed as number;
    const noise = new Float64Array(1);
    return {
      fill(k, _m, out) {
        // Every branch stores straight into `out` (a Float64Array): no mixed-type local to box per step.
        for (let g = 0; g < out.length; g++) {
          const b = base[g]!;
          if (k < wT) {
            out[g] = wInit + k * ((b - wInit) / wT);
            continue;
          }
          const t = prefix ? k - wT : k;
          let i: number;
          let tCycle: number;
          let tCurr: number;
          if (mul !== 1) {
            i = Math.floor(Math.log(1 - (t / tI) * (1 - mul)) / Math.log(mul));
            tCycle = mul ** i * tI;
            tCurr = t - ((1 - mul ** i) / (1 - mul)) * tI;
          } else {
            i = Math.floor(t / tI);
            tCycle = tI;
            tCurr = t - tI * i;
          }
          if (i < limit) out[g] = lrMin + 0.5 * (b * decay ** i - lrMin) * (1 + Math.cos((Math.PI * tCurr ** kd) / tCycle ** kd));
          else out[g] = lrMin;
        }
        if (range && (range.length === 1 ? k >= range[0]! : k >= range[0]! && k < range[1]!)) {
          stepNoise(seed, k, kind, pct, std, noise);
          for (let g = 0; g < out.length; g++) out[g] = out[g]! + out[g]! * noise[0]!;
        }
      },
    };
  },
});
