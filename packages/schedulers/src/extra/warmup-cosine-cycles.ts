import { perGroup, specFail } from '../spec/schema.js';
import type { ClosedForm } from '../closed-form.js';
import { warmupFactor } from './closed-form-schedule.js';

type Options = Record<string, unknown>;

/** warmupSteps must end before totalSteps (both schedules below share the rule). */
export function checkWarmupBeforeTotal(o: Options, path: string): void {
  if ((o.warmupSteps as number) >= (o.totalSteps as number))
    specFail(`${path}.warmupSteps`, `must be less than totalSteps (${String(o.totalSteps)}), got ${String(o.warmupSteps)}`);
}

/**
 * Linear warmup to the base rate, then `cycles` equal cosine cycles from the base rate down to minLr, each
 * restarting at the base (one cycle: plain warmup-cosine); minLr from totalSteps on.
 */
export function warmupCosineCycles(o: Options, base: Float64Array, path: string, cycles: number): ClosedForm {
  const w = o.warmupSteps as number;
  const t = o.totalSteps as number;
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
}
