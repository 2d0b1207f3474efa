import { describe, expect, it } from 'vitest';
import { train } from './train';

// The seed data with a validation split: the run's steps per epoch are counted after the split.
const base = { seed: 7, epochs: 3, lr: 0.05, batchSize: 16, valFraction: 0.2 } as const;

describe('a schedule length left out', () => {
  it('is filled from the run (after the validation split) and trains bit for bit as the length written by hand', async () => {
    const left = await train({ ...base, schedule: { type: 'one-cycle', maxLr: 0.1 } });
    const steps = base.epochs * Math.ceil(left.trainSize / base.batchSize);
    expect(left.scheduleFromRun).toEqual([{ option: 'schedule.totalSteps', value: steps }]);
    expect(left.config.schedule).toEqual({ type: 'one-cycle', maxLr: 0.1, totalSteps: steps });
    const byHand = await train({ ...base, schedule: { type: 'one-cycle', maxLr: 0.1, totalSteps: steps } });
    expect(byHand.scheduleFromRun).toBeUndefined();
    expect(left.model).toStrictEqual(byHand.model);
    expect(left.history).toStrictEqual(byHand.history);
    expect(left.metrics).toStrictEqual(byHand.metrics);
    // The recorded config replays the run.
    const replay = await train(left.config);
    expect(replay.model).toStrictEqual(left.model);
  });

  it("is counted in epochs for a per-epoch schedule", async () => {
    const left = await train({ ...base, schedule: { type: 'cosine-annealing', etaMin: 0.001 } });
    expect(left.config.schedule).toEqual({ type: 'cosine-annealing', etaMin: 0.001, tMax: base.epochs });
    const byHand = await train({ ...base, schedule: { type: 'cosine-annealing', etaMin: 0.001, tMax: base.epochs } });
    expect(left.history).toStrictEqual(byHand.history);
  });

  it('that the run cannot fill is refused naming the option (exit 2)', async () => {
    const late = { type: 'sequential', milestones: [1000], schedulers: [{ type: 'constant' }, { type: 'cosine-annealing' }] };
    await expect(train({ ...base, schedule: late })).rejects.toMatchObject({ exitCode: 2, message: expect.stringMatching(/^schedule\.schedulers\[1\]\.tMax: is left out/) });
  });
});
