// The optimizer settings, gradient clipping and dropout against PyTorch: the same initial weights, the same
// 100 minibatches (and, for dropout, the same masks), the weights after the last step equal to 1e-6
// relative. The settings go through the config's own path (resolveConfig, optimizerOptions) into the
// training step train() runs. Fixtures: fixtures/make_knob_fixtures.py.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tf, useBackend } from '@lrkit/core';
import { describe, expect, it } from 'vitest';
import { optimizerOptions } from '../config/optimizer';
import { dropoutRates, resolveConfig } from '../config/resolve';
import type { DropoutMasks } from '../nn/dropout';
import { Mlp } from '../nn/mlp';
import { createOptimizer } from '../optim/create';
import { maxRelDiff, testBackends } from '../test-support';
import type { TrainConfig } from '../types';
import { createTrainer } from './trainer';

interface KnobCase {
  name: string;
  config: TrainConfig;
  after: number[][];
  /** Per step, per hidden layer: the kept units as '0'/'1' characters, row-major [rows][width]; null: none dropped. */
  masks?: (string | null)[][];
}

interface KnobFixtures {
  sizes: number[];
  rows: number;
  weights: number[][];
  biases: number[][];
  x: number[][];
  labels: number[][];
  cases: KnobCase[];
}

const fixtures = JSON.parse(
  readFileSync(join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'knob-fixtures.json'), 'utf8'),
) as KnobFixtures;

function masksOf(c: KnobCase, step: number, rates: number[]): DropoutMasks {
  const { sizes, rows } = fixtures;
  return sizes.slice(1).map((width, l) => {
    const bits = c.masks?.[step]?.[l];
    if (!bits) return null;
    const scale = 1 / (1 - rates[l]!);
    return tf.tensor3d(Float32Array.from(bits, (b) => (b === '1' ? scale : 0)), [1, rows, width], 'float32');
  });
}

describe.each(testBackends)('optimizer settings, clipping and dropout against PyTorch 1.13 on %s', (backend) => {
  it.each(fixtures.cases.map((c) => [c.name, c] as const))('%s: 100 steps', async (_name, c) => {
    await useBackend(backend);
    const config = resolveConfig({ ...c.config, hidden: fixtures.sizes.slice(1, -1) });
    const { sizes } = fixtures;
    const model = Mlp.fromJSON({
      output: 'softmax',
      layers: sizes.slice(1).map((outputSize, l) => ({
        inputSize: sizes[l]!,
        outputSize,
        activation: l + 2 === sizes.length ? 'linear' : 'relu',
        weight: fixtures.weights[l]!,
        bias: fixtures.biases[l]!,
      })),
    });
    const optimizer = createOptimizer(config.optimizer, model.parameters(), optimizerOptions(config));
    const trainer = createTrainer({ model, optimizer, loss: 'softmax-ce', clipGradNorm: config.clipGradNorm });
    const rates = dropoutRates(config);
    fixtures.x.forEach((x, s) => {
      const xb = tf.tensor3d(x, [1, fixtures.rows, sizes[0]!], 'float32');
      const yb = tf.tensor1d(fixtures.labels[s]!, 'int32');
      const masks = masksOf(c, s, rates);
      trainer.trainStep(xb, yb, masks).dispose();
      for (const m of masks) m?.dispose();
      xb.dispose();
      yb.dispose();
    });
    model.parameters().forEach((p, i) => expect(maxRelDiff(p.dataSync(), c.after[i]!), `parameter ${i}`).toBeLessThan(1e-6));
    optimizer.dispose();
    model.dispose();
  });
});
