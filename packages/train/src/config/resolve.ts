import { embeddedDataPath } from '@lrkit/data';
import { defaultRegistry, validateSpec, type Registry, type SpecInfo } from '@lrkit/schedulers';
import { TrainConfigError } from '../errors';
import type { ResolvedTrainConfig, TrainConfig } from '../types';
import { checkFields } from './check';
import { VAL_FRACTION_WHEN_NEEDED } from './names';
import { trainConfigFields } from './table';

export { MAX_SEED } from './names';

/** A resolved config with the schedule spec already parsed and validated (once) against a registry. */
export interface TrainPlan {
  config: ResolvedTrainConfig;
  /** What the loop needs to know about the schedule: its interval, whether it watches a metric, its step limit. */
  schedule: SpecInfo;
}

/** How the resolved config names an in-memory data set (`TrainOptions.dataset`). */
export const IN_MEMORY_DATA = '(in memory)';

/**
 * Every field checked and every default filled in, by the field table (table.ts), then what relates fields:
 * the schedule spec (parsed once, against `registry`: default the process-wide one) and the validation
 * split it or early stopping watches. A bad field throws TrainConfigError naming it.
 */
export function resolvePlan(config: TrainConfig, options: { registry?: Registry; inMemory?: boolean } = {}): TrainPlan {
  const checked = checkFields(trainConfigFields, config as Record<string, unknown>);
  const resolved = { ...checked, data: checked.data ?? (options.inMemory ? IN_MEMORY_DATA : embeddedDataPath) } as ResolvedTrainConfig;
  const registry = options.registry ?? defaultRegistry;
  const schedule = validateSpec(resolved.schedule, {}, registry);
  if (schedule.needsMetric && schedule.interval === 'step') {
    throw new TrainConfigError(
      'schedule',
      "reduce-on-plateau is fed the validation loss once per epoch, so its schedule must step per epoch (\"interval\": \"epoch\")",
    );
  }
  const watched = resolved.earlyStopping !== null ? 'earlyStopping' : schedule.needsMetric ? 'reduce-on-plateau' : null;
  if (checked.valFraction === undefined) resolved.valFraction = watched ? VAL_FRACTION_WHEN_NEEDED : 0;
  else if (watched && resolved.valFraction === 0) {
    throw new TrainConfigError('valFraction', `${watched} watches the validation loss: valFraction must be above 0 (default ${VAL_FRACTION_WHEN_NEEDED})`);
  }
  return { config: resolved, schedule };
}

/** The resolved config alone (`resolvePlan(config).config`). */
export function resolveConfig(config: TrainConfig, options: { registry?: Registry } = {}): ResolvedTrainConfig {
  return resolvePlan(config, options).config;
}

/**
 * Refuses, before any training, a schedule this run would step more often than it allows (one-cycle's
 * totalSteps: PyTorch fails there mid-run).
 */
export function checkScheduleLength(info: SpecInfo, epochs: number, stepsPerEpoch: number): void {
  const planned = info.interval === 'step' ? epochs * stepsPerEpoch : epochs;
  if (info.maxSteps !== null && planned > info.maxSteps) {
    const how = info.interval === 'step' ? `${epochs} epochs x ${stepsPerEpoch} steps` : `${epochs} epochs`;
    throw new TrainConfigError(
      'schedule',
      `the run steps the schedule ${planned} times (${how}), but '${info.type}' allows at most ${info.maxSteps}`,
    );
  }
}
