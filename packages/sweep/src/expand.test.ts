import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { expandTrials, trialCount } from './expand';
import { MAX_TRIALS } from './limits';
import { spec, tempDir } from './test-support';
import { trialId } from './trial-id';

const tmp = tempDir('lrkit-expand-');
afterAll(() => tmp.remove());
const values = (n: number, f: (i: number) => number) => Array.from({ length: n }, (_, i) => f(i));

describe('expandTrials', () => {
  it('crosses the grid in itertools.product order (the last field fastest)', () => {
    const trials = expandTrials(spec({ name: 's', grid: { lr: [0.1, 0.01], seed: [1, 2, 3] }, train: { epochs: 2 } }));
    expect(trials.map((t) => t.params)).toEqual([
      { lr: 0.1, seed: 1 }, { lr: 0.1, seed: 2 }, { lr: 0.1, seed: 3 },
      { lr: 0.01, seed: 1 }, { lr: 0.01, seed: 2 }, { lr: 0.01, seed: 3 },
    ]);
    expect(trials[4]!.config).toEqual({ epochs: 2, lr: 0.01, seed: 2 });
    expect(new Set(trials.map((t) => t.id)).size).toBe(6);
  });

  it('crosses the fields in the order the file writes them, not the schema\'s', () => {
    const trials = expandTrials(spec({ name: 's', grid: { seed: [1, 2], lr: [0.1, 0.01] } }));
    expect(trials.map((t) => t.params)).toEqual([{ seed: 1, lr: 0.1 }, { seed: 1, lr: 0.01 }, { seed: 2, lr: 0.1 }, { seed: 2, lr: 0.01 }]);
    expect(Object.keys(trials[0]!.params)).toEqual(['seed', 'lr']);
  });

  it('draws random settings from a seeded sampler, crossed with the grid', () => {
    const file = { name: 's', grid: { seed: [1, 2] }, random: { samples: 3, lr: { logUniform: [1e-4, 1e-1] }, optimizer: { choice: ['adam', 'sgd'] } } };
    const a = expandTrials(spec(file));
    expect(a).toHaveLength(6);
    expect(expandTrials(spec(file))).toEqual(a);
    for (const t of a) {
      expect(t.params.lr).toBeGreaterThanOrEqual(1e-4);
      expect(t.params.lr).toBeLessThan(1e-1);
      expect(['adam', 'sgd']).toContain(t.params.optimizer);
    }
    // The same draws for each grid point.
    expect(a[3]!.params.lr).toBe(a[0]!.params.lr);
    const other = expandTrials(spec({ ...file, random: { ...file.random, samplerSeed: 7 } }));
    expect(other[0]!.params.lr).not.toBe(a[0]!.params.lr);
  });

  it('derives ids from the settings: key order and written-out defaults do not matter', () => {
    expect(trialId({ lr: 0.1, seed: 3 })).toBe(trialId({ seed: 3, lr: 0.1 }));
    expect(trialId({ lr: 0.1 })).toBe(trialId({ lr: 0.1, epochs: 50, optimizer: 'adam', schedule: { gamma: 0.1, stepSize: 10, type: 'step' } }));
    expect(trialId({ lr: 0.1 })).not.toBe(trialId({ lr: 0.2 }));
    // A setting added since ids were first made keeps every trial at its default under the id it had then
    // (examples/lr-schedule-seed.json's first trial, as its sweep named it), and names another value's.
    const first = { epochs: 20, lr: 0.01, schedule: { type: 'step', stepSize: 10, gamma: 0.1 }, seed: 1 };
    expect(trialId(first)).toBe('5569b47a5f8040dd');
    expect(trialId({ ...first, optimizer: 'adamw', weightDecay: 0.01 })).toBe(trialId({ ...first, optimizer: 'adamw' }));
    expect(trialId({ ...first, dropout: 0, betas: [0.9, 0.999] })).toBe('5569b47a5f8040dd');
    expect(trialId({ ...first, dropout: 0.1 })).not.toBe('5569b47a5f8040dd');
    // 'constant' changed meaning (ConstantLR is 'constant-factor' now): its trials no longer have the id a
    // state folder holds records under from the old meaning (this one), so a resumed sweep runs them again.
    expect(trialId({ schedule: { type: 'constant' }, epochs: 3 })).not.toBe('f5f6cd79334017cc');
    expect(trialId({ schedule: { type: 'step', stepSize: 2 }, epochs: 3 })).toBe('ac0a11909f316391');
    // One trial however many grid points name it.
    expect(expandTrials(spec({ name: 's', grid: { lr: [0.001, 0.001], epochs: [50] } }))).toHaveLength(1);
  });

  it('checks each trial before anything runs, naming it', () => {
    expect(() => expandTrials(spec({ name: 's', grid: { schedule: [{ type: 'nope' }] } }))).toThrow(/^s: the trial \{"schedule":\{"type":"nope"\}\}: .*nope/);
  });

  it('counts the trials before expanding any, and refuses more than MAX_TRIALS at once', () => {
    const huge = spec({ name: 'huge', grid: { lr: values(1000, (i) => (i + 1) / 1e4), seed: values(1000, (i) => i), epochs: values(1000, (i) => i + 1), batchSize: values(1000, (i) => i + 1) } });
    expect(trialCount(huge)).toBe(1e12);
    const t0 = Date.now();
    expect(() => expandTrials(huge)).toThrow(`huge: 1000000000000 trials (lr 1000 x seed 1000 x epochs 1000 x batchSize 1000): a sweep has at most ${MAX_TRIALS}`);
    expect(Date.now() - t0).toBeLessThan(100);
    const draws = spec({ name: 'draws', random: { samples: 1e9, lr: { logUniform: [1e-4, 1e-1] } } });
    expect(() => expandTrials(draws)).toThrow(/^draws: 1000000000 trials \(random\.samples 1000000000\): a sweep has at most/);
    expect(() => expandTrials(spec({ name: 'edge', grid: { seed: values(MAX_TRIALS + 1, (i) => i) } }))).toThrow(/at most/);
    expect(trialCount(spec({ name: 'ok', grid: { seed: [1, 2] }, random: { samples: 3, lr: { uniform: [0.1, 0.2] } } }))).toBe(6);
  });

  it("keys a data file's trials by its content: an edited file is a new trial, a missing one its own", () => {
    const data = join(tmp.dir, 'd.csv');
    const file = { name: 'data', train: { data }, grid: { lr: [0.1] } };
    const missing = expandTrials(spec(file))[0]!.id;
    writeFileSync(data, 'x,y\n1,0\n');
    const first = expandTrials(spec(file))[0]!.id;
    writeFileSync(data, 'x,y\n1,1\n');
    const edited = expandTrials(spec(file))[0]!.id;
    expect(new Set([missing, first, edited]).size).toBe(3);
    expect(trialId({ data, lr: 0.1 })).toBe(edited);
    // The embedded data has no file: its ids are those of its settings alone.
    expect(expandTrials(spec({ name: 'e', grid: { lr: [0.1] } }))[0]!.id).toBe(trialId({ lr: 0.1 }));
  });
});
