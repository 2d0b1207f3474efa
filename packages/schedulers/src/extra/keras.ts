import type { ClosedForm } from '../closed-form.js';
import { specFail, type Field } from '../spec/schema.js';
import { closedFormSchedule, scaleAll } from './closed-form-schedule.js';

/** The options of Keras' decays; only decayRate's range and description differ. */
export const kerasDecayFields = (rate: { above?: number; min?: number; description: string }) =>
  [
    { name: 'decaySteps', type: 'integer', required: true, min: 1, description: 'steps per decay period' },
    { name: 'decayRate', type: 'number', required: true, ...rate },
    { name: 'staircase', type: 'boolean', default: false, description: 'decay in discrete steps' },
  ] as const satisfies readonly Field[];

/** A Keras decay's options, read once when the schedule is made. */
interface KerasDecay {
  decaySteps: number;
  decayRate: number;
  staircase: boolean;
}

/** Keras' decay progress after k steps: k / decaySteps, floored with staircase. */
function progress(k: number, d: KerasDecay): number {
  return d.staircase ? Math.floor(k / d.decaySteps) : k / d.decaySteps;
}

/**
 * Keras' two decays of one shape: base * factor(decayRate, p) with p = progress(k). Only the factor and
 * the allowed rates differ. Each decay writes its own `fill` (`form`), with its factor written inline:
 * one `fill` shared by both and calling the factor through a function value made that call site see two
 * targets once both had run in a process, and V8 then called the factor out of line, boxing p and the
 * factor into two heap numbers (32 bytes) on every step.
 */
function kerasDecay(def: {
  name: string;
  description: string;
  rate: { above?: number; min?: number; description: string };
  form(d: KerasDecay, base: Float64Array): ClosedForm;
}) {
  return closedFormSchedule({
    name: def.name,
    description: def.description,
    interval: 'step',
    rateOptions: ['decayRate'],
    fields: kerasDecayFields(def.rate),
    make: (o, base) =>
      def.form({ decaySteps: o.decaySteps as number, decayRate: o.decayRate as number, staircase: o.staircase as boolean }, base),
  });
}

/** Keras ExponentialDecay: base * decayRate^(k / decaySteps), floored exponent with staircase. */
export const exponentialDecaySchedule = /* @__PURE__ */ kerasDecay({
  name: 'exponential-decay',
  description: 'Keras ExponentialDecay: base * decayRate^(step / decaySteps), optional staircase',
  rate: { above: 0, description: 'factor per period' },
  form: (d, base) => ({
    fill(k, _m, out) {
      scaleAll(out, base, d.decayRate ** progress(k, d));
    },
  }),
});

/** Keras InverseTimeDecay: base / (1 + decayRate * k / decaySteps). */
export const inverseTimeSchedule = /* @__PURE__ */ kerasDecay({
  name: 'inverse-time',
  description: 'Keras InverseTimeDecay: base / (1 + decayRate * step / decaySteps), optional staircase',
  rate: { min: 0, description: 'decay rate' },
  form: (d, base) => ({
    fill(k, _m, out) {
      scaleAll(out, base, 1 / (1 + d.decayRate * progress(k, d)));
    },
  }),
});

/** piecewise-constant's options: they validate specs, fill defaults, document, and type ScheduleSpec. */
export const piecewiseConstantFields = [
  { name: 'boundaries', type: 'integerList', required: true, min: 1, description: 'increasing steps; values[i+1] starts at step boundaries[i]' },
  { name: 'values', type: 'numberList', required: true, min: 0, description: 'factors of the base rate, one more than boundaries' },
] as const satisfies readonly Field[];

/**
 * Keras PiecewiseConstantDecay, held to lrkit's boundary convention: values[i+1] starts at step
 * boundaries[i] (Keras switches one step later, `step > boundary`). Values are factors of each group's
 * base rate (Keras has one rate; factors keep param groups apart).
 */
export const piecewiseConstantSchedule = /* @__PURE__ */ closedFormSchedule({
  name: 'piecewise-constant',
  description: 'Keras PiecewiseConstantDecay: base * values[i] between boundaries (values are factors)',
  interval: 'step',
  fields: piecewiseConstantFields,
  check(o, path) {
    const b = o.boundaries as number[];
    const v = o.values as number[];
    if (v.length !== b.length + 1) specFail(`${path}.values`, `expected ${b.length + 1} values (one more than boundaries), got ${v.length}`);
    for (let i = 1; i < b.length; i++)
      if (b[i]! <= b[i - 1]!) specFail(`${path}.boundaries[${i}]`, `boundaries must be increasing, got ${b[i]} after ${b[i - 1]}`);
  },
  make(o, base) {
    const b = o.boundaries as number[];
    const v = o.values as number[];
    return {
      fill(k, _m, out) {
        let i = 0;
        while (i < b.length && k >= b[i]!) i++;
        scaleAll(out, base, v[i]!);
      },
    };
  },
});
