import { LrkitSgdUpdate, tf, type LrkitSgdUpdateAttrs } from '@lrkit/core';
import { TrainConfigError } from '../errors';
import type { Optimizer, OptimizerOptions, ParamGroup } from '../types';
import { runFused } from '../nn/kernels';
import { swapIn } from './swap';
import { requireNonNegative } from './validate';
import { defineOptimizer } from './state';

/**
 * SGD with momentum, dampening, Nesterov and L2 weight decay as torch 1.13 computes it: the momentum
 * buffer starts as a copy of the first gradient, then buf = momentum * buf + (1 - dampening) * grad.
 * One LrkitSgdUpdate dispatch per parameter, reading the group's lr and momentum on every step.
 */
export function createSgd(params: tf.Variable[], options: OptimizerOptions): Optimizer {
  const lr = requireNonNegative('lr', options.lr ?? 1e-3);
  const momentum = requireNonNegative('momentum', options.momentum ?? 0);
  const dampening = requireNonNegative('dampening', options.dampening ?? 0);
  const nesterov = options.nesterov ?? false;
  const weightDecay = requireNonNegative('weightDecay', options.weightDecay ?? 0);
  if (nesterov && (momentum <= 0 || dampening !== 0)) {
    throw new TrainConfigError('nesterov', 'Nesterov momentum requires a momentum > 0 and zero dampening');
  }
  const group: ParamGroup = { lr, initialLr: lr, momentum, dampening, nesterov, weightDecay };
  // Allocated even at momentum 0, so a scheduler may turn momentum on later (as torch allows).
  const buffers = params.map((p) => tf.keep(tf.zeros(p.shape, 'float32')));
  const initialized: boolean[] = params.map(() => false);
  return defineOptimizer({
    name: 'sgd',
    group,
    params: params.length,
    tensors: { momentumBuffer: buffers },
    flags: { initialized },
    update(grads) {
      const m = group.momentum ?? 0;
      for (let i = 0; i < params.length; i++) {
        const attrs: LrkitSgdUpdateAttrs = {
          lr: group.lr,
          momentum: m,
          dampening: group.dampening ?? 0,
          nesterov: group.nesterov ?? false,
          weightDecay: group.weightDecay,
          initializeBuffer: m !== 0 && !initialized[i],
        };
        if (m !== 0) initialized[i] = true;
        swapIn(params[i]!, runFused(LrkitSgdUpdate, { param: params[i]!, grad: grads[i]!, momentumBuffer: buffers[i]! }, attrs));
      }
    },
  });
}
