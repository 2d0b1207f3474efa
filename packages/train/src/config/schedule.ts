import { compileSchedule, isCompiledSchedule, type CompiledSchedule, type Registry } from '@lrkit/schedulers';
import { TrainConfigError } from '../errors';

/**
 * The config's schedule, compiled: a spec is parsed here, once (against `registry`, default the process-wide
 * one); a CompiledSchedule is taken as it is (it was parsed against its own registry, so naming another is
 * refused rather than ignored).
 */
export function planSchedule(given: unknown, registry: Registry | undefined): CompiledSchedule {
  if (!isCompiledSchedule(given)) return compileSchedule(given, { registry });
  if (registry) throw new TrainConfigError('schedule', 'is compiled already, against its own registry: give the spec with this registry, or no registry');
  return given;
}

