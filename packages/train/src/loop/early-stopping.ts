import { tf } from '@lrkit/core';
import type { Mlp } from '../nn/mlp';
import type { LoopHooks } from './run';

/** Early stopping's memory, as a checkpoint keeps it. */
export interface EarlyStoppingState {
  /** Best validation loss so far (null before the first epoch). */
  best: number | null;
  bestEpoch: number;
  /** Epochs since the best. */
  wait: number;
  /** The parameters at the best epoch (model.parameters() order), or null before the first epoch. */
  weights: Float32Array[] | null;
}

export interface EarlyStopping {
  hook: LoopHooks;
  state(): EarlyStoppingState;
  /** Set once it has stopped the run: the epoch it stopped after and the epoch whose weights were restored. */
  readonly stopped: { epoch: number; bestEpoch: number; bestValLoss: number } | null;
}

/**
 * Keras's EarlyStopping(monitor='val_loss', patience, min_delta=0, restore_best_weights=True): an epoch
 * whose validation loss is below the best so far resets the wait; after `patience` epochs without one the
 * run stops and the best epoch's weights are put back. As in Keras, a run that reaches its last epoch
 * before running out of patience keeps its last weights.
 */
export function createEarlyStopping(model: Mlp, patience: number, from?: EarlyStoppingState): EarlyStopping {
  const s: EarlyStoppingState = from ? { ...from } : { best: null, bestEpoch: 0, wait: 0, weights: null };
  let stopped: EarlyStopping['stopped'] = null;
  const params = model.parameters();
  return {
    get stopped() {
      return stopped;
    },
    state: () => ({ ...s, weights: s.weights ? s.weights.map((w) => w.slice()) : null }),
    hook: {
      onEpoch(log) {
        const current = log.valLoss;
        if (current === undefined) throw new Error('early stopping needs a validation loss every epoch');
        if (s.best === null || current < s.best) {
          s.best = current;
          s.bestEpoch = log.epoch;
          s.wait = 0;
          s.weights = params.map((p) => Float32Array.from(p.dataSync() as Float32Array));
          return;
        }
        s.wait++;
        if (s.wait < patience) return;
        params.forEach((p, i) => {
          const best = tf.tensor(s.weights![i]!, p.shape, 'float32');
          p.assign(best);
          best.dispose();
        });
        stopped = { epoch: log.epoch, bestEpoch: s.bestEpoch, bestValLoss: s.best };
        return 'stop';
      },
    },
  };
}
