// What the backend must implement, checked without a GPU: the kernels the issue names, every kernel a
// typical lrkit training step dispatches (recorded on the cpu backend). (A clear failure for the rest needs an
// addon: @lrkit/backend-cuda's unregistered.test.ts.)
import { lrkitKernelNames, tf, useBackend } from '@lrkit/core';
import { describe, expect, it } from 'vitest';
// @lrkit/core's `tf` is tfjs-core alone, which registers no gradients; tfjs's union package loads these.
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { addonKernelNames } from './index';

const named = [
  'BatchMatMul', '_FusedMatMul', 'Add', 'Sub', 'Multiply', 'RealDiv', 'Neg', 'Maximum', 'Relu', 'Sigmoid', 'Step',
  'Exp', 'Log', 'Log1p', 'Abs', 'Sqrt', 'Square', 'Cast', 'Sum', 'Mean', 'Max', 'Fill', 'ZerosLike', 'OnesLike',
  'Reshape', 'Slice', 'GatherV2', 'Greater', 'GreaterEqual', 'Less', 'LessEqual', 'Equal', 'NotEqual', 'ArgMax',
];

describe('addon kernel coverage', () => {
  it('implements every kernel the issue names', () => {
    expect(named.filter((k) => !addonKernelNames.includes(k))).toEqual([]);
  });

  it("implements lrkit's fused training kernels", () => {
    expect(lrkitKernelNames.length).toBeGreaterThan(0);
    expect(lrkitKernelNames.filter((k) => !addonKernelNames.includes(k))).toEqual([]);
  });

  it('registers each kernel once', () => {
    expect(new Set(addonKernelNames).size).toBe(addonKernelNames.length);
  });

  it('implements every kernel an MLP training step dispatches', async () => {
    await useBackend('cpu');
    const rng = tf.randomUniform;
    const x = rng([16, 8], -1, 1, 'float32', 1);
    const ySoft = tf.oneHot(tf.tensor1d([0, 1, 2, 1, 0, 2, 2, 1, 0, 1, 2, 0, 1, 1, 0, 2], 'int32'), 3);
    const yBin = tf.cast(tf.greater(rng([16, 1], -1, 1, 'float32', 2), 0), 'float32');
    const w1 = tf.variable(rng([8, 12], -0.3, 0.3, 'float32', 3));
    const b1 = tf.variable(tf.zeros([12]));
    const w2 = tf.variable(rng([12, 3], -0.3, 0.3, 'float32', 4));
    const w3 = tf.variable(rng([12, 1], -0.3, 0.3, 'float32', 5));
    const hidden = (act: 'relu' | 'sigmoid' | 'tanh') => {
      const z = tf.add(tf.matMul(x, w1), b1);
      return act === 'relu' ? tf.relu(z) : act === 'sigmoid' ? tf.sigmoid(z) : tf.tanh(z);
    };
    // One optimizer per loss: tfjs optimizers index their state by position in the gradient list.
    const makers = [() => tf.train.adam(0.01), () => tf.train.sgd(0.1), () => tf.train.momentum(0.1, 0.9)];
    const losses: Array<(act: 'relu' | 'sigmoid' | 'tanh') => tf.Scalar> = [
      (act) => tf.losses.softmaxCrossEntropy(ySoft, tf.matMul(hidden(act), w2)) as tf.Scalar,
      (act) => tf.losses.sigmoidCrossEntropy(yBin, tf.matMul(hidden(act), w3)) as tf.Scalar,
      (act) => tf.losses.meanSquaredError(yBin, tf.sigmoid(tf.matMul(hidden(act), w3))) as tf.Scalar,
      (act) => tf.mean(tf.square(tf.fused.matMul({ a: x, b: w1, bias: b1, activation: act === 'tanh' ? 'relu' : act }))) as tf.Scalar,
    ];
    const optimizers: tf.Optimizer[] = [];
    const profile = await tf.profile(() => {
      for (const make of makers) {
        for (const loss of losses) {
          const opt = make();
          optimizers.push(opt);
          for (const act of ['relu', 'sigmoid', 'tanh'] as const) opt.minimize(() => loss(act));
        }
      }
      // Inference and metrics: probabilities, predicted classes, accuracy.
      const logits = tf.matMul(hidden('relu'), w2);
      tf.softmax(logits);
      tf.mean(tf.cast(tf.equal(tf.argMax(logits, 1), tf.argMax(ySoft, 1)), 'float32'));
      tf.mean(tf.cast(tf.equal(tf.greater(tf.sigmoid(tf.matMul(hidden('relu'), w3)), 0.5), tf.cast(yBin, 'bool')), 'float32'));
      // Batching: rows picked by index, or sliced.
      tf.gather(x, tf.tensor1d([3, 1, 4], 'int32'));
      tf.slice(x, [4, 0], [8, 8]);
    });
    // customGrad ops appear in the profile under their op name (e.g. softmaxCrossEntropy__op); only names
    // that are kernels (the cpu backend has them) need an implementation here.
    const used = [...new Set(profile.kernelNames)].filter((k) => tf.getKernel(k, 'cpu') !== undefined).sort();
    expect(used).toContain('BatchMatMul');
    expect(used.filter((k) => !addonKernelNames.includes(k))).toEqual([]);
    optimizers.forEach((o) => o.dispose());
    tf.dispose([x, ySoft, yBin, w1, b1, w2, w3]);
  });
});
