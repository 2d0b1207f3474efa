import { describe, expect, it } from 'vitest';
import { train } from '@lrkit/train';
import { epochRecord } from '@lrkit/train/config';
import { lrPerStep, MAX_LR_POINTS } from './lr-steps';
import { lrScheduleOf, type TrialRecord } from './trial';

describe('lrPerStep', () => {
  it('gives the rate every optimizer step trained at: a step-wise warmup, an epoch-wise decay, and a trial stopped early', async () => {
    const schedules = [{ type: 'warmup-cosine', warmupSteps: 20, totalSteps: 60 }, { type: 'step', stepSize: 1, gamma: 0.5 }];
    for (const schedule of schedules) {
      for (const stopAfter of [3, 2]) {
        const seen: number[] = [];
        const hooks = [{ onStep: (s: { lr: number }) => void seen.push(s.lr) }, { onEpoch: (log: { epoch: number }) => (log.epoch >= stopAfter ? ('stop' as const) : undefined) }];
        const result = await train({ epochs: 3, lr: 0.05, schedule }, { hooks });
        const record: TrialRecord = { id: 'x', params: {}, status: 'done', history: result.history.map(epochRecord), lrSchedule: lrScheduleOf(result) };
        const r = lrPerStep(record);
        if ('reason' in r) throw new Error(r.reason);
        expect(r.points.map((p) => p[1])).toEqual(seen);
        expect(r.points.map((p) => p[0])).toEqual(seen.map((_, i) => i + 1));
      }
    }
  });

  it('thins a long run to at most MAX_LR_POINTS points, keeping the last step', () => {
    const history = Array.from({ length: 20 }, (_, e) => ({ epoch: e + 1, loss: 1, lr: 0.1 }));
    const record: TrialRecord = { id: 'x', params: {}, status: 'done', history, lrSchedule: { lr: 0.1, schedule: { type: 'warmup-cosine', warmupSteps: 5000, totalSteps: 200_000 }, stepsPerEpoch: 10_000 } };
    const r = lrPerStep(record) as { points: [number, number][] };
    expect(r.points.length).toBeLessThanOrEqual(MAX_LR_POINTS + 1);
    expect(r.points.at(-1)![0]).toBe(200_000);
    // The warmup still shows: rising over its first points.
    expect(r.points[1]![1]).toBeGreaterThan(r.points[0]![1]);
  });

  it('says why where it cannot: no schedule recorded, or one this lrkit cannot preview', () => {
    const history = [{ epoch: 1, loss: 1, lr: 0.1 }];
    expect(lrPerStep({ id: 'x', params: {}, status: 'failed', history })).toEqual({ reason: expect.stringMatching(/no schedule/) });
    const plugin = lrPerStep({ id: 'x', params: {}, status: 'done', history, lrSchedule: { lr: 0.1, schedule: { type: 'my-plugin' }, stepsPerEpoch: 3 } });
    expect(plugin).toEqual({ reason: expect.stringMatching(/does not preview here: .*my-plugin/) });
  });
});
