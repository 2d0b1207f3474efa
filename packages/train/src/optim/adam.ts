import { LrkitAdamUpdate, tf, type LrkitAdamUpdateAttrs } from '@lrkit/core';
import { ADAMW_WEIGHT_DECAY } from '../config/names';
import type { Optimizer, OptimizerOptions, ParamGroup } from '../types';
import { runFused } from '../nn/kernels';
import { amsgradUpdate } from './amsgrad';
import { swapIn } from './swap';
import { requireInRange, requireNonNegative } from './validate';
import { defineOptimizer } from './state';

/**
 * Adam, and AdamW with `decoupled`, as torch 1.13 computes them (single-tensor path): the moments are
 * updated in place and the parameter replaced by one LrkitAdamUpdate dispatch per parameter, with the group's
 * lr, betas, eps and weight decay read afresh on every step. AMSGrad takes its own path (amsgrad.ts).
 */
export function createAdam(params: tf.Variable[], options: OptimizerOptions, decoupled: boolean): Optimizer {
  const lr = requireNonNegative('lr', options.lr ?? 1e-3);
  const betas = options.betas ?? [0.9, 0.999];
  requireInRange('betas[0]', betas[0], 0, 1);
  requireInRange('betas[1]', betas[1], 0, 1);
  const eps = requireNonNegative('eps', options.eps ?? 1e-8);
  const weightDecay = requireNonNegative('weightDecay', options.weightDecay ?? (decoupled ? ADAMW_WEIGHT_DECAY : 0));
  const amsgrad = options.amsgrad ?? false;
  const group: ParamGroup = { lr, initialLr: lr, betas: [betas[0], betas[1]], eps, weightDecay };
  // Moments are created zeroed up front (torch creates them on the first step: the same numbers).
  const zeros = () => params.map((p) => tf.keep(tf.zeros(p.shape, 'float32')));
  const expAvg = zeros();
  const expAvgSq = zeros();
  // AMSGrad's running maximum of expAvgSq: state of its own, saved and restored with the others.
  const maxExpAvgSq = amsgrad ? zeros() : null;
  return defineOptimizer({
    name: decoupled ? 'adamw' : 'adam',
    group,
    params: params.length,
    tensors: maxExpAvgSq ? { expAvg, expAvgSq, maxExpAvgSq } : { expAvg, expAvgSq },
    update(grads, step) {
      const [beta1, beta2] = group.betas ?? betas;
      const attrs: LrkitAdamUpdateAttrs = {
        lr: group.lr,
        beta1,
        beta2,
        eps: group.eps ?? eps,
        weightDecay: group.weightDecay,
        step,
        decoupledWeightDecay: decoupled,
      };
      for (let i = 0; i < params.length; i++) {
        if (maxExpAvgSq) {
          amsgradUpdate(params[i]!, grads[i]!, { expAvg, expAvgSq, maxExpAvgSq }, i, attrs);
        } else {
          swapIn(params[i]!, runFused(LrkitAdamUpdate, { param: params[i]!, grad: grads[i]!, expAvg: expAvg[i]!, expAvgSq: expAvgSq[i]! }, attrs));
        }
      }
    },
  });
}
