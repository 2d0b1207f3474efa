// Fields that checkpoints and sweep trials made before them do not hold (`absentMeansDefault` in the table):
// such a run had the field's default, so an absent one reads as the default, and a trial at the default keeps
// the id it had before the field existed.
import { canonicalJson } from '@lrkit/io';
import type { OptimizerName } from './names';
import { defaultsFor } from './optimizer';
import { trainConfigFields, type TrainField } from './table';

export const ABSENT_MEANS_DEFAULT: ReadonlySet<TrainField> = new Set(
  (Object.keys(trainConfigFields) as TrainField[]).filter((name) => (trainConfigFields[name] as { absentMeansDefault?: true }).absentMeansDefault),
);

/**
 * A resolved config (or a checkpoint's settings) without the `absentMeansDefault` fields that are at their
 * default: what a trial's id and a checkpoint's settings are made from, so both stay as they were for runs
 * that leave those fields alone.
 */
export function withoutAbsentDefaults<T extends { optimizer: OptimizerName }>(config: T): Partial<T> {
  const defaults = defaultsFor(config.optimizer);
  const out: Record<string, unknown> = { ...config };
  for (const name of ABSENT_MEANS_DEFAULT) if (name in out && canonicalJson(out[name]) === canonicalJson(defaults[name])) delete out[name];
  return out as Partial<T>;
}
