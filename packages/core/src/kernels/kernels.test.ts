import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { useBackend } from '../registry';
import { registerBuiltinBackends } from '../builtins';
import { lrkitKernelNames, registerLrkitKernels } from './register';
import { LrkitSigmoidBce } from './sigmoidBce';
import { LrkitSoftmaxCrossEntropy } from './softmaxCrossEntropy';
import { LrkitAdamUpdate } from './adamUpdate';

registerBuiltinBackends();
registerLrkitKernels();

describe.each(['cpu', 'wasm'])('fused kernels on %s', (backend) => {
  it('are all registered', async () => {
    await useBackend(backend);
    for (const name of lrkitKernelNames) expect(tf.getKernel(name, backend), name).toBeDefined();
  });

  it('LrkitSigmoidBce: mean stable BCE and (sigmoid(z) - y) / N, even for huge logits', async () => {
    await useBackend(backend);
    const z = tf.tensor1d([0, 2, -3, 100, -100]);
    const y = tf.tensor1d([1, 0, 0, 1, 1]);
    const [loss, grad] = tf.engine().runKernel(LrkitSigmoidBce, { logits: z, labels: y }, {}) as tf.Tensor[];
    const sig = (v: number) => 1 / (1 + Math.exp(-v));
    const expected = (Math.log(2) + (2 + Math.log1p(Math.exp(-2))) + Math.log1p(Math.exp(-3)) + Math.log1p(Math.exp(-100)) + 100) / 5;
    expect(loss!.dataSync()[0]).toBeCloseTo(expected, 5);
    const g = grad!.dataSync();
    [sig(0) - 1, sig(2), sig(-3), sig(100) - 1, sig(-100) - 1].forEach((v, i) => expect(g[i]).toBeCloseTo(v / 5, 7));
    tf.dispose([z, y, loss!, grad!]);
  });

  it('LrkitSoftmaxCrossEntropy: log-sum-exp without overflow, and a bad label names its row', async () => {
    await useBackend(backend);
    const z = tf.tensor2d([[1000, 1000], [0, Math.log(3)]]);
    const y = tf.tensor1d([0, 1], 'int32');
    const [loss, grad] = tf.engine().runKernel(LrkitSoftmaxCrossEntropy, { logits: z, labels: y }, {}) as tf.Tensor[];
    expect(loss!.dataSync()[0]).toBeCloseTo((Math.log(2) + Math.log(4 / 3)) / 2, 5);
    expect(Array.from(grad!.dataSync())).toEqual([0.5 - 1, 0.5, 0.25, 0.75 - 1].map((v) => Math.fround(v / 2)));
    const bad = tf.tensor1d([0, 2], 'int32');
    expect(() => tf.engine().runKernel(LrkitSoftmaxCrossEntropy, { logits: z, labels: bad }, {})).toThrow(/label 2 at row 1/);
    tf.dispose([z, y, bad, loss!, grad!]);
  });

  it('LrkitAdamUpdate rejects mismatched sizes, naming the input', async () => {
    await useBackend(backend);
    const p = tf.zeros([3]);
    const g = tf.zeros([2]);
    const attrs = { lr: 1, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0, step: 1, decoupledWeightDecay: false };
    expect(() => tf.engine().runKernel(LrkitAdamUpdate, { param: p, grad: g, expAvg: p, expAvgSq: p }, attrs)).toThrow(/grad has 2 elements, expected 3/);
    tf.dispose([p, g]);
  });

  it('optimizer updates read their inputs after allocating the output (a growing wasm heap detaches views)', async () => {
    await useBackend(backend);
    // Parameters large enough that the output's allocation grows the wasm heap, as the bench's
    // 784x512 weights did; a view taken before it would read 0 elements.
    const n = 8_000_000;
    const p = tf.fill([n], 1);
    const g = tf.fill([n], 0.5);
    const m = tf.zeros([n]);
    const v = tf.zeros([n]);
    const attrs = { lr: 0.1, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0, step: 1, decoupledWeightDecay: false };
    const out = tf.engine().runKernel(LrkitAdamUpdate, { param: p, grad: g, expAvg: m, expAvgSq: v }, attrs) as tf.Tensor;
    const values = out.dataSync();
    // Adam's first step moves every weight by lr (sign of the gradient), up to eps.
    expect(values[0]).toBeCloseTo(0.9, 6);
    expect(values[n - 1]).toBeCloseTo(0.9, 6);
    tf.dispose([p, g, m, v, out]);
  });
});
