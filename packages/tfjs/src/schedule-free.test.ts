import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tf } from '@lrkit/core';
import * as tfl from '@tensorflow/tfjs-layers';
import { scheduleFree, ScheduleFreeOptimizer, type ScheduleFreeOptions } from './schedule-free.js';
import { forEachBackend } from './test-helpers.js';

// The fixtures @lrkit/train's schedule-free optimizers are checked against: the paper's algorithm in PyTorch.
interface Case {
  name: string;
  optimizer: 'sgd-schedule-free' | 'adamw-schedule-free';
  options: { lr?: number; momentum?: number; betas?: [number, number]; weightDecay?: number; warmupSteps?: number; r?: number; weightLrPower?: number };
  initial: number[];
  a: number[];
  b: number[];
  noise: number[][];
  lrs: number[];
  after: number[][];
}
const here = dirname(fileURLToPath(import.meta.url));
const cases = (JSON.parse(readFileSync(join(here, '..', '..', 'train', 'fixtures', 'schedule-free-fixtures.json'), 'utf8')) as { cases: Case[] }).cases;

function optionsOf(c: Case): ScheduleFreeOptions {
  const o = c.options;
  const adamw = c.optimizer === 'adamw-schedule-free';
  const out: ScheduleFreeOptions = { kind: adamw ? 'adamw' : 'sgd' };
  if (o.lr !== undefined) out.lr = o.lr;
  if (o.momentum !== undefined) out.beta = o.momentum;
  if (o.betas) [out.beta, out.beta2] = o.betas;
  if (o.weightDecay !== undefined) out.weightDecay = o.weightDecay;
  if (o.warmupSteps !== undefined) out.warmupSteps = o.warmupSteps;
  if (o.r !== undefined) out.r = o.r;
  if (o.weightLrPower !== undefined) out.weightLrPower = o.weightLrPower;
  return out;
}

function maxRelDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!) / Math.max(1, Math.abs(b[i]!)));
  return worst;
}

/** A small classifier and its data: 3 features, 2 classes, 24 training and 8 validation rows. */
function problem(optimizer: ScheduleFreeOptimizer) {
  const model = tfl.sequential({
    layers: [
      tfl.layers.dense({ units: 4, activation: 'relu', inputShape: [3], kernelInitializer: tfl.initializers.randomUniform({ minval: -0.5, maxval: 0.5, seed: 1 }) }),
      tfl.layers.dense({ units: 1, activation: 'sigmoid', kernelInitializer: tfl.initializers.randomUniform({ minval: -0.5, maxval: 0.5, seed: 2 }) }),
    ],
  });
  model.compile({ optimizer, loss: 'binaryCrossentropy' });
  const rows = Array.from({ length: 32 }, (_, i) => [Math.sin(i), Math.cos(1.7 * i), ((i * 7) % 11) / 11 - 0.5]);
  const labels = rows.map((r) => [r[0]! + r[1]! - r[2]! > 0 ? 1 : 0]);
  return {
    model,
    x: tf.tensor2d(rows.slice(0, 24)),
    y: tf.tensor2d(labels.slice(0, 24)),
    vx: tf.tensor2d(rows.slice(24)),
    vy: tf.tensor2d(labels.slice(24)),
  };
}

forEachBackend(() => {
  describe('scheduleFree against the paper algorithm in PyTorch', () => {
    it.each(cases.map((c) => [c.name, c] as const))('%s: x after each of 100 minimize() steps', (_name, c) => {
      const opt = scheduleFree(optionsOf(c));
      const v = tf.variable(tf.tensor1d(c.initial, 'float32'));
      const a = tf.tensor1d(c.a, 'float32');
      const b = tf.tensor1d(c.b, 'float32');
      for (let s = 0; s < c.after.length; s++) {
        opt.learningRate = c.lrs[s]!;
        const noise = tf.tensor1d(c.noise[s]!, 'float32');
        // d/dv [a (v - b)^2 / 2 + noise . v] = a (v - b) + noise, taken wherever minimize puts v (at y).
        opt.minimize(() => tf.add(tf.sum(tf.mul(tf.mul(a, tf.square(tf.sub(v, b))), 0.5)), tf.sum(tf.mul(noise, v))) as tf.Scalar, false, [v]);
        noise.dispose();
        expect(maxRelDiff(v.dataSync(), c.after[s]!)).toBeLessThan(1e-6);
      }
      for (const t of [a, b, v]) t.dispose();
      opt.dispose();
    });
  });

  describe('scheduleFree in model.fit', () => {
    it('validates, evaluates and saves the averaged weights x; the gradient point y is another model', async () => {
      const opt = scheduleFree({ kind: 'adamw', lr: 0.05 });
      const p = problem(opt);
      const history = await p.model.fit(p.x, p.y, { epochs: 5, batchSize: 8, shuffle: false, verbose: 0, validationData: [p.vx, p.vy] });
      const valLoss = history.history.val_loss!.at(-1) as number;
      const evaluated = p.model.evaluate(p.vx, p.vy) as tf.Scalar;
      expect(evaluated.dataSync()[0]).toBe(valLoss);
      let saved: Float32Array | null = null;
      await p.model.save(tf.io.withSaveHandler(async (artifacts) => {
        saved = new Float32Array(artifacts.weightData as ArrayBuffer);
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      }));
      const x = p.model.getWeights().flatMap((w) => Array.from(w.dataSync()));
      expect(Array.from(saved!)).toEqual(x);
      // y = 0.1 z + 0.9 x, from the optimizer's saved z: its validation loss is not the one fit reported.
      const z = (await opt.getWeights()).filter((w) => w.name.endsWith('/z'));
      const ys = p.model.getWeights().map((w, i) => tf.tidy(() => tf.add(tf.mul(z[i]!.tensor, 0.1), tf.mul(w, 0.9))));
      const xs = p.model.getWeights().map((w) => w.clone());
      p.model.setWeights(ys);
      const atY = p.model.evaluate(p.vx, p.vy) as tf.Scalar;
      expect(atY.dataSync()[0]).not.toBe(valLoss);
      p.model.setWeights(xs);
      tf.dispose([evaluated, atY, ...ys, ...xs, p.x, p.y, p.vx, p.vy]);
      opt.dispose();
    });

    it('a fit continued from saved model and optimizer weights equals one uninterrupted fit', async () => {
      const fit = (p: ReturnType<typeof problem>, epochs: number) => p.model.fit(p.x, p.y, { epochs, batchSize: 8, shuffle: false, verbose: 0 });
      const straight = problem(scheduleFree({ kind: 'sgd', lr: 0.5, warmupSteps: 3 }));
      await fit(straight, 4);
      const first = problem(scheduleFree({ kind: 'sgd', lr: 0.5, warmupSteps: 3 }));
      await fit(first, 2);
      const weights = first.model.getWeights().map((w) => w.clone());
      const state = (await first.model.optimizer.getWeights()).map((w) => ({ name: w.name, tensor: w.tensor.clone() }));
      const resumedOpt = scheduleFree({ kind: 'sgd', lr: 0.5, warmupSteps: 3 });
      const resumed = problem(resumedOpt);
      resumed.model.setWeights(weights);
      // The saved state names the first model's variables: map them onto the new model's, in order.
      const names = (ms: tfl.LayersModel) => ms.trainableWeights.map((w) => w.name);
      const rename = new Map(names(first.model).map((n, i) => [n, names(resumed.model)[i]!]));
      await resumedOpt.setWeights(state.map((w) => ({ name: w.name.replace(/^(.*)\/z$/, (_m, v: string) => `${rename.get(v)}/z`), tensor: w.tensor })));
      expect(resumedOpt.iterations).toBe(6);
      await fit(resumed, 2);
      expect(resumed.model.getWeights().map((w) => Array.from(w.dataSync()))).toEqual(straight.model.getWeights().map((w) => Array.from(w.dataSync())));
    });

    it('allocates nothing that outlives a minimize() step', () => {
      for (const kind of ['sgd', 'adamw'] as const) {
        const opt = scheduleFree({ kind, weightDecay: 0.1 });
        const v = tf.variable(tf.tensor1d([1, 2, 3]));
        const loss = () => tf.sum(tf.square(v)) as tf.Scalar;
        opt.minimize(loss, false, [v]);
        const live = tf.memory().numTensors;
        for (let i = 0; i < 5; i++) opt.minimize(loss, false, [v]);
        expect(tf.memory().numTensors).toBe(live);
        opt.dispose();
        v.dispose();
      }
    });

    it('refuses applyGradients alone and bad options, naming the option', () => {
      const opt = scheduleFree({ kind: 'sgd' });
      const v = tf.variable(tf.tensor1d([1]));
      expect(() => opt.applyGradients({ [v.name]: tf.tensor1d([1]) })).toThrow(/minimize/);
      expect(() => scheduleFree({ kind: 'adamw', beta: 1 })).toThrow(/beta/);
      expect(() => scheduleFree({ kind: 'sgd', lr: -1 })).toThrow(/lr/);
      expect(scheduleFree({ kind: 'sgd' }).learningRate).toBe(1);
      expect(scheduleFree({ kind: 'adamw' }).learningRate).toBe(0.0025);
      v.dispose();
    });
  });
});
