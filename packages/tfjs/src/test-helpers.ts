// Shared by the tests only (not exported by the package).
import { beforeAll, describe } from 'vitest';
import { useBackend, tf } from '@lrkit/core';
import * as tfl from '@tensorflow/tfjs-layers';
import type { Optimizer } from '@tensorflow/tfjs-core';
import type { TfjsOptimizerName } from './optimizer-groups.js';

/** Every test suite runs on tfjs' cpu backend and on lrkit's wasm backend. */
export const BACKENDS = ['cpu', 'wasm'] as const;

export function forEachBackend(body: (backend: string) => void): void {
  for (const backend of BACKENDS) {
    describe(`on ${backend}`, () => {
      beforeAll(async () => {
        await useBackend(backend);
      });
      body(backend);
    });
  }
}

/** A base rate per optimizer in its usual range, so that the weights move by a readable amount. */
export const BASE_LR: Record<TfjsOptimizerName, number> = {
  sgd: 0.05,
  momentum: 0.05,
  adam: 0.01,
  adamax: 0.01,
  adagrad: 0.05,
  adadelta: 1,
  rmsprop: 0.01,
};

/** A fresh tfjs optimizer of each kind, with tfjs' defaults apart from the rate (momentum: 0.9). */
export function makeOptimizer(name: TfjsOptimizerName, lr = BASE_LR[name]): Optimizer {
  switch (name) {
    case 'sgd':
      return tf.train.sgd(lr);
    case 'momentum':
      return tf.train.momentum(lr, 0.9);
    case 'adam':
      return tf.train.adam(lr);
    case 'adamax':
      return tf.train.adamax(lr);
    case 'adagrad':
      return tf.train.adagrad(lr);
    case 'adadelta':
      return tf.train.adadelta(lr);
    case 'rmsprop':
      return tf.train.rmsprop(lr);
  }
}

/** 12 rows of 2 features, all different: 4 batches of 3 per epoch. */
export const X_ROWS = [
  [0.5, -1.0], [1.5, 0.25], [-0.75, 2.0], [1.0, 1.0], [0.2, -0.4], [2.5, 0.5],
  [-1.25, 0.75], [0.6, 1.8], [1.1, -0.3], [0.9, 0.4], [-0.5, 1.2], [1.7, -0.8],
];
export const BATCH = 3;

/**
 * A model whose loss is linear in its weights: a 2 -> 1 dense layer without bias, from zeros, trained on
 * mean(prediction). Its gradient is the batch's mean row, whatever the weights, so two runs that differ
 * only in their rates see the same gradients and the same optimizer statistics: each step's update is
 * then exactly proportional to the rate it used, for every tfjs optimizer (rmsprop with momentum 0).
 */
export function linearModel(optimizer: Optimizer): tfl.LayersModel {
  const model = tfl.sequential({
    layers: [tfl.layers.dense({ units: 1, useBias: false, kernelInitializer: 'zeros', inputShape: [2] })],
  });
  model.compile({ optimizer, loss: (_yTrue: tf.Tensor, yPred: tf.Tensor) => tf.mean(yPred) });
  return model;
}

export function kernel(model: tfl.LayersModel): number[] {
  return Array.from(model.getWeights()[0]!.dataSync());
}

/** A tf.Callback that records the kernel after every batch. */
export function kernelRecorder(model: () => tfl.LayersModel): { callback: tfl.CustomCallback; kernels: number[][] } {
  const kernels: number[][] = [];
  const callback = new tfl.CustomCallback({
    onTrainBegin: () => {
      if (kernels.length === 0) kernels.push(kernel(model()));
    },
    onBatchEnd: () => {
      kernels.push(kernel(model()));
    },
  });
  return { callback, kernels };
}

/** Per-step updates of the first kernel entry: kernels[k+1][0] - kernels[k][0]. */
export function deltas(kernels: number[][]): number[] {
  return kernels.slice(1).map((k, i) => k[0]! - kernels[i]![0]!);
}
