import { tf } from '@lrkit/core';
import { defaultLr, SGD_SCHEDULE_FREE_MOMENTUM } from '../config/names';
import { TrainConfigError } from '../errors';
import type { Optimizer, OptimizerOptions, ParamGroup } from '../types';
import { swapIn } from './swap';
import { requireInRange, requireNonNegative } from './validate';
import { defineOptimizer } from './state';

/**
 * Schedule-free SGD and AdamW (Defazio et al. 2024, "The Road Less Scheduled"), written from the paper's
 * three sequences: z takes the gradient steps, x is z's running average weighted by
 * c = t^r lr_max^p / sum(i^r lr_max_i^p), and gradients are taken at y = (1 - beta) z + beta x.
 *
 * The parameters hold x (the weights evaluated, checkpointed and exported) except inside `trainingWeights`,
 * where they hold y for the forward and backward pass: so everything that reads the model between steps
 * (validation, early stopping, checkpoints, export) sees the averaged weights without knowing about them,
 * and a checkpoint holds x in the model and z (with AdamW's second moment) in the optimizer.
 *
 * Weight decay is taken at y and, for AdamW, added after the normalisation, as the reference does; AdamW's
 * rate carries Adam's second-moment bias correction sqrt(1 - beta2^t) and so does lr_max.
 */
export function createScheduleFree(params: tf.Variable[], options: OptimizerOptions, adaptive: boolean): Optimizer {
  const lr = requireNonNegative('lr', options.lr ?? defaultLr[adaptive ? 'adamw-schedule-free' : 'sgd-schedule-free']);
  const weightDecay = requireNonNegative('weightDecay', options.weightDecay ?? 0);
  const warmupSteps = requireNonNegative('warmupSteps', options.warmupSteps ?? 0);
  const r = requireNonNegative('r', options.r ?? 0);
  const weightLrPower = requireNonNegative('weightLrPower', options.weightLrPower ?? 2);
  if (!Number.isInteger(warmupSteps)) throw new TrainConfigError('warmupSteps', `must be a whole number of steps, got ${warmupSteps}`);
  const group: ParamGroup = { lr, initialLr: lr, weightDecay };
  let eps = 0;
  if (adaptive) {
    const betas = options.betas ?? [0.9, 0.999];
    requireInRange('betas[0]', betas[0], 0, 1);
    requireInRange('betas[1]', betas[1], 0, 1);
    eps = requireNonNegative('eps', options.eps ?? 1e-8);
    group.betas = [betas[0], betas[1]];
    group.eps = eps;
  } else {
    group.momentum = requireInRange('momentum', options.momentum ?? SGD_SCHEDULE_FREE_MOMENTUM, 0, 1);
  }
  // z starts at the initial weights (x_1 = z_1); AdamW's second moment starts at zero.
  const z: tf.Tensor[] = params.map((p) => tf.keep(p.clone()));
  const expAvgSq = adaptive ? params.map((p) => tf.keep(tf.zeros(p.shape, 'float32'))) : [];
  // The averaging's running totals: scalars, saved with the state.
  const scalars = { weightSum: 0, lrMax: 0 };
  // x while the parameters hold y (inside trainingWeights), else null.
  let averaged: tf.Tensor[] | null = null;

  const beta = () => (adaptive ? group.betas![0] : group.momentum!);

  const optimizer = defineOptimizer({
    name: adaptive ? 'adamw-schedule-free' : 'sgd-schedule-free',
    group,
    params: params.length,
    tensors: adaptive ? { z, expAvgSq } : { z },
    scalars,
    update(grads, step) {
      const x = averaged;
      if (!x) throw new Error('a schedule-free step needs its gradients taken at y: call step() inside optimizer.trainingWeights()');
      const beta2 = adaptive ? group.betas![1] : 0;
      const warm = warmupSteps > 0 && step <= warmupSteps ? step / warmupSteps : 1;
      const rate = group.lr * warm * (adaptive ? Math.sqrt(1 - beta2 ** step) : 1);
      scalars.lrMax = Math.max(rate, scalars.lrMax);
      const weight = step ** r * scalars.lrMax ** weightLrPower;
      scalars.weightSum += weight;
      const c = scalars.weightSum === 0 ? 0 : weight / scalars.weightSum;
      const decay = group.weightDecay;
      for (let i = 0; i < params.length; i++) {
        const y = params[i]!;
        const [zNext, xNext, vNext] = tf.tidy(() => {
          // The backward pass may give a bias's gradient with leading unit axes ([1, 1, n]): the parameter's shape rules.
          let d: tf.Tensor = tf.reshape(grads[i]!, y.shape);
          let v: tf.Tensor | null = null;
          if (adaptive) {
            v = tf.add(tf.mul(expAvgSq[i]!, beta2), tf.mul(tf.mul(d, d), 1 - beta2));
            d = tf.div(d, tf.add(tf.sqrt(v), group.eps ?? eps));
          }
          if (decay !== 0) d = tf.add(d, tf.mul(y, decay));
          const zn = tf.sub(z[i]!, tf.mul(d, rate));
          const xn = tf.add(tf.mul(x[i]!, 1 - c), tf.mul(zn, c));
          return v ? [zn, xn, v] : [zn, xn];
        });
        z[i]!.dispose();
        z[i] = tf.keep(zNext!);
        x[i]!.dispose();
        x[i] = tf.keep(xNext!);
        if (vNext) {
          expAvgSq[i]!.dispose();
          expAvgSq[i] = tf.keep(vNext);
        }
      }
    },
  });

  const disposeState = optimizer.dispose;
  return Object.assign(optimizer, {
    trainingWeights<T>(fn: () => T): T {
      if (averaged) throw new Error('trainingWeights() is already active');
      averaged = params.map((p) => tf.keep(p.clone()));
      const b = beta();
      params.forEach((p, i) => swapIn(p, [tf.tidy(() => tf.add(tf.mul(z[i]!, 1 - b), tf.mul(averaged![i]!, b)))]));
      try {
        return fn();
      } finally {
        // x, stepped or not, goes back into the parameters.
        const x = averaged;
        averaged = null;
        params.forEach((p, i) => swapIn(p, [x[i]!]));
      }
    },
    dispose() {
      disposeState();
      averaged?.forEach((t) => t.dispose());
    },
  });
}
