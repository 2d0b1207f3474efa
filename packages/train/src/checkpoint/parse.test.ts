import { mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CheckpointError } from '../errors';
import { train } from '../loop/train';
import { encodeF32, type CheckpointFile } from './format';
import { parseCheckpoint } from './parse';
import { readCheckpoint } from './store';
import { fixtureConfigs, writeFixture } from './test-fixtures';

/** A checkpoint as a test damages it: any field may be given a value of another type. */
type Ckpt = CheckpointFile;

const root = mkdtempSync(join(tmpdir(), 'lrkit-ckpt-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let adam: { dir: string; text: string };
let sgd: { dir: string; text: string };
beforeAll(async () => {
  adam = await writeFixture('adam', root);
  sgd = await writeFixture('sgd', root);
});

/** `edit`ed copy of a fixture, resumed with its own settings: the refusal it ends in. */
async function resumeEdited(from: { text: string }, config: object, edit: (c: Ckpt) => void): Promise<unknown> {
  const dir = mkdtempSync(join(root, 'edit-'));
  const c = JSON.parse(from.text) as Ckpt;
  edit(c);
  writeFileSync(join(dir, 'checkpoint.json'), JSON.stringify(c));
  return train({ ...config, checkpoint: { dir }, resume: true }).then(
    () => 'resumed',
    (e: unknown) => e,
  );
}

describe('the checkpoint reader checks every field before a resume uses it', () => {
  it.each([
    ['epoch', (c: Ckpt) => (c.epoch = '2' as never), /epoch: Invalid input: expected number, received string/],
    ['epoch', (c: Ckpt) => (c.epoch = -1), /epoch: Too small/],
    ['epoch', (c: Ckpt) => (c.epoch = 2.5), /epoch: Invalid input: expected int/],
    ['epoch', (c: Ckpt) => (c.epoch = 4), /rng\.shuffle\.epochsDrawn: is 2, the checkpoint is at epoch 4/],
    ['rng.shuffle.epochsDrawn', (c: Ckpt) => (c.rng.shuffle.epochsDrawn = -1), /rng\.shuffle\.epochsDrawn: Too small/],
    ['rng.shuffle.epochsDrawn', (c: Ckpt) => (c.rng.shuffle.epochsDrawn = 1e12), /rng\.shuffle\.epochsDrawn: is 1000000000000, the checkpoint is at epoch 2/],
    ['model.layers[0].weight', (c: Ckpt) => (c.model.layers[0]!.weight = encodeF32(new Float32Array(90).fill(Number.NaN))), /model\.layers\[0\]\.weight: value 0 is NaN/],
    ['model.layers[1].bias', (c: Ckpt) => (c.model.layers[1]!.bias = 'not base64!'), /model\.layers\[1\]\.bias: must be base64/],
    ['optimizer.tensors.expAvgSq[0]', (c: Ckpt) => (c.optimizer.tensors.expAvgSq![0] = encodeF32(new Float32Array(90).fill(-1))), /expAvgSq\[0\]: value 0 is -1: every value must be finite and non-negative/],
    ['optimizer.paramGroups[0].eps', (c: Ckpt) => (c.optimizer.paramGroups[0]!.eps = 0), /optimizer\.paramGroups\[0\]\.eps: Too small/],
    ['model.layers[0]', (c: Ckpt) => (c.model.layers[0] = null as never), /model\.layers\[0\]: Invalid input/],
    ['scheduler.lastEpoch', (c: Ckpt) => (c.scheduler.lastEpoch = 'x' as never), /scheduler\.lastEpoch: /],
  ])('%s damaged: exit 2 naming the file and the field', async (_field, edit, message) => {
    const e = await resumeEdited(adam, fixtureConfigs.adam, edit);
    expect(e).toBeInstanceOf(CheckpointError);
    expect(e).toMatchObject({ exitCode: 2, message: expect.stringMatching(/^resume: .*checkpoint\.json: /) });
    expect((e as Error).message).toMatch(message);
  });

  it('early stopping and SGD state are checked too', async () => {
    const cases: [(c: Ckpt) => void, RegExp][] = [
      [(c) => (c.earlyStopping!.wait = 7), /earlyStopping\.wait: is 7, more than the 2 epochs completed/],
      [(c) => c.earlyStopping!.weights!.pop(), /earlyStopping\.weights: has 3 arrays, the model has 4 parameters/],
      [(c) => (c.optimizer.flags!.initialized = [true]), /optimizer\.flags\.initialized: has 1 flags/],
      [(c) => (c.stoppedEarly = { epoch: 1, bestEpoch: 1, bestValLoss: 0.1 }), /stoppedEarly\.epoch: is 1, the checkpoint is at epoch 2/],
    ];
    for (const [edit, message] of cases) {
      const e = await resumeEdited(sgd, fixtureConfigs.sgd, edit);
      expect(e).toBeInstanceOf(CheckpointError);
      expect((e as Error).message).toMatch(message);
    }
  });

  it('a structure nested deeper than a checkpoint can be is refused, not a stack overflow', () => {
    const deep = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
    const text = adam.text.replace(/"schedule":\{[^}]*\}/, `"schedule":${deep}`);
    expect(text).not.toBe(adam.text);
    expect(() => parseCheckpoint(text, 'd.json')).toThrow(/^resume: d\.json: settings\.schedule\[0\]\[0\].*: nested deeper than the 80 levels a checkpoint has$/);
  });

  it('checks a weight string of megabytes without overflowing the regex engine', () => {
    const c = JSON.parse(adam.text) as Ckpt;
    // 8 MB of base64: a group-repeating base64 regex overflows the regex engine's stack on it.
    c.model.layers[0]!.weight = encodeF32(new Float32Array(1_500_000));
    expect(() => parseCheckpoint(JSON.stringify(c), 'w.json')).toThrow(/^resume: w\.json: model\.layers\[0\]\.weight: holds 1500000 float32 values, expected 90$/);
  });

  it('reads an undamaged checkpoint as written', () => {
    expect(readCheckpoint(adam.dir)).toEqual(JSON.parse(adam.text));
    expect(parseCheckpoint(sgd.text, 'x.json')).toEqual(JSON.parse(sgd.text));
  });

  it('a device, or a file over the limit, is refused before it is read', () => {
    const dir = mkdtempSync(join(root, 'dev-'));
    symlinkSync('/dev/zero', join(dir, 'checkpoint.json'));
    expect(() => readCheckpoint(dir)).toThrow(/^resume: checkpoint is a device: .*checkpoint\.json$/);
    const big = mkdtempSync(join(root, 'big-'));
    writeFileSync(join(big, 'checkpoint.json'), '');
    // Sparse: nothing is written to disk.
    truncateSync(join(big, 'checkpoint.json'), 300 * 1024 * 1024);
    expect(() => readCheckpoint(big)).toThrow(/^resume: checkpoint is 300 MiB, over the 256 MiB limit: /);
  });
});
