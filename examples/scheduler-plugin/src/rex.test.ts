import { createRegistry, createScheduler, preview, validatePlugin } from '@lrkit/schedulers';
import { describe, expect, it } from 'vitest';
import plugins, { rex } from './index.js';

const registry = () => {
  const r = createRegistry();
  for (const p of plugins) r.register(p);
  return r;
};

describe('rex plugin', () => {
  it('satisfies plugin contract v1', () => {
    expect(() => validatePlugin(rex)).not.toThrow();
    expect(registry().list().find((s) => s.name === 'rex')).toMatchObject({
      source: 'plugin',
      interval: 'step',
      options: [
        { name: 'totalSteps', type: 'integer', description: "step at which the rate reaches minLr (left out: the run's steps)" },
        { name: 'minLr', type: 'number', default: 0, description: 'floor rate' },
      ],
    });
  });

  it('decays from the base rate to minLr at totalSteps, above linear in between', () => {
    const r = preview({ type: 'rex', totalSteps: 4, minLr: 0.01 }, { steps: 6, lrs: [1, 0.1] }, registry()).lrs;
    expect(r[0]).toEqual([1, 0.1]);
    // p = 0.5: f = 0.5 / 0.75 = 2/3
    expect(r[2]![0]).toBeCloseTo(0.01 + 0.99 * (2 / 3), 15);
    expect(r[4]).toEqual([0.01, 0.01]);
    expect(r[6]).toEqual([0.01, 0.01]);
    for (let k = 1; k < 4; k++) expect(r[k]![0]).toBeGreaterThan(1 - (0.99 * k) / 4);
  });

  it("asks for the run's length: totalSteps left out is filled from the run, and refused without one", () => {
    const left = preview({ type: 'rex', minLr: 0.01 }, { steps: 4, lrs: [1] }, registry()).lrs;
    expect(left).toEqual(preview({ type: 'rex', totalSteps: 4, minLr: 0.01 }, { steps: 4, lrs: [1] }, registry()).lrs);
    expect(registry().compile({ type: 'rex' }).forRun({ epochs: 3, stepsPerEpoch: 5 }).spec).toEqual({ type: 'rex', totalSteps: 15 });
    expect(() => createScheduler({ type: 'rex' }, { paramGroups: [{ lr: 1 }] }, registry())).toThrow(/^schedule\.totalSteps: is left out/);
  });

  it('reports bad options with the field path', () => {
    expect(() => createScheduler({ type: 'rex', totalSteps: 0 }, { paramGroups: [{ lr: 1 }] }, registry())).toThrow(/^schedule\.totalSteps: must be >= 1, got 0$/);
    // A typo is a compile error (the package adds rex to ScheduleSpec); at run time it is refused too.
    const typo = { type: 'rex', totalStep: 10 } as unknown;
    expect(() => createScheduler(typo, { paramGroups: [{ lr: 1 }] }, registry())).toThrow(/^schedule\.totalStep: unknown option \(did you mean 'totalSteps'\?\)/);
  });

  it('composes: warm up into rex, and resume exactly', () => {
    const spec = { type: 'sequential', milestones: [3], schedulers: [{ type: 'linear', startFactor: 0.25, totalIters: 3 }, { type: 'rex', totalSteps: 10 }] };
    const straight = preview(spec, { steps: 14, lrs: [0.5] }, registry()).lrs;
    expect(straight[3]).toEqual([0.5]);
    const o = { paramGroups: [{ lr: 0.5 }] };
    const a = createScheduler(spec, o, registry());
    for (let k = 0; k < 6; k++) a.step();
    const o2 = { paramGroups: [{ lr: 0.5 }] };
    const b = createScheduler(spec, o2, registry());
    b.loadStateDict(JSON.parse(JSON.stringify(a.stateDict())));
    const rest = [o2.paramGroups[0]!.lr];
    for (let k = 6; k < 14; k++) {
      b.step();
      rest.push(o2.paramGroups[0]!.lr);
    }
    expect(rest).toEqual(straight.slice(6).map((x) => x[0]));
  });
});
