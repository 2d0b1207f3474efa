import { ClosedFormNode, type ClosedForm } from '../closed-form.js';
import type { BuiltinSchedule } from '../node.js';
import type { Field } from '../spec/schema.js';
import type { StepInterval } from '../types.js';

/** Declare a built-in given by its rate after k steps (lrkit's schedules beyond PyTorch). */
export function closedFormSchedule(def: {
  name: string;
  description: string;
  fields: readonly Field[];
  interval?: StepInterval;
  /** Options that can drive the rate out of the finite range (named when it leaves). */
  rateOptions?: readonly string[];
  check?(o: Record<string, unknown>, path: string): void;
  /** Make the per-group rate function; per-group options are expanded with `groups`. */
  make(o: Record<string, unknown>, baseLrs: Float64Array, path: string): ClosedForm;
}): BuiltinSchedule {
  return {
    name: def.name,
    description: def.description,
    source: 'builtin',
    json: true,
    fields: def.fields,
    check: def.check,
    rateOptions: def.rateOptions,
    interval: () => def.interval ?? 'step',
    build(o, ctx, path) {
      // Validate per-group options now (before anything runs), with a throwaway base.
      def.make(o, new Float64Array(ctx.groups.count), path);
      return new ClosedFormNode(ctx.groups, (baseLrs) => def.make(o, baseLrs, path));
    },
  };
}

/** Fill `out` with base * f for every group. */
export function scaleAll(out: Float64Array, baseLrs: Float64Array, f: number): void {
  for (let i = 0; i < out.length; i++) out[i] = baseLrs[i]! * f;
}

/** Linear or exponential warmup factor at step k of w (k < w): from start to 1. */
export function warmupFactor(k: number, w: number, start: number, mode: string): number {
  if (mode === 'exponential') return start * (1 / start) ** (k / w);
  return start + ((1 - start) * k) / w;
}

const warmupStepsDoc = 'steps of warmup (peak reached at step warmupSteps)';
const startFactorField = { name: 'startFactor', type: 'number', default: 0, min: 0, max: 1, description: 'rate at step 0, as a fraction of the peak' } as const;

/** Warmup options where warmupSteps is required... */
export const warmupFieldsRequired = [
  { name: 'warmupSteps', type: 'integer', required: true, min: 0, description: warmupStepsDoc },
  startFactorField,
] as const satisfies readonly Field[];

/** ...and where it defaults to 0. */
export const warmupFieldsDefault0 = [
  { name: 'warmupSteps', type: 'integer', default: 0, min: 0, description: warmupStepsDoc },
  startFactorField,
] as const satisfies readonly Field[];
