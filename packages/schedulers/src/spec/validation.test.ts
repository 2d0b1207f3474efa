import { describe, expect, it } from 'vitest';
import { createRegistry, createScheduler, preview, ScheduleSpecError, type OptimizerLike } from '../index.js';

const opt = () => ({ paramGroups: [{ lr: 0.1, momentum: 0.9 }, { lr: 0.01, momentum: 0.9 }] });

function error(spec: unknown, o: OptimizerLike = opt()): ScheduleSpecError {
  try {
    createScheduler(spec, o);
  } catch (e) {
    expect(e).toBeInstanceOf(ScheduleSpecError);
    expect((e as ScheduleSpecError).exitCode).toBe(2);
    return e as ScheduleSpecError;
  }
  throw new Error('expected the spec to be refused');
}

describe('spec validation', () => {
  it('suggests the near name for an unknown option', () => {
    expect(error({ type: 'step', stepSize: 3, gama: 0.5 }).message).toMatch(/^schedule\.gama: unknown option \(did you mean 'gamma'\?\)/);
  });

  it('suggests the near name for an unknown type', () => {
    expect(error({ type: 'cosine-anealing', tMax: 3 }).message).toMatch(/^schedule\.type: unknown schedule 'cosine-anealing' \(did you mean 'cosine-annealing'\?\)/);
  });

  it("ends an unknown type's message with the registry's hint, where its program gives one", () => {
    const registry = createRegistry({ unknownHint: 'load its plugin with --plugin' });
    expect(() => createScheduler({ type: 'cos-pow' }, opt(), registry)).toThrow(/unknown schedule 'cos-pow'; known: .*; load its plugin with --plugin$/);
    expect(error({ type: 'cos-pow' }).message).toMatch(/; known: [^;]*$/);
  });

  it('names the nested field path', () => {
    const e = error({ type: 'sequential', milestones: [3], schedulers: [{ type: 'step', stepSize: 1 }, { type: 'step', stepSize: 2, gamma: 'x' }] });
    expect(e.message).toMatch(/^schedule\.schedulers\[1\]\.gamma: expected a finite number, got the string "x"/);
    expect(e.path).toBe('schedule.schedulers[1].gamma');
  });

  it('checks types, ranges and required options', () => {
    expect(error({ type: 'step' }).message).toMatch(/^schedule\.stepSize: is required/);
    expect(error({ type: 'step', stepSize: 0 }).message).toMatch(/^schedule\.stepSize: must be >= 1, got 0/);
    expect(error({ type: 'step', stepSize: 1.5 }).message).toMatch(/expected an integer/);
    expect(error({ type: 'linear', startFactor: 0 }).message).toMatch(/^schedule\.startFactor: must be > 0/);
    expect(error({ type: 'reduce-on-plateau', factor: 1 }).message).toMatch(/^schedule\.factor: must be < 1/);
    expect(error({ type: 'cyclic', baseLr: 0.1, maxLr: 1, mode: 'triangle' }).message).toMatch(/did you mean 'triangular'/);
    expect(error({ type: 'cyclic', baseLr: 0.1, maxLr: 1, cycleMomentum: 'yes' }).message).toMatch(/^schedule\.cycleMomentum: expected true or false/);
    expect(error(null).message).toMatch(/^schedule: expected a schedule spec object/);
    expect(error({ stepSize: 2 }).message).toMatch(/^schedule\.type: is required/);
  });

  it('checks relations between options', () => {
    expect(error({ type: 'sequential', milestones: [5, 5], schedulers: [{ type: 'step', stepSize: 1 }, { type: 'step', stepSize: 1 }, { type: 'step', stepSize: 1 }] }).message).toMatch(
      /^schedule\.milestones\[1\]: milestones must be increasing, got 5 after 5/,
    );
    expect(error({ type: 'sequential', milestones: [], schedulers: [{ type: 'step', stepSize: 1 }, { type: 'step', stepSize: 1 }] }).message).toMatch(/expected 1 milestones/);
    expect(error({ type: 'multi-step', milestones: [5, 3] }).message).toMatch(/^schedule\.milestones\[1\]: milestones must be non-decreasing/);
    // Left out, the length waits for a run: started without one, it is refused naming the option.
    expect(error({ type: 'one-cycle', maxLr: 0.1 }).message).toMatch(/^schedule\.totalSteps: is left out, and the run's step count is not known here/);
    expect(error({ type: 'one-cycle', maxLr: 0.1, totalSteps: null }).message).toMatch(/^schedule\.totalSteps: is required \(or give both epochs and stepsPerEpoch\)/);
    expect(error({ type: 'one-cycle', maxLr: 0.1, totalSteps: 5, epochs: 2 }).message).toMatch(/not both/);
    expect(error({ type: 'warmup-cosine', warmupSteps: 10, totalSteps: 10 }).message).toMatch(/^schedule\.warmupSteps: must be less than totalSteps/);
    expect(error({ type: 'piecewise-constant', boundaries: [3], values: [1] }).message).toMatch(/^schedule\.values: expected 2 values/);
  });

  it('checks per-group options against the optimizer', () => {
    expect(error({ type: 'one-cycle', maxLr: [0.1, 0.2, 0.3], totalSteps: 10 }).message).toMatch(/^schedule\.maxLr: expected 2 values \(one per param group\), got 3/);
    expect(error({ type: 'warmup-cosine', warmupSteps: 1, totalSteps: 10, minLr: [0] }).message).toMatch(/^schedule\.minLr: expected 2 values/);
  });

  it('refuses momentum cycling without momentum, before touching the optimizer', () => {
    const o = { paramGroups: [{ lr: 0.1 }] };
    expect(error({ type: 'one-cycle', maxLr: 1, totalSteps: 10 }, o).message).toMatch(/^schedule\.cycleMomentum: .*set cycleMomentum: false/);
    expect(o.paramGroups[0]!.lr).toBe(0.1);
    expect(() => createScheduler({ type: 'one-cycle', maxLr: 1, totalSteps: 10, cycleMomentum: false }, o)).not.toThrow();
  });

  it('accepts interval only at the top level', () => {
    expect(createScheduler({ type: 'step', stepSize: 2, interval: 'step' }, opt()).interval).toBe('step');
    expect(error({ type: 'step', stepSize: 2, interval: 'batch' }).message).toMatch(/^schedule\.interval: expected 'epoch' or 'step'/);
    expect(error({ type: 'chained', schedulers: [{ type: 'step', stepSize: 2, interval: 'step' }] }).message).toMatch(/^schedule\.schedulers\[0\]\.interval: only the top-level/);
  });

  it('refuses functions where JSON is expected and asks for them where needed', () => {
    expect(error({ type: 'lambda', lrLambda: 3 }).message).toMatch(/^schedule\.lrLambda: expected a function \(this option exists in the programmatic API only\)/);
  });

  it('one-cycle stepped past totalSteps is refused before running in preview, and fails clearly when stepped', () => {
    expect(() => preview({ type: 'one-cycle', maxLr: 0.1, totalSteps: 10 }, { steps: 11, lrs: [0.1] })).toThrow(/^steps: the run steps the schedule 11 times, but the schedule allows at most 10 \(schedule\.totalSteps\)$/);
    expect(() => preview({ type: 'sequential', milestones: [5], schedulers: [{ type: 'one-cycle', maxLr: 0.1, totalSteps: 4 }, { type: 'step', stepSize: 2 }] }, { steps: 8, lrs: [0.1] })).toThrow(
      /at most 4 \(schedule\.schedulers\[0\]\.totalSteps\)$/,
    );
    const s = createScheduler({ type: 'one-cycle', maxLr: 0.1, totalSteps: 2 }, opt());
    s.step();
    s.step();
    expect(() => s.step()).toThrow(/one-cycle: tried to step 3 times; its totalSteps is 2/);
  });

  it('asks for the metric where reduce-on-plateau is in the tree', () => {
    const s = createScheduler({ type: 'chained', schedulers: [{ type: 'exponential', gamma: 0.9 }, { type: 'reduce-on-plateau' }] }, opt());
    expect(s.needsMetric).toBe(true);
    expect(() => s.step()).toThrow(/needs the metric/);
    expect(createScheduler({ type: 'exponential', gamma: 0.9 }, opt()).needsMetric).toBe(false);
  });

  it('reports the interval the loop must use', () => {
    expect(createScheduler({ type: 'step', stepSize: 1 }, opt()).interval).toBe('epoch');
    expect(createScheduler({ type: 'cyclic', baseLr: 0.01, maxLr: 0.1 }, opt()).interval).toBe('step');
    expect(createScheduler({ type: 'one-cycle', maxLr: 0.1, totalSteps: 5, interval: 'epoch' }, opt()).interval).toBe('epoch');
    expect(createScheduler({ type: 'sequential', milestones: [2], schedulers: [{ type: 'step', stepSize: 1 }, { type: 'cyclic', baseLr: 0.01, maxLr: 0.1 }] }, opt()).interval).toBe('step');
  });
});

describe('validateSpec', () => {
  it('reports interval, metric, momentum and step limit, and refuses a run longer than the schedule', async () => {
    const { validateSpec } = await import('../index.js');
    expect(validateSpec({ type: 'one-cycle', maxLr: 0.1, totalSteps: 100 })).toEqual({ type: 'one-cycle', interval: 'step', needsMetric: false, cyclesMomentum: true, maxSteps: 100 });
    expect(validateSpec({ type: 'reduce-on-plateau' }).needsMetric).toBe(true);
    expect(validateSpec({ type: 'step', stepSize: 1 }).maxSteps).toBeNull();
    expect(() => validateSpec({ type: 'one-cycle', maxLr: 0.1, totalSteps: 100 }, { steps: 300 })).toThrow(/^steps: the run steps the schedule 300 times, but the schedule allows at most 100/);
    expect(() => validateSpec({ type: 'step', stepSze: 1 })).toThrow(/did you mean 'stepSize'/);
  });
});
