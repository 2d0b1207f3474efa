import { existsSync, mkdtempSync, readdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCsv } from '@lrkit/data';
import { createRegistry } from '@lrkit/schedulers';
import { afterAll, describe, expect, it } from 'vitest';
import { friedmanPath, irisPath } from '../test-data';
import type { Metrics, MulticlassMetrics, RegressionMetrics } from '../types';
import { predictProba } from './predict';
import { train } from './train';

const dir = mkdtempSync(join(tmpdir(), 'lrkit-tabular-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
function csv(text: string): string {
  const path = join(dir, `t${n++}.csv`);
  writeFileSync(path, text);
  return path;
}

function multiclass(m: Metrics): MulticlassMetrics {
  if (m.kind !== 'multiclass') throw new Error(`expected multiclass metrics, got ${m.kind}`);
  return m;
}
function regression(m: Metrics): RegressionMetrics {
  if (m.kind !== 'regression') throw new Error(`expected regression metrics, got ${m.kind}`);
  return m;
}

describe('multi-class classification (iris)', () => {
  it('trains softmax + cross-entropy on a stratified split: 10 test rows per class, macro metrics, log loss', async () => {
    const r = await train({ data: irisPath, target: 'species', seed: 1, epochs: 30, lr: 0.01 });
    expect(r.task).toBe('classification');
    expect(r.taskReason).toMatch(/non-numeric values \(e\.g\. 'setosa'\)/);
    expect(r.classes).toEqual(['setosa', 'versicolor', 'virginica']);
    expect(r.model.output).toBe('softmax');
    expect(r.model.layers.at(-1)!.outputSize).toBe(3);
    const m = multiclass(r.metrics);
    expect(m.confusion.map((row) => row.reduce((a, b) => a + b, 0))).toEqual([10, 10, 10]);
    expect(m.accuracy).toBeGreaterThan(0.85);
    expect(m.f1).toBeGreaterThan(0.85);
    // Log loss equals the CE kernel's mean loss up to float32 rounding of the probabilities.
    expect(Math.abs(m.logLoss - m.loss)).toBeLessThan(1e-5);
    const last = r.history.at(-1)!.loss;
    expect(last).toBeLessThan(r.history[0]!.loss);
  });

  it('predictProba gives k probabilities per row that sum to 1, matching the test accuracy', async () => {
    const r = await train({ data: irisPath, target: 'species', seed: 2, epochs: 5, lr: 0.01 });
    const ds = loadCsv(irisPath, { target: 'species' });
    const p = await predictProba(r.model, r.preprocessing, ds.x, ds.rows);
    expect(p).toHaveLength(150 * 3);
    for (let i = 0; i < 150; i++) expect(p[3 * i]! + p[3 * i + 1]! + p[3 * i + 2]!).toBeCloseTo(1, 5);
  });
});

describe('regression (friedman1)', () => {
  it('trains MSE on the standardised target and reports RMSE, MAE, R^2 in the target units', async () => {
    const r = await train({ data: friedmanPath, target: 'y', seed: 1, epochs: 20, lr: 0.005 });
    expect(r.task).toBe('regression');
    expect(r.classes).toEqual([]);
    expect(r.model.output).toBe('linear');
    const pre = r.preprocessing;
    // The target's mean and spread over the 800 training rows: friedman1's y is around 14 +- 5.
    expect(pre.targetMean!).toBeGreaterThan(10);
    expect(pre.targetMean!).toBeLessThan(18);
    expect(pre.targetScale!).toBeGreaterThan(3);
    const m = regression(r.metrics);
    expect(m.r2).toBeGreaterThan(0.6);
    // RMSE is in target units: sqrt(MSE on the standardised scale) x the target's scale, within rounding.
    expect(m.rmse).toBeCloseTo(Math.sqrt(m.loss) * pre.targetScale!, 4);
    expect(m.mae).toBeLessThan(m.rmse);
  });

  it('predictProba maps predictions back to the target units', async () => {
    const r = await train({ data: friedmanPath, target: 'y', seed: 3, epochs: 10, lr: 0.005 });
    const ds = loadCsv(friedmanPath, { target: 'y' });
    const p = await predictProba(r.model, r.preprocessing, ds.x, ds.rows);
    expect(p).toBeInstanceOf(Float64Array);
    let mean = 0;
    for (const v of p) mean += v / p.length;
    expect(Math.abs(mean - r.preprocessing.targetMean!)).toBeLessThan(2);
  });

  it('--task regression refuses a non-numeric target naming the row; auto picks classes for few integers, saying it guessed', async () => {
    const path = csv('a,y\n1,2.5\n2,3.5\n3,abc\n4,1\n5,2\n');
    await expect(train({ data: path, target: 'y', task: 'regression' })).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringMatching(/target 'y': data row 3 holds 'abc', which is not a number/),
    });
    // 'n/a' is a gap: the row is dropped and counted, not refused.
    const gap = csv(`a,y\n${Array.from({ length: 30 }, (_, i) => `${i % 7},${i === 3 ? 'n/a' : i / 4}`).join('\n')}\n`);
    expect((await train({ data: gap, target: 'y', task: 'regression', epochs: 1 })).preprocessing.plan!.droppedTargetGaps).toBe(1);
    const ints = csv(`a,y\n${Array.from({ length: 40 }, (_, i) => `${i % 10},${i % 2}`).join('\n')}\n`);
    const r = await train({ data: ints, target: 'y', epochs: 1 });
    expect(r).toMatchObject({ task: 'classification', taskGuess: true, classes: ['0', '1'] });
    expect(r.taskReason).toMatch(/a guess/);
  });
});

describe('data from memory, config as JSON', () => {
  it('an in-memory Dataset trains exactly as the same CSV read from its path', async () => {
    const config = { target: 'species', seed: 4, epochs: 3 };
    const fromPath = await train({ ...config, data: irisPath });
    const fromMemory = await train(config, { dataset: loadCsv(irisPath, { target: 'species' }) });
    expect(fromMemory.model).toEqual(fromPath.model);
    expect(fromMemory.metrics).toEqual(fromPath.metrics);
    expect(fromMemory.config.data).toBe('(in memory)');
    // The resolved config round-trips through JSON (a sweep stores and replays it).
    const again = await train(JSON.parse(JSON.stringify({ ...fromPath.config, data: irisPath })) as never);
    expect(again.model).toEqual(fromPath.model);
  });

  it('takes the scheduler registry as an option: a schedule type only that registry knows', async () => {
    const registry = createRegistry();
    registry.register({ name: 'halve-each-epoch', apiVersion: 1, parse: () => ({}), create: (_o: unknown, groups: readonly { baseLr: number }[]) => ({ lr: (s: number) => groups.map((g) => g.baseLr / 2 ** s) }) });
    const r = await train({ epochs: 3, schedule: { type: 'halve-each-epoch' } }, { registry });
    expect(r.history.map((h) => h.lr)).toEqual([1e-3, 5e-4, 2.5e-4]);
    await expect(train({ epochs: 1, schedule: { type: 'halve-each-epoch' } })).rejects.toMatchObject({ exitCode: 2 });
  });

  it('hooks see every step and every epoch, and an epoch hook can stop the run', async () => {
    const steps: number[] = [];
    const r = await train({ epochs: 5 }, { hooks: [{ onStep: (s) => void steps.push(s.globalStep), onEpoch: (log) => (log.epoch === 2 ? 'stop' : undefined) }] });
    expect(r.history).toHaveLength(2);
    expect(steps).toEqual(Array.from({ length: 30 }, (_, i) => i + 1)); // 455 rows / 32 = 15 steps an epoch
  });
});

describe('the loop alone (what an LR range test builds on)', () => {
  it('runs without a scheduler; a step hook changes the rate for the next step and stops the run mid-epoch', async () => {
    const { createRng } = await import('@lrkit/core');
    const { prepareData } = await import('../data/prepare');
    const { createModel } = await import('../nn/head');
    const { createOptimizer } = await import('../optim/create');
    const { runLoop } = await import('./run');
    const data = await prepareData(irisPath, { target: 'species', testFraction: 0.2, seed: 1 });
    const { model, head } = createModel({ inputs: 4, hidden: [8], task: data.task, classes: data.classes.length, batchRows: 16 }, createRng(1));
    const optimizer = createOptimizer('sgd', model.parameters(), { lr: 1e-4 });
    const seen: { lr: number; loss: number }[] = [];
    const r = await runLoop({
      model,
      optimizer,
      loss: head.loss,
      train: data.train,
      epochs: 100,
      batchSize: 16,
      shuffle: createRng(2),
      stopOnDivergence: false,
      hooks: [
        {
          onStep(s) {
            seen.push({ lr: s.lr, loss: s.loss() });
            optimizer.paramGroups[0]!.lr *= 2;
            return s.globalStep === 12 ? 'stop' : undefined;
          },
        },
      ],
    });
    // 120 rows in batches of 16: 8 steps an epoch; stopped after step 4 of epoch 2.
    expect(r.steps).toBe(12);
    expect(r.stoppedAfter).toBe(2);
    expect(seen.map((s) => s.lr)).toEqual(Array.from({ length: 12 }, (_, i) => 1e-4 * 2 ** i));
    expect(seen.every((s) => s.loss > 0)).toBe(true);
    optimizer.dispose();
    model.dispose();
  });
});

describe('early stopping and the validation split', () => {
  it('stops after PATIENCE epochs without a better validation loss and restores the best weights (Keras)', async () => {
    // A large lr makes the validation loss climb after a few epochs.
    const r = await train({ seed: 1, epochs: 40, lr: 0.05, earlyStopping: 3, schedule: { type: 'constant' } });
    expect(r.stoppedEarly).toBeDefined();
    const s = r.stoppedEarly!;
    expect(s.epoch).toBe(s.bestEpoch + 3);
    expect(r.history).toHaveLength(s.epoch);
    const vals = r.history.map((h) => h.valLoss!);
    expect(Math.min(...vals)).toBe(s.bestValLoss);
    expect(vals[s.bestEpoch - 1]).toBe(s.bestValLoss);
    expect([r.trainSize, r.valSize, r.testSize]).toEqual([409, 46, 114]);
    // The restored model is the best epoch's: rerun to that epoch alone and compare the weights.
    const best = await train({ seed: 1, epochs: 40, lr: 0.05, earlyStopping: 3, schedule: { type: 'constant' } }, { hooks: [{ onEpoch: (log) => (log.epoch === s.bestEpoch ? 'stop' : undefined) }] });
    expect(r.model).toEqual(best.model);
  });
});

describe('bad input and bounds', () => {
  it('a loss that turns non-finite stops the run: diverged, the epoch and the rate, exit code 2', async () => {
    await expect(train({ epochs: 5, lr: 1e30, optimizer: 'sgd' })).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringMatching(/^training diverged: the training loss is NaN in epoch \d+\/5 at lr 1e\+30/),
    });
  });

  it('refuses layer sizes and networks too large before allocating anything, naming hidden and the number', async () => {
    const t0 = performance.now();
    await expect(train({ hidden: [100_000_000] })).rejects.toMatchObject({ exitCode: 2, message: expect.stringMatching(/^hidden\[0\]: 100000000 is more than lrkit allows \(at most 65536\)/) });
    await expect(train({ hidden: [65536, 65536] })).rejects.toMatchObject({ message: expect.stringMatching(/^hidden: \[65536, 65536\] makes a network of 4,297,\d{3},\d{3} parameters/) });
    expect(performance.now() - t0).toBeLessThan(1000);
  });

  it('refuses a class too small to stratify, and a seed past 2^53-1', async () => {
    const path = csv('a,b,k\n1,2,x\n3,4,x\n5,6,x\n7,8,y\n9,1,y\n2,2,z\n');
    await expect(train({ data: path, target: 'k' })).rejects.toMatchObject({ exitCode: 2, message: expect.stringMatching(/class 'z' of 'k' has only 1 row: too few to stratify/) });
    await expect(train({ seed: 2 ** 53 })).rejects.toMatchObject({ exitCode: 2, message: expect.stringMatching(/^seed: must be an integer from 0 to 9007199254740991/) });
  });
});

describe('checkpoints', () => {
  const spec = { type: 'one-cycle', maxLr: 0.05, totalSteps: 6 * 15 };
  const base = { optimizer: 'sgd' as const, lr: 0.01, epochs: 6, schedule: spec, seed: 9, hidden: [16] };

  it('a run resumed from an earlier checkpoint finishes bit-identical to the uninterrupted run', async () => {
    const whole = join(dir, 'whole');
    const cut = join(dir, 'cut');
    const a = await train({ ...base, checkpoint: { dir: whole } });
    // The same run stopped after epoch 2 (its checkpoint written), then resumed.
    await train({ ...base, checkpoint: { dir: cut } }, { hooks: [{ onEpoch: (log) => (log.epoch === 2 ? 'stop' : undefined) }] });
    const b = await train({ ...base, checkpoint: { dir: cut }, resume: true });
    expect(b.resumedFromEpoch).toBe(2);
    expect(b.model).toEqual(a.model);
    expect(b.history).toEqual(a.history);
    expect(b.metrics).toEqual(a.metrics);
    expect(readdirSync(cut)).toEqual(['checkpoint.json']);
  });

  it('early stopping resumes exactly too: its best weights and wait count travel in the checkpoint', async () => {
    const config = { seed: 1, epochs: 40, lr: 0.05, earlyStopping: 3, schedule: { type: 'constant' } };
    const whole = await train({ ...config, checkpoint: { dir: join(dir, 'es-whole') } });
    expect(whole.stoppedEarly).toBeDefined();
    const cutDir = join(dir, 'es-cut');
    // Cut one epoch after the best: the wait count is 1 and the best weights are not the current ones.
    const cutAt = whole.stoppedEarly!.bestEpoch + 1;
    await train({ ...config, checkpoint: { dir: cutDir } }, { hooks: [{ onEpoch: (log) => (log.epoch === cutAt ? 'stop' : undefined) }] });
    const resumed = await train({ ...config, checkpoint: { dir: cutDir }, resume: true });
    expect(resumed.stoppedEarly).toEqual(whole.stoppedEarly);
    expect(resumed.model).toEqual(whole.model);
    expect(resumed.history).toEqual(whole.history);
    // Resuming the finished run trains nothing and gives the same result.
    const again = await train({ ...config, checkpoint: { dir: cutDir }, resume: true });
    expect(again.model).toEqual(whole.model);
    expect(again.metrics).toEqual(whole.metrics);
  });

  it('refuses: resume without a checkpoint, other settings (naming the setting), other data, a foreign version, an unwritable dir', async () => {
    const empty = join(dir, 'empty');
    await expect(train({ ...base, checkpoint: { dir: empty }, resume: true })).rejects.toMatchObject({ exitCode: 2, message: expect.stringMatching(/^resume: there is no checkpoint to resume from/) });
    // Refused runs leave nothing behind: no directory for a resume without a checkpoint, nor for bad data.
    expect(existsSync(empty)).toBe(false);
    const fresh = join(dir, 'fresh', 'deeper');
    await expect(train({ ...base, data: join(dir, 'missing.csv'), checkpoint: { dir: fresh } })).rejects.toMatchObject({ exitCode: 2 });
    expect(existsSync(join(dir, 'fresh'))).toBe(false);
    const done = join(dir, 'done');
    await train({ ...base, epochs: 1, schedule: { type: 'step', stepSize: 10 }, checkpoint: { dir: done } });
    await expect(train({ ...base, epochs: 1, schedule: { type: 'step', stepSize: 10 }, lr: 0.02, checkpoint: { dir: done }, resume: true })).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringMatching(/^lr: the checkpoint in '.*' was made with lr 0\.01, this run has 0\.02/),
    });
    await expect(train({ ...base, epochs: 1, schedule: { type: 'step', stepSize: 10 }, data: irisPath, target: 'species', checkpoint: { dir: done }, resume: true })).rejects.toMatchObject({
      exitCode: 2,
    });
    // Starting afresh over an existing checkpoint would destroy it: refused.
    await expect(train({ ...base, epochs: 1, checkpoint: { dir: done } })).rejects.toMatchObject({ message: expect.stringMatching(/already holds a checkpoint/) });
    const old = join(dir, 'old');
    await train({ ...base, epochs: 1, schedule: { type: 'step', stepSize: 10 }, checkpoint: { dir: old } });
    const file = join(old, 'checkpoint.json');
    const { readFileSync } = await import('node:fs');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"version":1', '"version":99'));
    await expect(train({ ...base, epochs: 1, schedule: { type: 'step', stepSize: 10 }, checkpoint: { dir: old }, resume: true })).rejects.toMatchObject({
      message: expect.stringMatching(/checkpoint format version 99 .*this lrkit reads version 1/),
    });
    const notDir = csv('x');
    await expect(train({ ...base, checkpoint: { dir: join(notDir, 'sub') } })).rejects.toMatchObject({ exitCode: 2, message: expect.stringMatching(/^checkpoint\.dir: '.*' cannot hold checkpoints/) });
  });
});
