import { describe, expect, it } from 'vitest';
import { compileSchedule, createRegistry, definePlugin, ScheduleSpecError, type OptimizerLike } from './index.js';

const sgd = (): OptimizerLike => ({ paramGroups: [{ lr: 0.1, momentum: 0.9 }] });

/** The rates a schedule gives over `steps` step() calls, read off the optimizer as a loop would. */
function rates(spec: unknown, steps: number): number[] {
  const opt = sgd();
  const s = compileSchedule(spec as never).create(opt);
  const out = [opt.paramGroups[0]!.lr];
  for (let i = 0; i < steps; i++) {
    s.step();
    out.push(opt.paramGroups[0]!.lr);
  }
  return out;
}

/** Fill `spec` from `run`, check the filled spec equals `byHand`, and that both run the same rates bit for bit. */
function sameAsByHand(spec: Record<string, unknown>, run: { epochs: number; stepsPerEpoch: number } | { steps: number }, byHand: Record<string, unknown>, steps: number): void {
  const filled = compileSchedule(spec as never).forRun(run);
  expect(filled.spec).toEqual(byHand);
  expect(filled.unfilled).toEqual([]);
  const a = rates(filled.spec, steps);
  const b = rates(byHand, steps);
  expect(Float64Array.from(a)).toEqual(Float64Array.from(b));
}

describe('run lengths left out', () => {
  it('are filled from the run in the schedule interval: per batch for a per-step schedule, per epoch otherwise', () => {
    sameAsByHand({ type: 'one-cycle', maxLr: 0.1 }, { epochs: 3, stepsPerEpoch: 4 }, { type: 'one-cycle', maxLr: 0.1, totalSteps: 12 }, 12);
    sameAsByHand({ type: 'cosine-annealing' }, { epochs: 3, stepsPerEpoch: 4 }, { type: 'cosine-annealing', tMax: 3 }, 3);
    sameAsByHand({ type: 'cosine-annealing', interval: 'step' }, { epochs: 3, stepsPerEpoch: 4 }, { type: 'cosine-annealing', interval: 'step', tMax: 12 }, 12);
    sameAsByHand({ type: 'warmup-cosine', warmupSteps: 2 }, { steps: 9 }, { type: 'warmup-cosine', warmupSteps: 2, totalSteps: 9 }, 9);
    sameAsByHand({ type: 'cosine-with-restarts', cycles: 2 }, { steps: 8 }, { type: 'cosine-with-restarts', cycles: 2, totalSteps: 8 }, 8);
    sameAsByHand({ type: 'cosine-timm' }, { steps: 7 }, { type: 'cosine-timm', tInitial: 7 }, 7);
  });

  it("fills one-cycle's missing half of epochs x stepsPerEpoch, and never a length that an alternative gives", () => {
    const run = { epochs: 5, stepsPerEpoch: 3 };
    sameAsByHand({ type: 'one-cycle', maxLr: 0.1, epochs: 5 }, run, { type: 'one-cycle', maxLr: 0.1, epochs: 5, stepsPerEpoch: 3 }, 15);
    sameAsByHand({ type: 'one-cycle', maxLr: 0.1, stepsPerEpoch: 3 }, run, { type: 'one-cycle', maxLr: 0.1, stepsPerEpoch: 3, epochs: 5 }, 15);
    expect(compileSchedule({ type: 'one-cycle', maxLr: 0.1, epochs: 5 }).forRun(run).fromRun).toEqual([{ option: 'schedule.stepsPerEpoch', value: 3 }]);
    expect(compileSchedule({ type: 'one-cycle', maxLr: 0.1 }).forRun(run).summary).toContain('schedule.totalSteps = 15 from the run');
    const given = compileSchedule({ type: 'one-cycle', maxLr: 0.1, totalSteps: 30 });
    expect(given.forRun(run)).toBe(given);
  });

  it('gives warmup-stable-decay its phases as parts of the run: the decay a fraction, the stable phase the rest', () => {
    const wsd = { type: 'warmup-stable-decay', warmupSteps: 2, decayFraction: 0.2, decay: 'cosine' };
    sameAsByHand(wsd, { epochs: 4, stepsPerEpoch: 5 }, { ...wsd, totalSteps: 20 }, 20);
    const phases = { type: 'warmup-stable-decay', warmupSteps: 2, stableSteps: 14, decaySteps: 4, decay: 'cosine' };
    expect(rates(compileSchedule(wsd).forRun({ steps: 20 }).spec, 22)).toStrictEqual(rates(phases, 22));
    expect(rates({ type: 'warmup-stable-decay', warmupSteps: 2, decaySteps: 4, totalSteps: 20 }, 22)).toStrictEqual(rates({ ...phases, decay: 'linear' }, 22));
    expect(() => compileSchedule({ ...phases, totalSteps: 20 })).toThrow(/^schedule\.totalSteps: give either stableSteps or totalSteps/);
    expect(() => compileSchedule({ type: 'warmup-stable-decay', warmupSteps: 8, decaySteps: 4 }).forRun({ steps: 10 })).toThrow(/^schedule\.totalSteps: 10 steps do not hold the warmup \(8\) and the decay \(4\)/);
    expect(() => compileSchedule({ type: 'warmup-stable-decay', totalSteps: 10 })).toThrow(/^schedule\.decaySteps: give either decaySteps or decayFraction/);
  });

  it('fills children by what each sees of the run: sequential its stretch, chained all of it, warmup the rest', () => {
    const seq = { type: 'sequential', milestones: [2], schedulers: [{ type: 'linear', startFactor: 0.5, totalIters: 2 }, { type: 'cosine-annealing' }] };
    sameAsByHand(seq, { steps: 10 }, { ...seq, schedulers: [seq.schedulers[0], { type: 'cosine-annealing', tMax: 8 }] }, 10);
    const chained = { type: 'chained', schedulers: [{ type: 'cosine-annealing' }, { type: 'exponential', gamma: 0.9 }] };
    sameAsByHand(chained, { steps: 6 }, { ...chained, schedulers: [{ type: 'cosine-annealing', tMax: 6 }, chained.schedulers[1]] }, 6);
    const warm = { type: 'warmup', warmupSteps: 3, schedule: { type: 'one-cycle', maxLr: 0.1 } };
    sameAsByHand(warm, { steps: 10 }, { ...warm, schedule: { type: 'one-cycle', maxLr: 0.1, totalSteps: 7 } }, 10);
  });

  it('are refused, naming the option and how to give it, where no run is known', () => {
    const c = compileSchedule({ type: 'cosine-annealing' });
    expect(c.unfilled).toEqual(['schedule.tMax']);
    for (const use of [() => c.create(sgd()), () => c.preview({ steps: 0, lrs: [0.1] }), () => c.checkRun({ steps: 3 })]) {
      const e = (() => {
        try {
          use();
        } catch (err) {
          return err;
        }
        return null;
      })();
      expect(e).toBeInstanceOf(ScheduleSpecError);
      expect((e as ScheduleSpecError).exitCode).toBe(2);
      expect((e as Error).message).toMatch(/^schedule\.tMax: is left out.*give tMax in the spec/);
    }
    // A { steps } run knows no epochs; a sequential child past the run's end has no length to take.
    expect(() => compileSchedule({ type: 'one-cycle', maxLr: 0.1, stepsPerEpoch: 4 }).forRun({ steps: 8 })).toThrow(/schedule\.epochs: is left out/);
    const late = { type: 'sequential', milestones: [20], schedulers: [{ type: 'constant' }, { type: 'cosine-annealing' }] };
    expect(() => compileSchedule(late).forRun({ steps: 10 })).toThrow(/schedule\.schedulers\[1\]\.tMax: is left out, and the run leaves it -10/);
  });

  it('are filled in a preview by its steps, as in a run of that many steps', () => {
    const left = compileSchedule({ type: 'cosine-annealing', etaMin: 0.01 }).preview({ steps: 6, lrs: [0.1] });
    const byHand = compileSchedule({ type: 'cosine-annealing', etaMin: 0.01, tMax: 6 }).preview({ steps: 6, lrs: [0.1] });
    expect(left.lrs).toStrictEqual(byHand.lrs);
  });

  it('checks relations between options after filling', () => {
    expect(() => compileSchedule({ type: 'warmup-cosine', warmupSteps: 20 }).forRun({ steps: 10 })).toThrow(ScheduleSpecError);
  });

  it("fills a plugin's schema field marked runLength, and its own checks see the filled value", () => {
    const seen: number[] = [];
    const schema = [{ name: 'total', type: 'integer', min: 1, runLength: 'steps', description: 'steps to reach 0' }] as const;
    const plugin = definePlugin({
      name: 'linear-to-zero',
      apiVersion: 1,
      schema,
      parse(o: { total: number }) {
        seen.push(o.total);
        return o;
      },
      create: (o: { total: number }, groups) => ({ lr: (step: number) => groups.map((g) => g.baseLr * Math.max(0, 1 - step / o.total)) }),
    });
    const registry = createRegistry();
    registry.register(plugin);
    const c = compileSchedule({ type: 'linear-to-zero' }, { registry });
    expect(c.unfilled).toEqual(['schedule.total']);
    expect(seen).toEqual([]);
    const filled = c.forRun({ epochs: 4, stepsPerEpoch: 10 });
    expect(filled.spec).toEqual({ type: 'linear-to-zero', total: 4 });
    expect(seen).toEqual([4]);
    expect(filled.preview({ steps: 4, lrs: [1] }).lrs.map((r) => r[0])).toEqual([1, 0.75, 0.5, 0.25, 0]);
  });
});

describe('a plugin schema field marked runLength', () => {
  it('is refused at registration where it cannot be a length', () => {
    const reg = (field: Record<string, unknown>) => () =>
      createRegistry().register({ name: 'p', apiVersion: 1, schema: [{ name: 'n', description: 'd', ...field }], create: () => ({ lr: () => [1] }) } as never);
    expect(reg({ type: 'integer', runLength: 'batches' })).toThrow(/schema\[0\]\.runLength must be one of 'steps', 'epochs', 'stepsPerEpoch'/);
    expect(reg({ type: 'number', runLength: 'steps' })).toThrow(/runLength is for an 'integer' option/);
    expect(reg({ type: 'integer', runLength: 'steps', required: true })).toThrow(/is not 'required'/);
    expect(reg({ type: 'integer', unlessGiven: ['m'] })).toThrow(/unlessGiven must be, beside runLength, an array/);
    expect(reg({ type: 'integer', runLength: 'steps', unlessGiven: 'm' })).toThrow(/unlessGiven must be/);
    expect(reg({ type: 'integer', runLength: 'steps' })).not.toThrow();
  });
});
