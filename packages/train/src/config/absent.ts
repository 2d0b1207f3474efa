// Fields that checkpoints and sweep trials made before them do not hold (`absentMeansDefault` in the table):
// such a run had the field's default, so an absent one reads as the default, and a trial at the default keeps
// the id it had before the field existed.
import { canonicalJson } from '@lrkit/io';
import type { ResolvedTrainConfig } from '../types';
import type { OptimizerName } from './names';
import { resolveConfig } from './resolve';
import { trainConfigFields, type TrainField } from './table';

export const ABSENT_MEANS_DEFAULT: ReadonlySet<TrainField> = new Set(
  (Object.keys(trainConfigFields) as TrainField[]).filter((name) => (trainConfigFields[name] as { absentMeansDefault?: true }).absentMeansDefault),
);

/** Every field's default for a run of this optimizer (AdamW's weight decay is its own). */
export function defaultsFor(optimizer: OptimizerName | undefined): ResolvedTrainConfig {
  return resolveConfig(optimizer === undefined ? {} : { optimizer });
}

/** The resolved config without the `absentMeansDefault` fields that are at their default. */
export function withoutAbsentDefaults(config: ResolvedTrainConfig): Partial<ResolvedTrainConfig> {
  const defaults = defaultsFor(config.optimizer);
  const out: Partial<ResolvedTrainConfig> = { ...config };
  for (const name of ABSENT_MEANS_DEFAULT) if (canonicalJson(config[name]) === canonicalJson(defaults[name])) delete out[name];
  return out;
}
