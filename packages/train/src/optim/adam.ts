import { LrkitAdamUpdate, tf, type LrkitAdamUpdateAttrs } from '@lrkit/core';
import type { Optimizer, OptimizerOptions, ParamGroup } from '../types';
import { runFused } from '../nn/kernels';
import { swapIn } from './swap';
import { requireInRange, requireNonNegative } from './validate';
import { loadGroup, readTensors, writeTensors } from './state';

/**
 * Adam, and AdamW with `decoupled`, as torch 1.13 computes them (single-tensor path, no amsgrad): the
 * moments are updated in place and the parameter replaced by one LrkitAdamUpdate dispatch per parameter, with
 * the group's lr, betas, eps and weight decay read afresh on every step.
 */
export function createAdam(params: tf.Variable[], options: OptimizerOptions, decoupled: boolean): Optimizer {
  const lr = requireNonNegative('lr', options.lr ?? 1e-3);
  const betas = options.betas ?? [0.9, 0.999];
  requireInRange('betas[0]', betas[0], 0, 1);
  requireInRange('betas[1]', betas[1], 0, 1);
  const eps = requireNonNegative('eps', options.eps ?? 1e-8);
  const weightDecay = requireNonNegative('weightDecay', options.weightDecay ?? (decoupled ? 1e-2 : 0));
  const group: ParamGroup = { lr, initialLr: lr, betas: [betas[0], betas[1]], eps, weightDecay };
  // Moments are created zeroed up front (torch creates them on the first step: the same numbers).
  const expAvg = params.map((p) => tf.keep(tf.zeros(p.shape, 'float32')));
  const expAvgSq = params.map((p) => tf.keep(tf.zeros(p.shape, 'float32')));
  let stepCount = 0;
  return {
    name: decoupled ? 'adamw' : 'adam',
    paramGroups: [group],
    get stepCount() {
      return stepCount;
    },
    step(grads) {
      if (grads.length !== params.length) throw new Error(`expected ${params.length} gradients, got ${grads.length}`);
      stepCount++;
      const [beta1, beta2] = group.betas ?? betas;
      const attrs: LrkitAdamUpdateAttrs = {
        lr: group.lr,
        beta1,
        beta2,
        eps: group.eps ?? eps,
        weightDecay: group.weightDecay,
        step: stepCount,
        decoupledWeightDecay: decoupled,
      };
      for (let i = 0; i < params.length; i++) {
        swapIn(params[i]!, runFused(LrkitAdamUpdate, { param: params[i]!, grad: grads[i]!, expAvg: expAvg[i]!, expAvgSq: expAvgSq[i]! }, attrs));
      }
    },
    stateDict() {
      return {
        name: decoupled ? 'adamw' : 'adam',
        stepCount,
        paramGroups: [structuredClone(group)],
        tensors: { expAvg: readTensors(expAvg), expAvgSq: readTensors(expAvgSq) },
      };
    },
    loadStateDict(state) {
      loadGroup(state, decoupled ? 'adamw' : 'adam', group);
      writeTensors(expAvg, state.tensors.expAvg, 'expAvg');
      writeTensors(expAvgSq, state.tensors.expAvgSq, 'expAvgSq');
      stepCount = state.stepCount;
    },
    dispose() {
      for (const t of [...expAvg, ...expAvgSq]) t.dispose();
    },
  };
}
