// The optimizer settings, clipping and dropout in whole runs: the same seed gives the same numbers, a resumed
// run finishes bit-identical to the uninterrupted one (dropout's stream and AMSGrad's state included), a
// checkpoint written before these settings existed still resumes, bad values are refused naming the field,
// and the exported model has no dropout in it.
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeOnnx } from '../onnx/export';
import type { TrainConfig } from '../types';
import { train } from './train';

const dir = mkdtempSync(join(tmpdir(), 'lrkit-knobs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const base: TrainConfig = { epochs: 4, seed: 5, hidden: [16, 8], backend: 'wasm' };
const sgd: TrainConfig = { ...base, optimizer: 'sgd', lr: 0.05, momentum: 0.9, nesterov: true, weightDecay: 1e-3, clipGradNorm: 1, dropout: [0.3, 0.1] };
const adam: TrainConfig = { ...base, optimizer: 'adam', amsgrad: true, betas: [0.85, 0.995], eps: 1e-7, weightDecay: 1e-4, dropout: 0.2 };

/** Stops a run after epoch 2 (its checkpoint written then): an interrupted run. */
const stopAfter2 = { hooks: [{ onEpoch: (log: { epoch: number }) => (log.epoch === 2 ? ('stop' as const) : undefined) }] };

describe.each([
  ['sgd, Nesterov, weight decay, clipping, dropout per layer', sgd],
  ['adam, AMSGrad, betas, eps, one dropout rate', adam],
])('%s', (_name, config) => {
  it('the same seed gives the same numbers; the settings change them', async () => {
    const a = await train(config);
    const b = await train(config);
    expect(b.model).toEqual(a.model);
    expect(b.history).toEqual(a.history);
    const plain = await train({ ...base, optimizer: config.optimizer! });
    expect(plain.model).not.toEqual(a.model);
    expect(a.config).toMatchObject(config);
  });

  it('a run resumed from an earlier checkpoint finishes bit-identical to the uninterrupted run', async () => {
    const whole = mkdtempSync(join(dir, 'whole-'));
    const cut = mkdtempSync(join(dir, 'cut-'));
    const a = await train({ ...config, checkpoint: { dir: whole } });
    await train({ ...config, checkpoint: { dir: cut } }, stopAfter2);
    const b = await train({ ...config, checkpoint: { dir: cut }, resume: true });
    expect(b.resumedFromEpoch).toBe(2);
    expect(b.model).toEqual(a.model);
    expect(b.history).toEqual(a.history);
  });

  it('a resume with another value of a setting is refused, naming it', async () => {
    const cut = mkdtempSync(join(dir, 'other-'));
    await train({ ...config, checkpoint: { dir: cut } }, stopAfter2);
    await expect(train({ ...config, dropout: 0.05, checkpoint: { dir: cut }, resume: true })).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringMatching(/^dropout: the checkpoint in .* was made with dropout/),
    });
  });
});

it("a run at these settings' defaults writes none of them (its checkpoint is as it was before they existed), and resumes from it", async () => {
  const config: TrainConfig = { ...base, optimizer: 'adamw' };
  const whole = await train(config);
  const cut = mkdtempSync(join(dir, 'old-'));
  await train({ ...config, checkpoint: { dir: cut } }, stopAfter2);
  const file = join(cut, 'checkpoint.json');
  const text = readFileSync(file, 'utf8');
  const settings = (JSON.parse(text) as { settings: Record<string, unknown> }).settings;
  for (const key of ['momentum', 'dampening', 'nesterov', 'weightDecay', 'betas', 'eps', 'amsgrad', 'clipGradNorm', 'dropout']) expect(settings).not.toHaveProperty(key);
  const resumed = await train({ ...config, checkpoint: { dir: cut }, resume: true });
  expect(resumed.model).toEqual(whole.model);
  // Its AdamW decayed by PyTorch's default: another weight decay is another run.
  writeFileSync(file, text);
  await expect(train({ ...config, weightDecay: 0, checkpoint: { dir: cut }, resume: true })).rejects.toMatchObject({ message: expect.stringMatching(/^weightDecay: /) });
});

it('a run with a setting away from its default writes it', async () => {
  const cut = mkdtempSync(join(dir, 'written-'));
  await train({ ...sgd, checkpoint: { dir: cut } }, stopAfter2);
  const settings = (JSON.parse(readFileSync(join(cut, 'checkpoint.json'), 'utf8')) as { settings: Record<string, unknown> }).settings;
  expect(settings).toMatchObject({ momentum: 0.9, nesterov: true, weightDecay: 1e-3, clipGradNorm: 1, dropout: [0.3, 0.1] });
  expect(settings).not.toHaveProperty('betas');
});

/** A float32 array in base64 with its first value set to -1. */
function negatedFirst(text: string): string {
  const bytes = Buffer.from(text, 'base64');
  bytes.writeFloatLE(-1, 0);
  return bytes.toString('base64');
}

describe("the checkpoint reader checks these settings and AMSGrad's state", () => {
  const amsgrad: TrainConfig = { ...base, backend: 'cpu', epochs: 3, hidden: [3], optimizer: 'adam', amsgrad: true };
  let text = '';
  /** The refusal a resume of the AMSGrad checkpoint, edited, ends in. */
  async function resumeEdited(edit: (c: { settings: Record<string, unknown>; optimizer: { tensors: Record<string, string[]> } }) => void): Promise<unknown> {
    const cut = mkdtempSync(join(dir, 'edit-'));
    if (text === '') {
      await train({ ...amsgrad, checkpoint: { dir: cut } }, stopAfter2);
      text = readFileSync(join(cut, 'checkpoint.json'), 'utf8');
    }
    const c = JSON.parse(text) as Parameters<typeof edit>[0];
    edit(c);
    writeFileSync(join(cut, 'checkpoint.json'), JSON.stringify(c));
    return train({ ...amsgrad, checkpoint: { dir: cut }, resume: true }).then(() => 'resumed', (e: unknown) => e);
  }

  it.each([
    ['without its running maximum', (c) => delete c.optimizer.tensors.maxExpAvgSq, /optimizer\.tensors\.maxExpAvgSq: is missing/],
    ['with a negative running maximum', (c) => (c.optimizer.tensors.maxExpAvgSq![0] = negatedFirst(c.optimizer.tensors.maxExpAvgSq![0]!)), /optimizer\.tensors\.maxExpAvgSq\[0\]: value 0 is -1/],
    ['with a momentum of 1', (c) => (c.settings.momentum = 1), /settings\.momentum: /],
    ['with more dropout rates than layers', (c) => (c.settings.dropout = [0.1, 0.2]), /settings\.dropout: has 2 rates, settings\.hidden has 1 layers/],
  ] as [string, Parameters<typeof resumeEdited>[0], RegExp][])('refuses a checkpoint %s, naming the field', async (_what, edit, message) => {
    expect(await resumeEdited(edit)).toMatchObject({ exitCode: 2, message: expect.stringMatching(message) });
  });

  it('resumes the unedited one', async () => {
    expect(await resumeEdited(() => {})).toBe('resumed');
  });
});

it('dropout is training only: the exported ONNX graph has no Dropout node', async () => {
  const result = await train(sgd);
  expect(Buffer.from(encodeOnnx(result.model, result.preprocessing, {})).includes('Dropout')).toBe(false);
  expect(result.model.layers.map((l) => l.outputSize)).toEqual([16, 8, 1]);
});

it("the schedule-free optimizers take their settings too: sgd-schedule-free's momentum defaults to the reference's 0.9", async () => {
  const config: TrainConfig = { ...base, epochs: 2, optimizer: 'sgd-schedule-free' };
  const byDefault = await train(config);
  expect(byDefault.config.momentum).toBe(0.9);
  expect((await train({ ...config, momentum: 0.9 })).model).toEqual(byDefault.model);
  expect((await train({ ...config, momentum: 0.5 })).model).not.toEqual(byDefault.model);
  const adamw: TrainConfig = { ...base, epochs: 2, optimizer: 'adamw-schedule-free' };
  expect((await train({ ...adamw, betas: [0.8, 0.99] })).model).not.toEqual((await train(adamw)).model);
  await expect(train({ ...adamw, amsgrad: true })).rejects.toMatchObject({ exitCode: 2, message: expect.stringMatching(/^amsgrad: the adamw-schedule-free optimizer has no amsgrad/) });
});

describe('bad values are refused before training, naming the field (exit 2)', () => {
  it.each([
    ['Nesterov without momentum', { optimizer: 'sgd', nesterov: true }, /^nesterov: Nesterov momentum needs a momentum above 0/],
    ['Nesterov with dampening', { optimizer: 'sgd', nesterov: true, momentum: 0.9, dampening: 0.1 }, /^nesterov: /],
    ['a negative weight decay', { weightDecay: -0.01 }, /^weightDecay: must be a number >= 0, got -0.01/],
    ['clipping at 0', { clipGradNorm: 0 }, /^clipGradNorm: must be a positive number, got 0/],
    ['a dropout of 1', { dropout: 1 }, /^dropout: must be a number in \[0, 1\), got 1/],
    ['a dropout of 1 in a list', { hidden: [8, 8], dropout: [0.5, 1] }, /^dropout\[1\]: must be a number in \[0, 1\), got 1/],
    ['a dropout rate per layer, miscounted', { hidden: [8, 8], dropout: [0.5] }, /^dropout: lists 1 rates for 2 hidden layers/],
    ['dropout without hidden layers', { hidden: [], dropout: 0.5 }, /^dropout: a network without hidden layers/],
    ['a beta of 1', { betas: [1, 0.999] }, /^betas\[0\]: must be a number in \[0, 1\), got 1/],
    ['a beta below 0', { betas: [0.9, -0.1] }, /^betas\[1\]: /],
    ['one beta', { betas: [0.9] }, /^betas: must be two numbers in \[0, 1\), got \[0.9\]/],
    // Momentum 0 is no momentum (a replayed resolved config writes it): passed, so the next check speaks.
    ['momentum 0 for adam, then dropout without hidden layers', { optimizer: 'adam', momentum: 0, hidden: [], dropout: 0.5 }, /^dropout: a network without hidden layers/],
    ['momentum for adam', { optimizer: 'adam', momentum: 0.9 }, /^momentum: the adam optimizer has no momentum \(it takes weightDecay, betas, eps, amsgrad\)/],
    ['amsgrad for sgd', { optimizer: 'sgd', amsgrad: true }, /^amsgrad: the sgd optimizer has no amsgrad/],
  ] as [string, TrainConfig, RegExp][])('%s', async (_what, config, message) => {
    await expect(train({ ...config, epochs: 1 })).rejects.toMatchObject({ exitCode: 2, message: expect.stringMatching(message) });
  });
});
