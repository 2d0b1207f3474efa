import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tf } from '@lrkit/core';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeF32, type CheckpointFile } from '../checkpoint/format';
import { resolveConfig } from '../config/resolve';
import { prepareData } from '../data/prepare';
import { Mlp } from '../nn/mlp';
import { irisPath } from '../test-data';
import type { TrainConfig } from '../types';
import { meanLoss } from './evaluate';
import { train } from './train';

const dir = mkdtempSync(join(tmpdir(), 'lrkit-sf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
// A constant rate: schedule-free needs no schedule.
const flat = { type: 'step', stepSize: 1000, gamma: 1 };

describe.each(['sgd-schedule-free', 'adamw-schedule-free'] as const)('%s in train()', (optimizer) => {
  const config: TrainConfig = { data: irisPath, target: 'species', optimizer, epochs: 6, seed: 3, hidden: [8], schedule: flat, valFraction: 0.2, backend: 'cpu' };

  it("trains at the reference's default rate, and validates, evaluates and exports the averaged weights x", async () => {
    const r = await train({ ...config, checkpoint: { dir: join(dir, `${optimizer}-x`) } });
    expect(r.config.lr).toBe(optimizer === 'sgd-schedule-free' ? 1 : 0.0025);
    // The last epoch's validation loss, recomputed from the exported model, is the loss of x ...
    const data = await prepareData(irisPath, resolveConfig(config));
    const exported = Mlp.fromJSON(r.model);
    expect(meanLoss(exported, data.val!, 'softmax-ce')).toBe(r.history.at(-1)!.valLoss);
    // ... and the checkpoint keeps the same x, with z and the averaging's totals beside it.
    const ckpt = JSON.parse(readFileSync(join(dir, `${optimizer}-x`, 'checkpoint.json'), 'utf8')) as CheckpointFile;
    expect(Array.from(decodeF32(ckpt.model.layers[0]!.weight, 'weight'))).toEqual(r.model.layers[0]!.weight);
    expect(ckpt.optimizer.scalars!.weightSum).toBeGreaterThan(0);
    // The gradient point y = (1 - beta) z + beta x is another model, with another loss: the switch matters.
    const beta = 0.9;
    const yModel = Mlp.fromJSON({
      ...r.model,
      layers: r.model.layers.map((l, i) => ({
        ...l,
        weight: mix(decodeF32(ckpt.optimizer.tensors.z![2 * i]!, 'z'), l.weight, beta),
        bias: mix(decodeF32(ckpt.optimizer.tensors.z![2 * i + 1]!, 'z'), l.bias, beta),
      })),
    });
    expect(meanLoss(yModel, data.val!, 'softmax-ce')).not.toBe(r.history.at(-1)!.valLoss);
    exported.dispose();
    yModel.dispose();
  });

  it('a run interrupted and resumed equals the uninterrupted one, early stopping included', async () => {
    const es = { ...config, epochs: 30, earlyStopping: 1, lr: optimizer === 'sgd-schedule-free' ? 3 : 0.2 };
    const whole = await train({ ...es, checkpoint: { dir: join(dir, `${optimizer}-whole`) } });
    expect(whole.stoppedEarly).toBeDefined();
    await train({ ...es, checkpoint: { dir: join(dir, `${optimizer}-cut`) } }, { hooks: [{ onEpoch: (log) => (log.epoch === 3 ? 'stop' : undefined) }] });
    const resumed = await train({ ...es, checkpoint: { dir: join(dir, `${optimizer}-cut`) }, resume: true });
    expect(resumed.resumedFromEpoch).toBe(3);
    expect(resumed.model).toEqual(whole.model);
    expect(resumed.history).toEqual(whole.history);
    expect(resumed.metrics).toEqual(whole.metrics);
    expect(resumed.stoppedEarly).toEqual(whole.stoppedEarly);
  });

  it("refuses a checkpoint without the averaging's totals, naming the field", async () => {
    const cut = join(dir, `${optimizer}-damaged`);
    await train({ ...config, checkpoint: { dir: cut } }, { hooks: [{ onEpoch: (log) => (log.epoch === 2 ? 'stop' : undefined) }] });
    const file = join(cut, 'checkpoint.json');
    const c = JSON.parse(readFileSync(file, 'utf8')) as CheckpointFile;
    delete c.optimizer.scalars!.weightSum;
    writeFileSync(file, JSON.stringify(c));
    await expect(train({ ...config, checkpoint: { dir: cut }, resume: true })).rejects.toMatchObject({ exitCode: 2, message: expect.stringMatching(/optimizer\.scalars\.weightSum: is missing/) });
  });
});

/** (1 - beta) z + beta x in float32, as the optimizer computes y. */
function mix(z: Float32Array, x: number[], beta: number): number[] {
  return tf.tidy(() => Array.from(tf.add(tf.mul(tf.tensor1d(z), 1 - beta), tf.mul(tf.tensor1d(x), beta)).dataSync()));
}
