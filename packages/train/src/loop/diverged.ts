import { formatRate } from '../format';
import type { EpochLog } from '../types';

/**
 * The loss stopped being a finite number: the settings (usually the learning rate) made training diverge.
 * It is the input's fault, so it carries exitCode 2; nothing trained is worth exporting.
 */
export class TrainDivergedError extends Error {
  readonly exitCode = 2;
  constructor(
    readonly which: 'training' | 'validation',
    readonly log: EpochLog,
  ) {
    const value = which === 'training' ? log.loss : log.valLoss;
    super(
      `training diverged: the ${which} loss is ${String(value)} in epoch ${log.epoch}/${log.epochs} at lr ${formatRate(log.lr)}; ` +
        'lower the learning rate (lr) or change the schedule',
    );
    this.name = 'TrainDivergedError';
  }
}
