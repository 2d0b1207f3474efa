// A schedule given to this package is parsed once, where it is given (lrScheduler(), scheduleOptimizer()),
// and a CompiledSchedule is never parsed again: counted with a spy on the one parser (a registry's compile,
// which compileSchedule and the shorthands call).
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { tf, useBackend } from '@lrkit/core';
import * as tfl from '@tensorflow/tfjs-layers';
import { compileSchedule, createRegistry, preview, ScheduleRegistry, ScheduleSpecError } from '@lrkit/schedulers';
import { lrScheduler } from './callback.js';
import { scheduleOptimizer } from './schedule-optimizer.js';
import { BATCH, linearModel, makeOptimizer, X_ROWS } from './test-helpers.js';

const compiles = vi.spyOn(ScheduleRegistry.prototype, 'compile');
afterEach(() => compiles.mockClear());
beforeAll(async () => {
  await useBackend('cpu');
});

const SPEC = { type: 'one-cycle', maxLr: 0.1, totalSteps: 12 };
const expected = preview(SPEC, { steps: 12, lrs: [0.05], momentum: 0.9 }).lrs.map((r) => r[0]);

describe('a schedule given to @lrkit/tfjs', () => {
  it('as a spec to lrScheduler(): parsed once, from the callback to the end of the fit', async () => {
    compiles.mockClear();
    const callback = lrScheduler(SPEC);
    const model = linearModel(makeOptimizer('momentum'));
    const lrs: number[] = [];
    await model.fit(tf.tensor2d(X_ROWS), tf.zeros([X_ROWS.length, 1]), {
      epochs: 3,
      batchSize: BATCH,
      shuffle: false,
      verbose: 0,
      callbacks: [callback, new tfl.CustomCallback({ onBatchEnd: async () => void lrs.push(callback.lr) })],
    });
    expect(compiles).toHaveBeenCalledTimes(1);
    expect(lrs).toEqual(expected.slice(1));
  });

  it('as a spec to scheduleOptimizer(): parsed once', () => {
    compiles.mockClear();
    const s = scheduleOptimizer(makeOptimizer('momentum'), SPEC);
    s.step();
    expect(compiles).toHaveBeenCalledTimes(1);
    expect(s.lr).toBe(expected[1]);
  });

  it('compiled: never parsed again, and a registry named beside it is refused', async () => {
    const compiled = compileSchedule(SPEC);
    compiles.mockClear();
    const s = scheduleOptimizer(makeOptimizer('momentum'), compiled);
    s.step();
    expect(s.lr).toBe(expected[1]);
    const callback = lrScheduler(compiled);
    await linearModel(makeOptimizer('momentum')).fit(tf.tensor2d(X_ROWS), tf.zeros([X_ROWS.length, 1]), { epochs: 3, batchSize: BATCH, shuffle: false, verbose: 0, callbacks: [callback] });
    expect(callback.lr).toBe(expected[12]);
    expect(compiles).not.toHaveBeenCalled();
    expect(() => scheduleOptimizer(makeOptimizer('sgd'), compiled, { registry: createRegistry() })).toThrow(ScheduleSpecError);
    expect(() => lrScheduler(compiled, { registry: createRegistry() })).toThrow(/^options\.registry: the schedule is compiled already/);
  });

  it("compiled: the length rule still refuses a fit the schedule cannot cover, before the first batch", async () => {
    const model = linearModel(makeOptimizer('momentum'));
    const fit = model.fit(tf.tensor2d(X_ROWS), tf.zeros([X_ROWS.length, 1]), { epochs: 4, batchSize: BATCH, verbose: 0, callbacks: [lrScheduler(compileSchedule(SPEC))] });
    await expect(fit).rejects.toThrow('this fit: the run steps the schedule 16 times (4 epochs x 4 steps), but the schedule allows at most 12 (schedule.totalSteps)');
  });
});
