import { embeddedDataPath } from '@lrkit/data';
import { TrainConfigError } from '../errors';
import type { OptimizerName, ResolvedTrainConfig, TrainConfig } from '../types';

export const defaultSchedule = { type: 'step', stepSize: 10, gamma: 0.1 } as const;

const optimizers: readonly OptimizerName[] = ['adam', 'adamw', 'sgd'];

function positiveInteger(field: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) throw new TrainConfigError(field, `must be a positive integer, got ${value}`);
  return value;
}

/** Every default filled in and every field checked; a bad field throws TrainConfigError naming it. */
export function resolveConfig(config: TrainConfig): ResolvedTrainConfig {
  const epochs = positiveInteger('epochs', config.epochs ?? 50);
  const batchSize = positiveInteger('batchSize', config.batchSize ?? 32);
  const lr = config.lr ?? 1e-3;
  if (typeof lr !== 'number' || !Number.isFinite(lr) || lr <= 0) throw new TrainConfigError('lr', `must be a positive number, got ${lr}`);
  const hidden = config.hidden ?? [64];
  if (!Array.isArray(hidden)) throw new TrainConfigError('hidden', 'must be a list of layer sizes');
  hidden.forEach((h, i) => positiveInteger(`hidden[${i}]`, h));
  const optimizer = config.optimizer ?? 'adam';
  if (!optimizers.includes(optimizer)) {
    throw new TrainConfigError('optimizer', `unknown optimizer '${optimizer}' (expected ${optimizers.join(', ')})`);
  }
  const seed = config.seed ?? 42;
  if (!Number.isSafeInteger(seed) || seed < 0) throw new TrainConfigError('seed', `must be a non-negative integer, got ${seed}`);
  const testFraction = config.testFraction ?? 0.2;
  if (!(testFraction > 0 && testFraction < 1)) throw new TrainConfigError('testFraction', `must be in (0, 1), got ${testFraction}`);
  return {
    data: config.data ?? embeddedDataPath,
    target: config.target ?? 'diagnosis',
    backend: config.backend ?? 'wasm',
    epochs,
    batchSize,
    optimizer,
    lr,
    hidden: [...hidden],
    seed,
    schedule: config.schedule ?? { ...defaultSchedule },
    testFraction,
  };
}
