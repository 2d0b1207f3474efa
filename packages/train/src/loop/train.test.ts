import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { train } from './train';
import { createPredictor, predictProba } from './predict';
import { loadCsv } from '@lrkit/data';
import { expectedAutoBackend } from '../test-support';
import type { BinaryMetrics, EpochLog, Metrics } from '../types';

function binary(m: Metrics): BinaryMetrics {
  if (m.kind !== 'binary') throw new Error(`expected binary metrics, got ${m.kind}`);
  return m;
}

const plateauSpec = { type: 'reduce-on-plateau', patience: 0, factor: 0.5 };

describe('train() on the embedded breast-cancer data', () => {
  it('runs the seed job: 455/114 split, a loss that falls, StepLR lrs, sane metrics', async () => {
    const logs: EpochLog[] = [];
    const r = await train({ seed: 3, epochs: 12 }, { hooks: [{ onEpoch: (l) => void logs.push(l) }] });
    expect(r.backend).toBe(await expectedAutoBackend());
    expect([r.trainSize, r.testSize]).toEqual([455, 114]);
    expect(logs).toEqual(r.history);
    expect(r.history.map((h) => h.epoch)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    // StepLR(10, 0.1) on lr 1e-3: the lr used in epochs 1-10 is 1e-3, from epoch 11 1e-4.
    expect(r.history[0]!.lr).toBe(1e-3);
    expect(r.history[9]!.lr).toBe(1e-3);
    expect(r.history[10]!.lr).toBeCloseTo(1e-4, 15);
    expect(r.history[11]!.loss).toBeLessThan(r.history[0]!.loss);
    const m = binary(r.metrics);
    expect(m.accuracy).toBeGreaterThan(0.9);
    const c = m.confusion;
    expect(c.tp + c.fp + c.tn + c.fn).toBe(114);
    // Stratified like scikit-learn's stratify=y: 72 benign and 42 malignant test rows, whatever the seed.
    expect([c.tn + c.fp, c.tp + c.fn]).toEqual([72, 42]);
    expect(m.rocAuc).toBeGreaterThan(0.95);
    expect(r.task).toBe('classification');
    expect(r.classes).toEqual(['B', 'M']);
    expect(r.model.output).toBe('sigmoid');
    expect(r.model.layers.map((l) => [l.inputSize, l.outputSize, l.activation])).toEqual([
      [30, 64, 'relu'],
      [64, 1, 'linear'],
    ]);
    expect(r.preprocessing.labels).toEqual(['B', 'M']);
    expect(r.config).toMatchObject({ epochs: 12, batchSize: 32, optimizer: 'adam', lr: 1e-3, hidden: [64], seed: 3 });
    expect(r.trainMs).toBeGreaterThan(0);
  });

  it('same seed, same backend: the same loss trace and model, bit for bit; another seed differs', async () => {
    const a = await train({ seed: 5, epochs: 4 });
    const b = await train({ seed: 5, epochs: 4 });
    const c = await train({ seed: 6, epochs: 4 });
    expect(b.history.map((h) => h.loss)).toEqual(a.history.map((h) => h.loss));
    expect(b.model).toEqual(a.model);
    expect(b.metrics).toEqual(a.metrics);
    expect(a.valSize).toBe(0);
    expect(c.history.map((h) => h.loss)).not.toEqual(a.history.map((h) => h.loss));
  });

  it('is deterministic on cpu too, with SGD, two hidden layers and a per-step schedule', async () => {
    const config = {
      backend: 'cpu',
      seed: 2,
      epochs: 3,
      optimizer: 'sgd' as const,
      lr: 0.05,
      hidden: [16, 8],
      schedule: { type: 'exponential', gamma: 0.99, interval: 'step' },
    };
    const a = await train(config);
    const b = await train(config);
    expect(a.backend).toBe('cpu');
    expect(b.history).toEqual(a.history);
    // Stepped 15 times per epoch: epoch 2 runs at 0.05 * 0.99^15.
    expect(a.history[1]!.lr).toBeCloseTo(0.05 * 0.99 ** 15, 12);
    expect(a.model.layers.map((l) => l.outputSize)).toEqual([16, 8, 1]);
  });

  it('passes the validation loss to reduce-on-plateau, from a validation split carved from the training rows', async () => {
    const r = await train({ seed: 1, epochs: 3, schedule: plateauSpec });
    for (const h of r.history) expect(h.valLoss).toBeGreaterThan(0);
    // The default validation fraction where something watches it: ceil(0.1 * 455) = 46 rows, never the test rows.
    expect([r.trainSize, r.valSize, r.testSize]).toEqual([409, 46, 114]);
    expect(r.config.valFraction).toBe(0.1);
    await expect(train({ epochs: 2, schedule: plateauSpec, valFraction: 0 })).rejects.toThrow(/^valFraction: reduce-on-plateau watches the validation loss/);
  });

  it('predictProba reproduces the probabilities behind the test metrics', async () => {
    const r = await train({ seed: 4, epochs: 5 });
    const data = loadCsv();
    const probs = await predictProba(r.model, r.preprocessing, data.x, data.rows);
    expect(probs).toHaveLength(569);
    let correct = 0;
    for (let i = 0; i < data.rows; i++) if ((probs[i]! > 0.5 ? 1 : 0) === data.y[i]) correct++;
    expect(correct / data.rows).toBeGreaterThan(0.9);
    await expect(predictProba(r.model, r.preprocessing, data.x.subarray(0, 10), 1)).rejects.toThrow(/30 features/);
    // A held predictor answers the same, bit for bit, call after call.
    const held = createPredictor(r.model, r.preprocessing);
    try {
      expect(held.predict(data.x, data.rows)).toEqual(probs);
      expect(held.predict(data.x.subarray(0, 60), 2)).toEqual(probs.subarray(0, 2));
      expect(() => held.predict(data.x.subarray(0, 10), 1)).toThrow(/30 features/);
    } finally {
      held.dispose();
    }
  });

  it('rejects bad configuration naming the field, with exit code 2', async () => {
    await expect(train({ epochs: 0 })).rejects.toMatchObject({ exitCode: 2, message: expect.stringMatching(/^epochs:/) });
    await expect(train({ hidden: [64, -1] })).rejects.toThrow(/hidden\[1\]/);
    await expect(train({ optimizer: 'rmsprop' as never })).rejects.toThrow(/optimizer/);
    await expect(train({ batchSize: 1.5 })).rejects.toThrow(/batchSize/);
  });

  it('refuses up front a schedule the run would outgrow, or a plateau stepped per batch', async () => {
    // 15 steps an epoch x 2 epochs = 30 one-cycle steps; it allows 20.
    await expect(
      train({ epochs: 2, schedule: { type: 'one-cycle', maxLr: 0.01, totalSteps: 20 } }),
    ).rejects.toMatchObject({ exitCode: 2, message: expect.stringMatching(/^schedule: the run steps the schedule 30 times \(2 epochs x 15 steps\)/) });
    await expect(
      train({ epochs: 2, schedule: { type: 'reduce-on-plateau', interval: 'step' } }),
    ).rejects.toMatchObject({ exitCode: 2, message: expect.stringMatching(/^schedule: reduce-on-plateau/) });
    // Exactly as many steps as it allows runs to the end, as in PyTorch.
    const ok = await train({ epochs: 2, schedule: { type: 'one-cycle', maxLr: 0.01, totalSteps: 30 } });
    expect(ok.history).toHaveLength(2);
  });

  it("reports each epoch's loss as the mean over its rows, whatever the shuffle puts in the short batch", async () => {
    // With a vanishing lr the model stays put, so every epoch sees the same 455 per-row losses: their mean
    // must not move with the shuffle (a mean of batch means would, through the 7-row last batch).
    const { history } = await train({ epochs: 4, lr: 1e-12 });
    const losses = history.map((h) => h.loss);
    for (const l of losses) expect(Math.abs(l - losses[0]!)).toBeLessThan(1e-6);
  });

  it('trains a target with three classes (softmax), and refuses one with a single class', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lrkit-train-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const rows = Array.from({ length: 30 }, (_, i) => `${i % 3 + (i % 7) / 10},${(i * 7) % 5},${['x', 'y', 'z'][i % 3]}`);
    const path = join(dir, 'three.csv');
    writeFileSync(path, `a,b,label\n${rows.join('\n')}\n`);
    const r = await train({ data: path, target: 'label', epochs: 3 });
    expect(r.classes).toEqual(['x', 'y', 'z']);
    expect(r.model.output).toBe('softmax');
    expect(r.metrics.kind).toBe('multiclass');
    const one = join(dir, 'one.csv');
    writeFileSync(one, 'a,b,label\n1,2,x\n3,4,x\n5,6,x\n');
    await expect(train({ data: one, target: 'label' })).rejects.toMatchObject({ exitCode: 2, message: expect.stringMatching(/'label' has 1 class \('x'\); classification needs at least 2/) });
  });
});
