import { checkNativeAvailability } from '@lrkit/backend-native';
import { LrkitColumnSums, LrkitMatMul, createRng, tf, useBackend } from '@lrkit/core';
import { describe, expect, it } from 'vitest';
import { registerOptionalBackends } from '../backend/optional';
import { createOptimizer } from '../optim/create';
import { lossAndGrad } from './losses';
import { Mlp, type ForwardCache } from './mlp';
import { maxRelDiff, testBackends, torchFixtures } from '../test-support';

const fixtures = torchFixtures();
// native too where its addon is built: its products take the backward pass's transposes as flags.
const native = checkNativeAvailability();
if (!native.available) console.warn(`Mlp on native: skipped: ${native.reason}`);
const backends: string[] = native.available ? [...testBackends, 'native'] : [...testBackends];

describe.each(backends)('Mlp on %s', (backend) => {
  it.each(fixtures.mlps.map((c) => [c.name, c] as const))('%s: logits, loss and every gradient match PyTorch', async (_n, c) => {
    await registerOptionalBackends();
    await useBackend(backend);
    const model = Mlp.fromJSON({
      layers: c.weights.map((w, i) => ({
        inputSize: c.sizes[i]!,
        outputSize: c.sizes[i + 1]!,
        activation: i + 2 < c.sizes.length ? 'relu' : 'linear',
        weight: w,
        bias: c.biases[i]!,
      })),
      output: c.loss === 'softmax-ce' ? 'softmax' : 'sigmoid',
    });
    const x = tf.tensor3d(c.x, [1, c.rows, c.sizes[0]!], 'float32');
    const y =
      c.loss === 'sigmoid-bce'
        ? tf.tensor3d(c.labels, [1, c.rows, 1], 'float32')
        : tf.tensor1d(c.labels, 'int32');
    // A warm-up pass creates the process-lifetime row of ones bias gradients use.
    const warm: ForwardCache = { inputs: [], outputs: [] };
    const warmLogits = model.forward(x, warm);
    const warmLoss = lossAndGrad(c.loss, warmLogits, y);
    for (const t of [...model.backward(warm, warmLoss.dLogits), warmLoss.loss, warmLoss.dLogits, warmLogits]) t.dispose();
    const cache: ForwardCache = { inputs: [], outputs: [] };
    const before = tf.memory().numTensors;
    const logits = model.forward(x, cache);
    expect(maxRelDiff(logits.dataSync(), c.logits)).toBeLessThan(1e-5);
    const { loss, dLogits } = lossAndGrad(c.loss, logits, y);
    expect(loss.dataSync()[0]).toBeCloseTo(c.value, 5);
    const grads = model.backward(cache, dLogits);
    c.weightGrads.forEach((g, i) => expect(maxRelDiff(grads[2 * i]!.dataSync(), g)).toBeLessThan(1e-5));
    c.biasGrads.forEach((g, i) => expect(maxRelDiff(grads[2 * i + 1]!.dataSync(), g)).toBeLessThan(1e-5));
    for (const t of [...grads, loss, dLogits, logits]) t.dispose();
    // backward freed every intermediate activation it was handed.
    expect(tf.memory().numTensors).toBe(before);
    for (const t of [x, y]) t.dispose();
    model.dispose();
  });
});

describe('Mlp on wasm, with and without LrkitMatMul and LrkitColumnSums', () => {
  // With them the products (transposed ones read in place) and bias gradients run in lrkit's kernels; without,
  // in tfjs-wasm's XNNPACK on copied transposes and a row of ones, as before the kernels existed. Both must
  // train to the same bits: sizes with remainders in every tile, 40 rows (the forward on LrkitMatMul too) and
  // 7 (it stays on XNNPACK).
  it.each([40, 7])('%i rows: five Adam steps give the same weights, bit for bit', async (rows) => {
    await useBackend('wasm');
    const kernels = [LrkitMatMul, LrkitColumnSums].map((name) => tf.getKernel(name, 'wasm')!);
    expect(kernels.every(Boolean)).toBe(true);
    const rng = createRng(3);
    const x = tf.tensor3d(Float32Array.from({ length: rows * 13 }, () => rng.uniform(-1, 1)), [1, rows, 13]);
    const y = tf.tensor1d(Int32Array.from({ length: rows }, () => rng.int(3)), 'int32');
    const train = () => {
      const model = Mlp.create({ sizes: [13, 19, 9, 3], rng: createRng(5) });
      const optimizer = createOptimizer('adam', model.parameters(), { lr: 0.01 });
      for (let step = 0; step < 5; step++) {
        const cache: ForwardCache = { inputs: [], outputs: [] };
        const logits = model.forward(x, cache);
        const { loss, dLogits } = lossAndGrad('softmax-ce', logits, y);
        const grads = model.backward(cache, dLogits);
        optimizer.step(grads);
        for (const t of [...grads, loss, dLogits, logits]) t.dispose();
      }
      const weights = model.parameters().map((p) => Array.from(new Uint32Array((p.dataSync() as Float32Array).slice().buffer)));
      optimizer.dispose();
      model.dispose();
      return weights;
    };
    const withKernel = train();
    for (const k of kernels) tf.unregisterKernel(k.kernelName, 'wasm');
    let without: number[][];
    try {
      without = train();
    } finally {
      for (const k of kernels) tf.registerKernel(k);
    }
    expect(withKernel).toEqual(without);
    tf.dispose([x, y]);
  });
});

describe('PyTorch default nn.Linear initialisation', () => {
  it('draws weights and biases from U(-1/sqrt(fanIn), 1/sqrt(fanIn)), spread over the range', async () => {
    await useBackend('cpu');
    const model = Mlp.create({ sizes: [30, 64, 1], rng: createRng(7) });
    const json = model.toJSON();
    for (const layer of json.layers) {
      const bound = 1 / Math.sqrt(layer.inputSize);
      for (const v of [...layer.weight, ...layer.bias]) expect(Math.abs(v)).toBeLessThanOrEqual(Math.fround(bound));
      // Uniform, not squeezed: the extremes come close to the bound, the mean close to 0.
      const w = layer.weight;
      expect(Math.max(...w.map(Math.abs))).toBeGreaterThan(0.9 * bound);
      if (w.length > 500) expect(Math.abs(w.reduce((a, b) => a + b, 0) / w.length)).toBeLessThan(0.1 * bound);
    }
    expect(json.layers.map((l) => l.activation)).toEqual(['relu', 'linear']);
    model.dispose();
  });

  it('is a function of the seed', async () => {
    await useBackend('cpu');
    const weights = (seed: number) => {
      const m = Mlp.create({ sizes: [4, 3, 1], rng: createRng(seed) });
      const w = m.toJSON().layers[0]!.weight;
      m.dispose();
      return w;
    };
    expect(weights(1)).toEqual(weights(1));
    expect(weights(1)).not.toEqual(weights(2));
  });
});
