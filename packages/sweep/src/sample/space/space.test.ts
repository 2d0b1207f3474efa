import { describe, expect, it } from 'vitest';
import { expandTrials } from '../../expand';
import { join } from 'node:path';
import { parseSweep, readSweepFile } from '../../parse';
import { packageDir } from '../../test-support';
import { SweepInputError } from '../../errors';

const parse = (file: object) => parseSweep(JSON.stringify({ name: 's', ...file }), 'sweep.json');
const bad = (file: object) => () => parse(file);
const tpe = (settings: object, options: object = {}) => ({ tpe: { trials: 20, ...options, ...settings } });

describe('search spaces: bad input, named by field', () => {
  it.each([
    ['an empty range', tpe({ lr: { uniform: [0.1, 0.1] } }), 'sweep.json: tpe.lr.uniform: an empty range: low must be below high, got [0.1, 0.1]'],
    ['a reversed integer range', { random: { samples: 3, batchSize: { int: [64, 16] } } }, 'sweep.json: random.batchSize.int: an empty range'],
    ['a log range through 0', tpe({ lr: { logUniform: [0, 0.1] } }), 'sweep.json: tpe.lr.logUniform: a log range must lie above 0'],
    ['a negative log range', { random: { samples: 2, weightDecay: { logUniform: [-1, 1] } } }, 'sweep.json: random.weightDecay.logUniform: a log range must lie above 0'],
    ['a log integer range from 0', tpe({ 'hidden.0': { int: [0, 64], log: true } }), 'sweep.json: tpe.hidden.0.int: a log range of integers starts at 1'],
    ['a budget of 0', tpe({ lr: { logUniform: [1e-4, 1] } }, { trials: 0 }), 'sweep.json: tpe.trials: a budget of at least 1 trial'],
    ['no draws', { random: { samples: 0, lr: { logUniform: [1e-4, 1] } } }, 'sweep.json: random.samples: at least 1 draw'],
    ['TPE over a pure grid', tpe({ optimizer: { choice: ['sgd', 'adam'] }, batchSize: { choice: [16, 32] } }), 'sweep.json: tpe: every setting is a choice, a pure grid'],
    ['TPE crossed with a grid', { grid: { seed: [1, 2] }, ...tpe({ lr: { logUniform: [1e-4, 1] } }) }, 'sweep.json: tpe: runs alone, not with "grid"'],
    ['TPE that searches nothing', tpe({}), 'sweep.json: tpe: searches nothing'],
    ['a condition on a field that does not exist', tpe({ lr: { logUniform: [1e-4, 1] }, momentum: { uniform: [0, 0.9], if: { optimiser: 'sgd' } } }), "sweep.json: tpe.momentum.if: a condition on 'optimiser', which is not a train field"],
    ['a condition on a setting not searched', tpe({ momentum: { uniform: [0, 0.9], if: { optimizer: 'sgd' } } }), "sweep.json: tpe.momentum.if: a condition on 'optimizer', which this sweep does not search"],
    [
      'a condition that never holds',
      tpe({ schedule: { choice: [{ type: 'cosine-annealing' }, { type: 'step', stepSize: 5 }] }, 'schedule.maxLr': { logUniform: [0.01, 1], if: { 'schedule.type': 'one-cycle' } } }),
      `sweep.json: tpe.schedule.maxLr.if: never holds: 'schedule.type' is never "one-cycle" (it is one of ["cosine-annealing","step"])`,
    ],
    ['a continuous range on a whole number', tpe({ batchSize: { uniform: [16, 128] } }), 'sweep.json: tpe.batchSize: batchSize is a whole number: search it with {"int": [low, high]}'],
    ['an unknown setting', tpe({ lrate: { logUniform: [1e-4, 1] } }), "sweep.json: tpe: unknown field 'lrate' (trials, samplerSeed, startupTrials, eiCandidates, batch, or train fields: data,"],
    ['a part of a field without parts', tpe({ 'lr.0': { logUniform: [1e-4, 1] } }), "sweep.json: tpe.lr.0: 'lr' has no parts to search"],
    ['a position that is not one', { random: { samples: 2, 'hidden.first': { int: [8, 64] } } }, "sweep.json: random.hidden.first: 'first' is not a position in hidden's list"],
    ['not a distribution', tpe({ lr: 0.1 }), 'sweep.json: tpe.lr: Invalid input: expected object, received number'],
    ['a distribution of no known form', tpe({ lr: { normal: [0, 1] } }), 'sweep.json: tpe.lr: must be {"logUniform": [low, high]}, {"uniform": [low, high]}, {"int": [low, high], "log"?: true} or {"choice": [values]}'],
  ])('%s', (_, file, message) => {
    expect(bad(file)).toThrow(SweepInputError);
    expect(bad(file)).toThrow(message);
  });
});

describe('search spaces: any training setting', () => {
  it('searches optimizer knobs, hidden sizes, batch size, dropout and a schedule option where the schedule has it', () => {
    const spec = parse({
      train: { epochs: 2, optimizer: 'adamw' },
      random: {
        samples: 12,
        samplerSeed: 3,
        weightDecay: { logUniform: [1e-5, 0.1] },
        betas: { choice: [[0.9, 0.999], [0.95, 0.99]] },
        'betas.1': { uniform: [0.9, 0.9999] },
        hidden: { choice: [[32], [64, 32]] },
        'hidden.0': { int: [8, 128], log: true },
        batchSize: { int: [16, 64] },
        dropout: { uniform: [0, 0.5] },
        schedule: { choice: [{ type: 'one-cycle', maxLr: 0.1 }, { type: 'cosine-annealing' }] },
        'schedule.maxLr': { logUniform: [0.01, 1], if: { 'schedule.type': 'one-cycle' } },
      },
    });
    const trials = expandTrials(spec, 'sweep.json');
    expect(trials).toHaveLength(12);
    for (const t of trials) {
      const schedule = t.config.schedule as { type: string; maxLr?: number };
      expect(schedule.type === 'one-cycle').toBe('schedule.maxLr' in t.params);
      if (schedule.type === 'one-cycle') expect(schedule.maxLr).toBe(t.params['schedule.maxLr']);
      expect(t.config.hidden![0]).toBe(t.params['hidden.0']);
      expect(t.config.hidden).toHaveLength((t.params.hidden as number[]).length);
      expect(t.config.betas![1]).toBe(t.params['betas.1']);
      expect(Number.isInteger(t.config.batchSize)).toBe(true);
    }
    expect(new Set(trials.map((t) => (t.config.schedule as { type: string }).type))).toEqual(new Set(['one-cycle', 'cosine-annealing']));
  });

  it("searches an optimizer's knob only with the optimizers that have it", () => {
    const trials = expandTrials(parse({ train: { epochs: 2 }, random: { samples: 8, optimizer: { choice: ['sgd', 'adam'] }, momentum: { uniform: [0, 0.95], if: { optimizer: 'sgd' } } } }));
    expect(trials.length).toBeGreaterThan(2);
    for (const t of trials) expect('momentum' in t.params).toBe(t.params.optimizer === 'sgd');
    // Unconditioned, adam's draws are trials train() refuses (recorded as failed when the sweep runs), sgd's run.
    const unconditioned = expandTrials(parse({ train: { epochs: 2 }, random: { samples: 8, optimizer: { choice: ['sgd', 'adam'] }, momentum: { uniform: [0, 0.95] } } }));
    for (const t of unconditioned) expect(t.refused ?? '').toMatch(t.params.optimizer === 'adam' ? /the adam optimizer has no momentum/ : /^$/);
  });

  it("keeps random search's draws as they were for the fields it searched before", () => {
    const a = expandTrials(parse({ train: { epochs: 2 }, random: { samples: 4, lr: { logUniform: [1e-4, 1] } } }));
    const b = expandTrials(parse({ train: { epochs: 2 }, random: { samples: 4, lr: { logUniform: [1e-4, 1] }, momentum: { uniform: [0, 0.9] }, optimizer: { choice: ['sgd'] } } }));
    expect(b.map((t) => t.params.lr)).toEqual(a.map((t) => t.params.lr));
  });

  it('reads the TPE example the README runs: its random start is 6 trials, maxLr only with one-cycle', () => {
    const trials = expandTrials(readSweepFile(join(packageDir, 'examples', 'tpe-lr-schedule.json')));
    expect(trials).toHaveLength(6);
    for (const t of trials) expect('schedule.maxLr' in t.params).toBe((t.config.schedule as { type: string }).type === 'one-cycle');
  });

  it("checks TPE's random start before anything runs, naming the trial", () => {
    const spec = parse({ train: { epochs: 2 }, tpe: { trials: 30, lr: { logUniform: [1e-4, 1] }, schedule: { choice: [{ type: 'step' }] } } });
    expect(() => expandTrials(spec, 'sweep.json')).toThrow(/^sweep\.json: the trial \{"lr":.*schedule/);
    const ok = parse({ train: { epochs: 2 }, tpe: { trials: 30, startupTrials: 5, lr: { logUniform: [1e-4, 1] } } });
    expect(expandTrials(ok)).toHaveLength(5);
  });
});
