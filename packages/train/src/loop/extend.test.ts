// A finished run taken further: `resume` with more epochs.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { epochRecord } from './summary';
import { train } from './train';

const dir = mkdtempSync(join(tmpdir(), 'lrkit-extend-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const base = { seed: 5, hidden: [8], lr: 0.01, schedule: { type: 'step', stepSize: 2, gamma: 0.5 } };

describe('resume with more epochs', () => {
  it('extends a finished run: with a schedule that does not know the run length, 3 then 3 more equals 6 straight, bit for bit', async () => {
    const straight = await train({ ...base, epochs: 6 });
    const ck = join(dir, 'step');
    const first = await train({ ...base, epochs: 3, checkpoint: { dir: ck } });
    expect(first.history).toHaveLength(3);
    const extended = await train({ ...base, epochs: 6, checkpoint: { dir: ck }, resume: true });
    expect(extended.resumedFromEpoch).toBe(3);
    expect(extended.model).toEqual(straight.model);
    expect(extended.metrics).toEqual(straight.metrics);
    // The history too: the earlier epochs' logs now belong to the 6-epoch run.
    expect(extended.history).toEqual(straight.history);
    expect(extended.history.map(epochRecord)).toEqual(straight.history.map(epochRecord));
    // And on again, from the extended run's own checkpoint.
    const further = await train({ ...base, epochs: 7, checkpoint: { dir: ck }, resume: true });
    expect(further.resumedFromEpoch).toBe(6);
  });

  it('refuses, naming epochs, fewer epochs than done, and a longer run than the schedule allows', async () => {
    const ck = join(dir, 'fewer');
    await train({ ...base, epochs: 3, checkpoint: { dir: ck } });
    await expect(train({ ...base, epochs: 2, checkpoint: { dir: ck }, resume: true })).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringMatching(/^epochs: the checkpoint in '.*' has 3 epochs done, more than the 2 asked/),
    });
    // One-cycle over exactly 3 epochs of 15 steps (455 training rows in batches of 32): it cannot go on.
    const cycle = { ...base, schedule: { type: 'one-cycle', maxLr: 0.05, totalSteps: 3 * 15 } };
    const oc = join(dir, 'cycle');
    await train({ ...cycle, epochs: 3, checkpoint: { dir: oc } });
    await expect(train({ ...cycle, epochs: 4, checkpoint: { dir: oc }, resume: true })).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringMatching(/^epochs: the checkpoint's run of 3 epochs cannot be extended to 4: the run steps the schedule 60 times .*schedule\.totalSteps/),
    });
    // Its length left out, filled from the 3-epoch run: a longer run would be another schedule.
    const fitted = { ...base, schedule: { type: 'one-cycle', maxLr: 0.05 } };
    const fc = join(dir, 'fitted');
    await train({ ...fitted, epochs: 3, checkpoint: { dir: fc } });
    await expect(train({ ...fitted, epochs: 4, checkpoint: { dir: fc }, resume: true })).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringMatching(/^epochs: the checkpoint's run of 3 epochs cannot be extended to 4: its schedule's schedule\.totalSteps came from the run's length, so a longer run is another schedule/),
    });
  });
});

describe("lr 'find' with checkpoints", () => {
  it('resumes: the range test finds the same rate on the same initial model, and the run ends as the uninterrupted one', async () => {
    const config = { ...base, epochs: 3, lr: 'find' as const };
    const whole = await train(config);
    const ck = join(dir, 'find');
    await train({ ...config, checkpoint: { dir: ck } }, { hooks: [{ onEpoch: (log) => (log.epoch === 1 ? 'stop' : undefined) }] });
    const resumed = await train({ ...config, checkpoint: { dir: ck }, resume: true });
    expect(resumed.lrFound).toEqual(whole.lrFound);
    expect(resumed.model).toEqual(whole.model);
    expect(resumed.history).toEqual(whole.history);
  });
});

describe('initFrom: fine-tuning from a checkpoint', () => {
  it("starts from the checkpoint's weights with a fresh optimizer, schedule and epoch count", async () => {
    const from = join(dir, 'pretrained');
    const pre = await train({ ...base, epochs: 4, checkpoint: { dir: from } });
    const fresh = await train({ ...base, epochs: 2 });
    const out = join(dir, 'tuned');
    const tuned = await train({ ...base, epochs: 2, lr: 0.001, initFrom: from, checkpoint: { dir: out } });
    // The trained weights: the first epoch already at the pretrained run's loss, far below a fresh start's.
    expect(tuned.history[0]!.loss).toBeLessThan(pre.history.at(-1)!.loss * 1.05);
    expect(tuned.history[0]!.loss).toBeLessThan(fresh.history[0]!.loss * 0.8);
    expect(tuned.history.map((h) => h.epoch)).toEqual([1, 2]);
    expect(tuned.resumedFromEpoch).toBeUndefined();
    const { readCheckpoint } = await import('../checkpoint/store');
    // A fresh optimizer: 2 epochs of 15 steps, none of the pretrained run's 60; the lr this run's own.
    const ck = readCheckpoint(out);
    expect(ck.optimizer.stepCount).toBe(30);
    expect(ck.history[0]!.lr).toBe(0.001);
    // The checkpoint file itself names it as well as its directory.
    const byFile = await train({ ...base, epochs: 2, lr: 0.001, initFrom: join(from, 'checkpoint.json') });
    expect(byFile.model).toEqual(tuned.model);
  });

  it('refuses a checkpoint of another model, naming initFrom and what differs', async () => {
    const from = join(dir, 'shape');
    await train({ ...base, epochs: 1, checkpoint: { dir: from } });
    const { irisPath, friedmanPath } = await import('../test-data');
    const cases: [object, RegExp][] = [
      [{ hidden: [16] }, /^initFrom: the checkpoint '.*' was trained with hidden \[8\], this run has \[16\]/],
      [{ data: irisPath, target: 'species' }, /^initFrom: .* with features 30 \(input columns\), this run has 4/],
      [{ data: friedmanPath, target: 'y' }, /^initFrom: .* with task classification, this run has regression/],
      [{ initFrom: join(dir, 'nothing-here') }, /^initFrom: there is no checkpoint to start from in '.*nothing-here'/],
    ];
    for (const [change, message] of cases) {
      await expect(train({ ...base, epochs: 1, initFrom: from, ...change })).rejects.toMatchObject({ exitCode: 2, message: expect.stringMatching(message) });
    }
  });
});
