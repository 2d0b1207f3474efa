import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileSchedule, createRegistry, ScheduleRegistry } from '@lrkit/schedulers';
import { readSpecArg } from '@lrkit/schedulers/node';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { train } from '../loop/train';
import { resolvePlan } from './resolve';

// Every parse of a spec is a registry's compile (compileSchedule and the shorthands call it; the package's
// own tests hold that it parses once per call): spying on it counts the parses.
const compiles = vi.spyOn(ScheduleRegistry.prototype, 'compile');
afterEach(() => compiles.mockClear());

const FAST = { epochs: 3, backend: 'cpu', hidden: [8] };

describe('the schedule on its way from --schedule to the optimizer', () => {
  it('is parsed once, and the optimizer runs it', async () => {
    // What `lrkit train --schedule '...'` does: the flag's JSON read, a registry of the run's own, train().
    const spec = readSpecArg('{"type": "step", "stepSize": 1, "gamma": 0.5}', '--schedule');
    const r = await train({ ...FAST, schedule: spec }, { registry: createRegistry() });
    expect(compiles).toHaveBeenCalledTimes(1);
    expect(r.history.map((h) => h.lr)).toEqual([1e-3, 5e-4, 2.5e-4]);
    expect(r.config.schedule).toBe(spec);
  });

  it('is parsed once on a resume too: the checkpoint is restored into the compiled schedule', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lrkit-schedule-'));
    try {
      const schedule = { type: 'one-cycle', maxLr: 0.01, totalSteps: 45 };
      // Stopped after epoch 2 (its checkpoint written), then resumed.
      await train({ ...FAST, schedule, checkpoint: { dir } }, { hooks: [{ onEpoch: (log) => (log.epoch === 2 ? 'stop' : undefined) }] });
      compiles.mockClear();
      const resumed = await train({ ...FAST, schedule, checkpoint: { dir }, resume: true });
      expect(resumed.resumedFromEpoch).toBe(2);
      expect(compiles).toHaveBeenCalledTimes(1);
      compiles.mockClear();
      const straight = await train({ ...FAST, schedule });
      expect(resumed.history).toEqual(straight.history);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('takes a compiled schedule as it is, never parsing it again', async () => {
    const compiled = compileSchedule({ type: 'exponential', gamma: 0.5 });
    compiles.mockClear();
    const r = await train({ ...FAST, schedule: compiled });
    expect(compiles).not.toHaveBeenCalled();
    expect(r.history.map((h) => h.lr)).toEqual([1e-3, 5e-4, 2.5e-4]);
    // The config as run records the spec, plain JSON, as for a spec given as one.
    expect(r.config.schedule).toEqual({ type: 'exponential', gamma: 0.5 });
    expect(resolvePlan({ schedule: compiled }).schedule).toBe(compiled);
    // Compiled against its own registry: another one named beside it would do nothing, so it is refused.
    expect(() => resolvePlan({ schedule: compiled }, { registry: createRegistry() })).toThrow(/^schedule: is compiled already/);
  });

  it('refuses a run longer than the schedule before training, naming the option that sets the limit', async () => {
    await expect(train({ ...FAST, epochs: 2, schedule: { type: 'warmup', warmupSteps: 5, schedule: { type: 'one-cycle', maxLr: 0.01, totalSteps: 20 } } })).rejects.toMatchObject({
      exitCode: 2,
      message: 'schedule: the run steps the schedule 30 times (2 epochs x 15 steps), but the schedule allows at most 25 (schedule.schedule.totalSteps)',
    });
  });
});
