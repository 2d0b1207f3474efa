import { describe, expect, it } from 'vitest';
import { createRng, useBackend } from '@lrkit/core';
import type { LoopHooks } from '../loop/run';
import { Mlp } from '../nn/mlp';
import { train } from '../loop/train';
import { lrFind } from './lr-find';
import { rangeTest } from './range-test';
import { prepareRun } from './setup';
import { expectedAutoBackend } from '../test-support';

describe('rangeTest', () => {
  it('trains a copy: the model given keeps its weights', async () => {
    await useBackend('cpu');
    const run = await prepareRun({ backend: 'cpu', seed: 1 });
    const before = run.model.toJSON();
    const curve = await rangeTest({ model: run.model, optimizer: 'adam', loss: 'sigmoid-bce', trainSet: run.trainSet, batchSize: 32, shuffle: run.shuffle, endLr: 1e-2, iterations: 30 });
    expect(curve.lrs.length).toBe(30);
    expect(run.model.toJSON()).toEqual(before);
    run.model.dispose();
  });

  it('grows the rate exponentially, smooths with beta 0.98 and bias correction, stops at 4x the best', async () => {
    const run = await prepareRun({ backend: 'cpu', seed: 1 });
    const curve = await rangeTest({ model: run.model, optimizer: 'sgd', loss: 'sigmoid-bce', trainSet: run.trainSet, batchSize: 32, shuffle: run.shuffle, startLr: 1e-4, endLr: 1e4, iterations: 80 });
    run.model.dispose();
    curve.lrs.forEach((lr, i) => expect(lr).toBe(1e-4 * (1e4 / 1e-4) ** (i / 80)));
    let avg = 0;
    curve.rawLosses.forEach((raw, i) => {
      avg = 0.98 * avg + (1 - 0.98) * raw;
      expect(curve.losses[i]).toBe(avg / (1 - 0.98 ** (i + 1)));
    });
    // SGD at rates up to 1e4 blows up long before the end.
    expect(curve.stopped).not.toBeNull();
    expect(curve.lrs.length).toBeLessThan(80);
    const last = curve.losses.at(-1)!;
    const bestBefore = Math.min(...curve.losses.slice(0, -1));
    if (curve.stopped === 'diverged') expect(last).toBeGreaterThan(4 * bestBefore);
    else expect(last).toBeNaN();
    // Every earlier point was within bounds (the run stopped at the first one that was not).
    curve.losses.slice(0, -1).forEach((l, i) => expect(l).toBeLessThanOrEqual(4 * Math.min(...curve.losses.slice(0, i + 1))));
  });

  it('runs on the training loop: a hook of the caller sees every step, its epoch, rate and loss, and can stop it', async () => {
    const run = await prepareRun({ backend: 'cpu', seed: 1 });
    const steps: { epoch: number; step: number; lr: number; loss: number; rows: number }[] = [];
    const epochs: number[] = [];
    const observer: LoopHooks = {
      onStep: (s) => void steps.push({ epoch: s.epoch, step: s.globalStep, lr: s.lr, loss: s.loss(), rows: s.rows }),
      onEpoch: (log) => void epochs.push(log.epoch),
    };
    const options = { model: run.model, optimizer: 'adam' as const, loss: 'sigmoid-bce' as const, trainSet: run.trainSet, batchSize: 32, shuffle: run.shuffle, endLr: 1e-2, iterations: 30 };
    const curve = await rangeTest({ ...options, hooks: [observer] });
    // fastai drops each pass's short last batch: every step trains on a full one.
    const perEpoch = Math.floor(run.trainSet.rows / 32);
    expect(run.trainSet.rows % 32).not.toBe(0);
    expect(steps.map((s) => s.rows)).toEqual(steps.map(() => 32));
    expect(steps.map((s) => s.step)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(steps.map((s) => s.lr)).toEqual(curve.lrs);
    expect(steps.map((s) => s.loss)).toEqual(curve.rawLosses);
    // A fresh pass over the data (an epoch of the loop) after every perEpoch minibatches.
    expect(steps.map((s) => s.epoch)).toEqual(steps.map((_, i) => Math.floor(i / perEpoch) + 1));
    // Every pass ends with its epoch hooks, the last (cut short by the rate hook) too.
    expect(epochs).toEqual(Array.from({ length: Math.ceil(30 / perEpoch) }, (_, i) => i + 1));
    const cut = await rangeTest({ ...options, hooks: [{ onStep: (s) => (s.globalStep === 10 ? 'stop' : undefined) }] });
    expect(cut.lrs).toHaveLength(10);
    expect(cut.stopped).toBeNull();
    run.model.dispose();
  });

  it('refuses a range it cannot run, naming the field', async () => {
    const model = Mlp.create({ sizes: [2, 1], rng: createRng(1) });
    const base = { model, optimizer: 'adam' as const, loss: 'sigmoid-bce' as const, trainSet: { x: new Float32Array(2), y: new Float32Array(1), rows: 1, cols: 2 }, batchSize: 1, shuffle: createRng(1) };
    expect(() => rangeTest({ ...base, startLr: 0 })).toThrow(/^startLr: /);
    expect(() => rangeTest({ ...base, startLr: 1, endLr: 0.5 })).toThrow(/^endLr: /);
    expect(() => rangeTest({ ...base, iterations: 3 })).toThrow(/^iterations: /);
    model.dispose();
  });
});

describe('lrFind on the embedded breast-cancer data', () => {
  it('records the whole curve, suggests a sane rate, and gives the same numbers every time', async () => {
    const a = await lrFind({ seed: 42 });
    const b = await lrFind({ seed: 42 });
    expect(b.losses).toEqual(a.losses);
    expect(b.suggestion).toEqual(a.suggestion);
    expect(a.backend).toBe(await expectedAutoBackend());
    expect(a.suggestion.method).toBe('valley');
    // The seed job trains well at 1e-3; the valley of this curve is in the same decades.
    expect(a.suggestion.lr).toBeGreaterThan(1e-5);
    expect(a.suggestion.lr).toBeLessThan(1);
    expect(a.lrs[0]).toBe(1e-7);
    expect(a.config).toMatchObject({ optimizer: 'adam', batchSize: 32, hidden: [64], seed: 42 });
    const other = await lrFind({ seed: 42, suggest: 'minimum' });
    expect(other.losses).toEqual(a.losses);
    expect(other.suggestion.method).toBe('minimum');
  });
});

describe("train({ lr: 'find' })", () => {
  it('runs the range test lr-find runs, trains at its valley suggestion, and equals the run given that rate', async () => {
    const config = { seed: 7, epochs: 3, hidden: [16] };
    const found = await train({ ...config, lr: 'find' });
    const test = await lrFind({ seed: 7, hidden: [16] });
    expect(found.lrFound).toMatchObject({ lr: test.suggestion.lr, method: 'valley' });
    expect(found.lrFound!.suggestions).toEqual(test.suggestions);
    expect(found.config.lr).toBe(test.suggestion.lr);
    expect(found.history[0]!.lr).toBe(test.suggestion.lr);
    // The test trains a copy on its own shuffle stream: the run is the plain run at that rate, bit for bit.
    const given = await train({ ...config, lr: test.suggestion.lr });
    expect(found.model).toEqual(given.model);
    expect(found.history).toEqual(given.history);
    expect(given.lrFound).toBeUndefined();
  });

  it("tests the rate with the optimizer's own settings (SGD with momentum here), as lr-find does and as the run trains", async () => {
    const config = { seed: 7, epochs: 2, hidden: [16], optimizer: 'sgd' as const, momentum: 0.9 };
    const found = await train({ ...config, lr: 'find' });
    const withMomentum = await lrFind({ seed: 7, hidden: [16], optimizer: 'sgd', momentum: 0.9 });
    const plain = await lrFind({ seed: 7, hidden: [16], optimizer: 'sgd' });
    // Momentum changes the curve, so a test on plain SGD would be the wrong test for this run.
    expect(withMomentum.losses).not.toEqual(plain.losses);
    expect(found.lrFound!.suggestions).toEqual(withMomentum.suggestions);
  });

  it("refuses another word, naming lr and what it takes", async () => {
    await expect(train({ lr: 'fast' as never })).rejects.toMatchObject({ exitCode: 2, message: "lr: must be a positive number or 'find', got 'fast'" });
  });
});
