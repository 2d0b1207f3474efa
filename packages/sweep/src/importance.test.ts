import { describe, expect, it } from 'vitest';
import { searchedSettings, settingImportance } from './importance';
import type { TrialRecord } from './trial';

const trial = (i: number, params: Record<string, unknown>, accuracy: number, status: TrialRecord['status'] = 'done'): TrialRecord => ({
  id: `t${i}`,
  params,
  status,
  history: [],
  ...(status === 'done' ? { metrics: { accuracy } } : {}),
});

describe('searchedSettings', () => {
  it('keeps the settings that differ, on a log axis where they span two decades, categorical where not numbers', () => {
    const trials = [trial(0, { lr: 1e-4, seed: 1, schedule: { type: 'step' }, epochs: 5 }, 0.5), trial(1, { lr: 0.1, seed: 2, schedule: { type: 'cosine' }, epochs: 5 }, 0.6)];
    const s = searchedSettings(trials);
    expect(s.map((x) => [x.key, x.kind, x.log])).toEqual([
      ['lr', 'numeric', true],
      ['seed', 'numeric', false],
      ['schedule', 'categorical', false],
    ]);
    expect(s[2]!.categories).toEqual(['step', 'cosine']);
    // Objects of one type are told apart by the fields in which they differ.
    const warm = [trial(0, { schedule: { type: 'w', steps: 10, total: 100 } }, 0.5), trial(1, { schedule: { type: 'w', steps: 50, total: 100 } }, 0.6)];
    expect(searchedSettings(warm)[0]!.categories).toEqual(['w steps=10', 'w steps=50']);
  });
});

describe('settingImportance', () => {
  // A 3 x 4 grid: the schedule decides the metric, the seed only adds noise of 1/100 of it.
  const grid = [0, 1, 2].flatMap((s) => [1, 2, 3, 4].map((seed) => ({ s, seed })));
  const trials = grid.map(({ s, seed }, i) => trial(i, { schedule: ['a', 'b', 'c'][s], seed }, 0.7 + 0.1 * s + 0.001 * ((seed * 7) % 3)));

  it("gives the setting that decides the metric nearly all the variance, and noise about none", () => {
    const imp = settingImportance(trials, searchedSettings(trials), 'accuracy');
    expect(imp.map((i) => i.key)).toEqual(['schedule', 'seed']);
    expect(imp[0]!.value).toBeGreaterThan(0.99);
    expect(imp[1]!.value).toBeLessThan(0.02);
    expect(imp[0]).toMatchObject({ groups: 3, trials: 12 });
  });

  it('leaves out pruned and failed trials, bins a numeric setting with many values, and says where it cannot tell', () => {
    const many = Array.from({ length: 16 }, (_, i) => trial(i, { lr: 10 ** (-4 + i / 5), id: `u${i}` }, 0.5 + 0.02 * i));
    const imp = settingImportance([...many, trial(99, { lr: 1, id: 'x' }, 0, 'pruned')], searchedSettings(many), 'accuracy');
    const lr = imp.find((i) => i.key === 'lr')!;
    expect(lr).toMatchObject({ groups: 4, trials: 16 });
    expect(lr.value).toBeGreaterThan(0.8);
    expect(imp.find((i) => i.key === 'id')).toMatchObject({ value: undefined, note: 'every finished trial has its own value' });
  });
});
