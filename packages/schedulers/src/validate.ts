import { ScheduleSpecError } from './errors.js';
import { defaultRegistry } from './registry.js';
import type { ScheduleRegistry } from './schedule-registry.js';
import { parseSpec } from './spec/parse.js';
import { treeCyclesMomentum, treeInterval, treeMaxSteps, treeNeedsMetric } from './tree.js';
import type { SpecInfo } from './types.js';

/**
 * Validate a spec without an optimizer, and say what a training loop needs to know about it. With
 * `steps` (the number of step() calls the loop will make) it also refuses a run longer than the schedule
 * allows, e.g. one-cycle's totalSteps, before training starts rather than when it gets there.
 */
export function validateSpec(spec: unknown, options: { steps?: number } = {}, registry: ScheduleRegistry = defaultRegistry): SpecInfo {
  return validateIn(spec, options, registry);
}

/** validateSpec's work, with the registry given. */
export function validateIn(spec: unknown, options: { steps?: number }, registry: ScheduleRegistry): SpecInfo {
  const parsed = parseSpec(spec, registry);
  const maxSteps = treeMaxSteps(parsed);
  const { steps } = options;
  if (steps !== undefined && steps > maxSteps)
    throw new ScheduleSpecError('steps', `the run needs ${steps} scheduler steps, but this schedule allows at most ${maxSteps} (e.g. one-cycle's totalSteps)`);
  return {
    type: parsed.type,
    interval: treeInterval(parsed),
    needsMetric: treeNeedsMetric(parsed),
    cyclesMomentum: treeCyclesMomentum(parsed),
    maxSteps: Number.isFinite(maxSteps) ? maxSteps : null,
  };
}
