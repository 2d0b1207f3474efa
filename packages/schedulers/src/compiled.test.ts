import { describe, expect, it, vi } from 'vitest';
import { compileSchedule, createRegistry, createScheduler, defaultRegistry, isCompiledSchedule, preview, ScheduleRegistry, ScheduleSpecError, stepSchedule } from './index.js';
import { parseSpec } from './spec/parse.js';
import type * as Parse from './spec/parse.js';

// parseSpec wrapped in a spy: its own recursion (child specs) calls the module's inner binding, so the
// spy counts whole specs parsed, one per compile.
vi.mock('./spec/parse.js', async (original) => {
  const m = await original<typeof Parse>();
  return { ...m, parseSpec: vi.fn(m.parseSpec) };
});
const parses = vi.mocked(parseSpec);

const ONE_CYCLE = { type: 'one-cycle', maxLr: 0.1, totalSteps: 20 } as const;

describe('compileSchedule', () => {
  it('parses once: creating, previewing and checking runs read the compiled tree, not the spec', () => {
    parses.mockClear();
    const c = compileSchedule({ type: 'warmup', warmupSteps: 2, schedule: { type: 'chained', schedulers: [ONE_CYCLE, { type: 'exponential', gamma: 0.9 }] } });
    const opt = { paramGroups: [{ lr: 0.1, momentum: 0.9 }] };
    const s = c.create(opt);
    s.step();
    c.preview({ steps: 5, lrs: [0.1] });
    c.checkRun({ epochs: 3, stepsPerEpoch: 4 });
    c.create({ paramGroups: [{ lr: 0.2, momentum: 0.9 }] });
    expect(parses).toHaveBeenCalledTimes(1);
    // The shortcuts compile once each too.
    parses.mockClear();
    createScheduler(ONE_CYCLE, { paramGroups: [{ lr: 0.1, momentum: 0.9 }] });
    preview(ONE_CYCLE, { steps: 3, lrs: [0.1] });
    expect(parses).toHaveBeenCalledTimes(2);
  });

  it('gives the numbers createScheduler and preview give', () => {
    const spec = { type: 'sequential', milestones: [3], schedulers: [{ type: 'linear', startFactor: 0.1, totalIters: 3 }, ONE_CYCLE] };
    const c = compileSchedule(spec);
    expect(c.preview({ steps: 12, lrs: [0.1, 0.3], momentum: 0.9 })).toEqual(preview(spec, { steps: 12, lrs: [0.1, 0.3], momentum: 0.9 }));
    const a = { paramGroups: [{ lr: 0.1, momentum: 0.9 }] };
    const b = { paramGroups: [{ lr: 0.1, momentum: 0.9 }] };
    const sa = c.create(a);
    const sb = createScheduler(spec, b);
    for (let k = 0; k < 10; k++) {
      sa.step();
      sb.step();
      expect(a.paramGroups).toEqual(b.paramGroups);
    }
    expect(sa.stateDict()).toEqual(sb.stateDict());
  });

  it('says what a loop needs to know, and a one-line summary', () => {
    const c = compileSchedule(ONE_CYCLE);
    expect([c.type, c.interval, c.needsMetric, c.cyclesMomentum, c.maxSteps]).toEqual(['one-cycle', 'step', false, true, 20]);
    expect(c.summary).toBe('one-cycle, stepped every optimizer step, at most 20 steps (schedule.totalSteps), cycles momentum');
    const p = compileSchedule({ type: 'chained', schedulers: [{ type: 'step', stepSize: 2 }, { type: 'reduce-on-plateau' }] });
    expect([p.interval, p.needsMetric, p.cyclesMomentum, p.maxSteps]).toEqual(['epoch', true, false, null]);
    expect(p.summary).toBe('chained(step,reduce-on-plateau), stepped per epoch, fed the validation loss');
  });

  it('is an immutable value: later changes to the spec object or the registry change nothing', () => {
    const spec = { type: 'step', stepSize: 2, gamma: 0.5 };
    const registry = createRegistry();
    const c = compileSchedule(spec, { registry });
    expect(Object.isFrozen(c)).toBe(true);
    expect(() => ((c as { interval: string }).interval = 'step')).toThrow(TypeError);
    spec.gamma = 0.1;
    spec.stepSize = 1;
    registry.register({ name: 'later', apiVersion: 1, parse: (o) => o, create: () => ({ lr: () => [1] }) });
    expect(c.preview({ steps: 2, lrs: [1] }).lrs).toEqual([[1], [1], [0.5]]);
    expect(c.spec).toBe(spec);
  });

  it('compiles against the registry given, and only against it', () => {
    const small = new ScheduleRegistry([stepSchedule]);
    expect(small.compile({ type: 'step', stepSize: 1 }).type).toBe('step');
    expect(() => compileSchedule({ type: 'exponential', gamma: 0.9 }, { registry: small })).toThrow(/^schedule\.type: unknown schedule 'exponential'/);
    expect(compileSchedule({ type: 'exponential', gamma: 0.9 }).type).toBe('exponential');
    expect(() => compileSchedule({ type: 'step', stepSze: 1 } as unknown)).toThrow(ScheduleSpecError);
  });

  it('tells a compiled schedule from a spec', () => {
    expect(isCompiledSchedule(defaultRegistry.compile({ type: 'step', stepSize: 1 }))).toBe(true);
    expect(isCompiledSchedule({ type: 'step', stepSize: 1 })).toBe(false);
    expect(isCompiledSchedule(null)).toBe(false);
  });
});

describe('the length rule', () => {
  it('counts a training run per step or per epoch, as the schedule steps', () => {
    const perStep = compileSchedule(ONE_CYCLE);
    expect(perStep.checkRun({ epochs: 2, stepsPerEpoch: 10 })).toBeNull();
    expect(perStep.checkRun({ epochs: 3, stepsPerEpoch: 10 })).toEqual({
      option: 'schedule.totalSteps',
      steps: 30,
      allowed: 20,
      message: 'the run steps the schedule 30 times (3 epochs x 10 steps), but the schedule allows at most 20 (schedule.totalSteps)',
    });
    const perEpoch = compileSchedule({ ...ONE_CYCLE, interval: 'epoch' });
    expect(perEpoch.checkRun({ epochs: 20, stepsPerEpoch: 10 })).toBeNull();
    expect(perEpoch.checkRun({ epochs: 21, stepsPerEpoch: 10 })?.message).toBe(
      'the run steps the schedule 21 times (21 epochs), but the schedule allows at most 20 (schedule.totalSteps)',
    );
    expect(perStep.checkRun({ steps: 21 })?.message).toBe('the run steps the schedule 21 times, but the schedule allows at most 20 (schedule.totalSteps)');
    expect(perStep.checkRun({ steps: 1, done: 20 })?.message).toBe('the run steps the schedule once after the 20 already taken, but the schedule allows at most 20 (schedule.totalSteps)');
    expect(compileSchedule({ type: 'step', stepSize: 1 }).checkRun({ steps: 1e9 })).toBeNull();
  });

  it('names the option that sets the limit, wherever it is in the tree', () => {
    const limit = (spec: unknown) => {
      const m = compileSchedule(spec).checkRun({ steps: 1e6 });
      return m && [m.allowed, m.option];
    };
    expect(limit({ type: 'one-cycle', maxLr: 0.1, epochs: 3, stepsPerEpoch: 4 })).toEqual([12, 'schedule.epochs x schedule.stepsPerEpoch']);
    expect(limit({ type: 'warmup', warmupSteps: 5, schedule: ONE_CYCLE })).toEqual([25, 'schedule.schedule.totalSteps']);
    expect(limit({ type: 'chained', schedulers: [{ type: 'step', stepSize: 1 }, { ...ONE_CYCLE, totalSteps: 30 }, ONE_CYCLE] })).toEqual([20, 'schedule.schedulers[2].totalSteps']);
    // sequential: a child limits the whole only where its limit falls before the next milestone.
    const seq = (milestone: number) => ({ type: 'sequential', milestones: [milestone], schedulers: [ONE_CYCLE, { ...ONE_CYCLE, totalSteps: 7 }] });
    expect(limit(seq(25))).toEqual([20, 'schedule.schedulers[0].totalSteps']);
    expect(limit(seq(10))).toEqual([17, 'schedule.schedulers[1].totalSteps']);
    expect(limit({ type: 'sequential', milestones: [10], schedulers: [ONE_CYCLE, { type: 'step', stepSize: 1 }] })).toBeNull();
  });
});
