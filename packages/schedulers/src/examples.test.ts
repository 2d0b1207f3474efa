import { describe, expect, it } from 'vitest';
import { exampleSpecs } from './examples.js';
import { createScheduler, defaultRegistry } from './index.js';

describe('exampleSpecs', () => {
  it('has one example per registered built-in, in the registry order', () => {
    // A new built-in without an example fails here (and lrkit-bench would not time it).
    expect(exampleSpecs(100).map((s) => s.type)).toEqual(defaultRegistry.names());
  });

  for (const steps of [1, 20_000]) {
    it(`every example runs ${steps} step() calls to finite rates`, () => {
      for (const spec of exampleSpecs(steps)) {
        const sched = createScheduler(spec, { paramGroups: [{ lr: 0.1, momentum: 0.9 }] });
        for (let i = 0; i < steps; i++) sched.step(sched.needsMetric ? 1 : undefined);
        expect(Number.isFinite(sched.getLastLr()[0]), spec.type).toBe(true);
      }
    });
  }

  it('serialises to JSON, functions as the names the PyTorch translation knows', () => {
    const byType = new Map(exampleSpecs(10).map((s) => [s.type, JSON.parse(JSON.stringify(s)) as Record<string, unknown>]));
    expect(byType.get('lambda')).toEqual({ type: 'lambda', lrLambda: 'pow099999' });
    expect(byType.get('multiplicative')).toEqual({ type: 'multiplicative', lrLambda: 'mul099999' });
    expect(byType.get('one-cycle')).toMatchObject({ totalSteps: 11 });
  });

  it('refuses a step count that is not a whole number >= 1', () => {
    expect(() => exampleSpecs(0)).toThrow(/totalSteps must be a whole number >= 1, got 0/);
    expect(() => exampleSpecs(1.5)).toThrow(/got 1\.5/);
  });
});
