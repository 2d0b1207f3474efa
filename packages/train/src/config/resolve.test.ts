// resolvePlan read off the field table: each kind's check names the field, null reads as absent (as in a
// JSON config), defaults are fresh copies, and the rules between fields hold.
import { describe, expect, it } from 'vitest';
import { trainDefaults } from './defaults';
import { resolveConfig, resolvePlan } from './resolve';

const refused = (config: Record<string, unknown>) => {
  try {
    resolveConfig(config);
  } catch (e) {
    return { message: (e as Error).message, exitCode: (e as { exitCode?: number }).exitCode };
  }
  throw new Error(`accepted ${JSON.stringify(config)}`);
};

describe('resolveConfig', () => {
  it('names the field and its bound, exit code 2', () => {
    expect(refused({ epochs: 2_000_000 })).toEqual({ message: 'epochs: 2000000 is more than lrkit allows (at most 1000000)', exitCode: 2 });
    expect(refused({ lr: Number.POSITIVE_INFINITY }).message).toBe("lr: must be a positive number or 'find', got Infinity");
    expect(refused({ testFraction: 1 }).message).toBe('testFraction: must be a number in (0, 1), got 1');
    expect(refused({ valFraction: -0.1 }).message).toBe('valFraction: must be a number in [0, 1), got -0.1');
    expect(refused({ task: 'clustering' }).message).toBe("task: unknown task 'clustering' (expected classification, regression or auto)");
    expect(refused({ target: ' ' }).message).toBe("target: must be a column name, got ' '");
    expect(refused({ hidden: 64 }).message).toBe('hidden: must be a list of layer sizes');
    expect(refused({ checkpoint: { dir: 'ck', every: 0 } }).message).toBe('checkpoint.every: must be a positive integer, got 0');
    expect(refused({ checkpoint: { every: 2 } }).message).toBe('checkpoint.dir: must be a directory path, got nothing');
    expect(refused({ resume: true }).message).toBe('resume: needs checkpoint.dir (the directory to resume from)');
    expect(refused({ resume: 'yes' }).message).toBe("resume: must be true or false, got 'yes'");
  });

  it('refuses an unknown setting, with the one a typo meant (a JavaScript caller has no type check)', () => {
    expect(refused({ weightDecy: 0.1 })).toEqual({ message: "weightDecy: unknown setting (did you mean 'weightDecay'?)", exitCode: 2 });
    expect(refused({ epoch: 3 }).message).toBe("epoch: unknown setting (did you mean 'epochs'?)");
    expect(refused({ checkpoint: { dir: 'ck', evry: 2 } }).message).toBe("checkpoint.evry: unknown setting (did you mean 'every'?)");
    expect(refused({ learningRate: 0.1 }).message).toMatch(/^learningRate: unknown setting \(the settings: data, target, .*, lr, .*\)$/);
    // undefined is absent, as a spread of optional settings writes it.
    expect(resolveConfig({ epochs: 2, ...({ notASetting: undefined } as object) }).epochs).toBe(2);
  });

  it('reads null as absent and fills every default with its own copy', () => {
    const c = resolveConfig({ epochs: null, hidden: null, earlyStopping: null, checkpoint: { dir: 'ck', every: null } } as never);
    expect(c).toMatchObject({ epochs: trainDefaults.epochs, hidden: [64], earlyStopping: null, checkpoint: { dir: 'ck', every: 1 }, valFraction: 0 });
    c.hidden.push(8);
    (c.schedule as { gamma: number }).gamma = 0.5;
    expect(resolveConfig({})).toMatchObject({ hidden: [64], schedule: { type: 'step', stepSize: 10, gamma: 0.1 } });
  });

  it('takes task auto and no hidden layer, and gives a watched validation split its default', () => {
    expect(resolveConfig({ task: 'auto', hidden: [], earlyStopping: 3 })).toMatchObject({ task: 'auto', hidden: [], valFraction: 0.1 });
  });

  it("keeps the seed's recipe on the seed's data, and takes the measured default on a user's own", () => {
    const seed = resolvePlan({});
    expect([seed.config.schedule, seed.config.lr, seed.scheduleDefault]).toEqual([{ type: 'step', stepSize: 10, gamma: 0.1 }, 1e-3, 'seed']);
    expect(resolvePlan({ optimizer: 'sgd' }).config).toMatchObject({ schedule: { type: 'step', stepSize: 10, gamma: 0.1 }, lr: 1e-3 });
    // The range test's rate, annealed by a cosine over the run (its length filled in when the run is known).
    for (const plan of [resolvePlan({ data: 'mine.csv' }), resolvePlan({}, { inMemory: true }), resolvePlan({ data: 'mine.csv', optimizer: 'sgd' })]) {
      expect([plan.config.schedule, plan.config.lr, plan.scheduleDefault]).toEqual([{ type: 'cosine-annealing' }, 'find', 'own data']);
    }
    // A rate given keeps the default schedule; a schedule given (one-cycle sets its own rates) keeps the
    // optimizer's rate, with no range test.
    const given = resolvePlan({ data: 'mine.csv', schedule: { type: 'exponential', gamma: 0.9 } });
    expect([given.config.schedule, given.config.lr, given.scheduleDefault]).toEqual([{ type: 'exponential', gamma: 0.9 }, 1e-3, undefined]);
    expect(resolvePlan({ data: 'mine.csv', lr: 0.5 }).config).toMatchObject({ schedule: { type: 'cosine-annealing' }, lr: 0.5 });
  });

  it('warms the schedule-free optimizers up to a constant rate, on any data, at their own rates', () => {
    const warmup = { type: 'warmup', interval: 'epoch', warmupSteps: 5, startFactor: 0.2, schedule: { type: 'constant' } };
    for (const data of [undefined, 'mine.csv']) {
      const sgd = resolvePlan({ data, optimizer: 'sgd-schedule-free' });
      expect([sgd.config.schedule, sgd.config.lr, sgd.scheduleDefault]).toEqual([warmup, 1, 'schedule-free']);
      expect(resolvePlan({ data, optimizer: 'adamw-schedule-free' }).config).toMatchObject({ schedule: warmup, lr: 0.0025 });
    }
  });
});
