import { ScheduleSpecError } from './errors.js';
import type { ParsedSpec } from './node.js';
import { treeRateOptions } from './tree.js';

/**
 * A rate that stopped being a finite number (exponential with gamma 1e300 overflows to Infinity, then
 * Infinity * 0 is NaN): the error names the option that did it, so the run stops before the optimizer
 * trains on it. Negative rates stay allowed: PyTorch's one-cycle with linear annealing overshoots below 0
 * at its last step, and lrkit keeps PyTorch's numbers.
 */
export function rateNotFinite(spec: ParsedSpec, group: number, value: number, step: number): ScheduleSpecError {
  const options = treeRateOptions(spec);
  const what = `param group ${group}'s rate is ${String(value)} after ${step} step${step === 1 ? '' : 's'}: a learning rate must stay a finite number`;
  if (options.length === 1) return new ScheduleSpecError(options[0]!, `${what}; this value takes it out of the finite range`);
  return new ScheduleSpecError(spec.path, `${what}; one of ${options.join(', ')} takes it out of the finite range`);
}
