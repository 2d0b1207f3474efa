import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRegistry, createScheduler } from './index.js';
import type { ParamGroupLike } from './types.js';
import { metricAt, SPEC_CASES, type SpecCase } from './test-specs.js';

function optimizer(c: SpecCase): { paramGroups: ParamGroupLike[] } {
  return {
    paramGroups: c.adam
      ? [{ lr: 0.001, betas: [0.9, 0.999] }, { lr: 0.003, betas: [0.9, 0.999] }]
      : [{ lr: 0.1, momentum: 0.9 }, { lr: 0.05, momentum: 0.9 }],
  };
}

const snapshot = (o: { paramGroups: ParamGroupLike[] }) => o.paramGroups.map((g) => [g.lr, g.momentum ?? g.betas![0]]);

/** Rows of [lr, momentum] per group for `steps` steps, straight through. */
function straight(c: SpecCase): number[][][] {
  const o = optimizer(c);
  const s = createScheduler(c.spec, o);
  const rows = [snapshot(o)];
  for (let k = 1; k <= c.steps; k++) {
    s.step(c.metric ? metricAt(k) : undefined);
    rows.push(snapshot(o));
  }
  return rows;
}

/** Stop after `stop` steps, save through JSON, load into a fresh scheduler on a fresh optimizer, go on. */
function resumed(c: SpecCase, stop: number): number[][][] {
  const o1 = optimizer(c);
  const s1 = createScheduler(c.spec, o1);
  const rows = [snapshot(o1)];
  for (let k = 1; k <= stop; k++) {
    s1.step(c.metric ? metricAt(k) : undefined);
    rows.push(snapshot(o1));
  }
  const saved = JSON.parse(JSON.stringify(s1.stateDict())) as unknown;
  const o2 = optimizer(c);
  const s2 = createScheduler(c.spec, o2);
  s2.loadStateDict(saved);
  expect(s2.lastEpoch).toBe(stop);
  expect(snapshot(o2)).toEqual(rows[stop]);
  for (let k = stop + 1; k <= c.steps; k++) {
    s2.step(c.metric ? metricAt(k) : undefined);
    rows.push(snapshot(o2));
  }
  return rows;
}

describe('exact resume', () => {
  it('covers every registered schedule', () => {
    const covered = new Set<string>();
    const walk = (s: Record<string, unknown>) => {
      covered.add(s.type as string);
      if (Array.isArray(s.schedulers)) s.schedulers.forEach(walk);
      if (s.schedule) walk(s.schedule as Record<string, unknown>);
    };
    SPEC_CASES.forEach((c) => walk(c.spec));
    expect([...covered].sort()).toEqual(createRegistry().names().sort());
  });

  for (const c of SPEC_CASES) {
    it(`${c.name}: resuming at any step gives the same trajectory, bit for bit`, () => {
      const expected = straight(c);
      fc.assert(
        fc.property(fc.integer({ min: 0, max: c.steps }), (stop) => {
          expect(resumed(c, stop)).toEqual(expected);
        }),
        { numRuns: 12 },
      );
    });
  }

  it('refuses a state of another schedule, naming the field', () => {
    const o = { paramGroups: [{ lr: 0.1 }] };
    const a = createScheduler({ type: 'step', stepSize: 2 }, o);
    const b = createScheduler({ type: 'exponential', gamma: 0.9 }, { paramGroups: [{ lr: 0.1 }] });
    expect(() => b.loadStateDict(a.stateDict())).toThrow(/state\.type: the state is of a 'step' schedule/);
    expect(() => b.loadStateDict({})).toThrow(/state\.format/);
    const two = createScheduler({ type: 'step', stepSize: 2 }, { paramGroups: [{ lr: 0.1 }, { lr: 0.2 }] });
    expect(() => two.loadStateDict(a.stateDict())).toThrow(/state\.groups: the state has 1 param groups, the optimizer has 2/);
  });

  it('keeps a rate of -0 through JSON (found by fast-check)', () => {
    const spec = { type: 'chained', schedulers: [{ type: 'linear', startFactor: 0.01, endFactor: 0, totalIters: 1 }, { type: 'linear', startFactor: 0.019170406197836058, endFactor: 0, totalIters: 4 }] };
    const c: SpecCase = { name: '-0', spec, steps: 8 };
    const rows = straight(c);
    expect(rows.some((r) => Object.is(r[0]![0], -0))).toBe(true);
    for (let stop = 0; stop <= 8; stop++) expect(resumed(c, stop)).toEqual(rows);
  });

  it('saves plateau state with an infinite best as plain JSON', () => {
    const s = createScheduler({ type: 'reduce-on-plateau' }, { paramGroups: [{ lr: 0.1 }] });
    const text = JSON.stringify(s.stateDict());
    expect(text).toContain('"Infinity"');
    const t = createScheduler({ type: 'reduce-on-plateau' }, { paramGroups: [{ lr: 0.1 }] });
    t.loadStateDict(JSON.parse(text));
    expect(t.stateDict()).toEqual(s.stateDict());
  });
});
