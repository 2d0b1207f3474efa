import { afterAll, describe, expect, it } from 'vitest';
import { runEmbedded } from './embedded';
import { expandTrials } from './expand';
import { observationOf } from './sample/tpe/study';
import { SweepState } from './state';
import { spec, tempDir, trialScript } from './test-support';

const tmp = tempDir('lrkit-refused-');
afterAll(() => tmp.remove());

// adam takes no momentum: train() refuses the draws of adam (with a momentum), takes those of sgd.
const mixed = { optimizer: { choice: ['sgd', 'adam'] }, momentum: { uniform: [0.1, 0.9] } };
const REFUSAL = /^train refuses these settings: momentum: the adam optimizer has no momentum/;

describe('a draw train() refuses', () => {
  it('is a trial marked refused among the others; a file no draw of which can run is refused up front, naming the trial', () => {
    const trials = expandTrials(spec({ name: 'r', random: { samples: 6, samplerSeed: 3, ...mixed } }));
    expect(trials).toHaveLength(6);
    const refused = trials.filter((t) => t.refused !== undefined);
    expect(refused.map((t) => t.params.optimizer)).toEqual(refused.map(() => 'adam'));
    expect(refused.length).toBeGreaterThan(0);
    expect(refused[0]!.refused).toMatch(/^momentum: the adam optimizer has no momentum/);
    // The same draws give the same ids, apart from every runnable trial's.
    expect(expandTrials(spec({ name: 'r', random: { samples: 6, samplerSeed: 3, ...mixed } })).map((t) => t.id)).toEqual(trials.map((t) => t.id));
    expect(new Set(trials.map((t) => t.id)).size).toBe(6);
    // The file's own settings: a grid point, a grid point every draw of which is refused, a fixed setting.
    expect(() => expandTrials(spec({ name: 'g', grid: { optimizer: ['sgd', 'adam'], momentum: [0.5] } }))).toThrow(/^g: the trial \{"optimizer":"adam","momentum":0.5\}: momentum: the adam/);
    expect(() => expandTrials(spec({ name: 'p', grid: { optimizer: ['sgd', 'adam'] }, random: { samples: 2, momentum: { uniform: [0.1, 0.9] } } }))).toThrow(/^p: the trial \{"optimizer":"adam","momentum":[\d.]+\}: momentum: the adam/);
    expect(() => expandTrials(spec({ name: 't', train: { optimizer: 'adam', momentum: 0.5 }, tpe: { trials: 5, startupTrials: 3, lr: { logUniform: [1e-3, 0.1] } } }))).toThrow(/^t: the trial \{"lr":[\d.e-]+\}: momentum: the adam/);
  });

  it('is recorded as failed with the refusal and the sweep goes on, also where it prunes; retryFailed refuses it again', async () => {
    const file = { name: 'rnd', train: { epochs: 2 }, random: { samples: 6, samplerSeed: 3, ...mixed }, metric: 'f1', prune: { median: { startupTrials: 1 } } };
    const out = await runEmbedded(spec(file), { workers: 2, stateRoot: tmp.dir, trialScript });
    expect(out.trials).toHaveLength(6);
    const failed = out.trials.filter((t) => t.status === 'failed');
    expect(failed.length).toBeGreaterThan(0);
    for (const t of failed) {
      expect(t.params.optimizer).toBe('adam');
      expect(t.error).toMatch(REFUSAL);
      expect(t.history).toEqual([]);
    }
    expect(out.trials.filter((t) => t.status !== 'failed').every((t) => t.params.optimizer === 'sgd')).toBe(true);
    expect(out.best?.params.optimizer).toBe('sgd');
    const again = await runEmbedded(spec(file), { workers: 2, stateRoot: tmp.dir, trialScript, retryFailed: true });
    expect(again.trials.map(({ trainMs: _, ...t }) => t)).toEqual(out.trials.map(({ trainMs: _, ...t }) => t));
  });

  it("in a TPE sweep, is a failed trial TPE learns nothing from, and the budget is run", async () => {
    const file = { name: 'tpe', train: { epochs: 1 }, tpe: { trials: 6, startupTrials: 2, samplerSeed: 1, lr: { logUniform: [1e-3, 0.1] }, ...mixed } };
    const out = await runEmbedded(spec(file), { workers: 1, stateRoot: tmp.dir, trialScript });
    const sequence = new SweepState(tmp.dir, 'tpe').readManifest().sequence!;
    expect(sequence).toHaveLength(6);
    const byId = new Map(out.trials.map((t) => [t.id, t]));
    // Refused after the random start too: chosen by TPE, not only drawn before it.
    expect(sequence.slice(2).some((id) => byId.get(id)!.status === 'failed')).toBe(true);
    for (const t of out.trials) {
      expect(t.status === 'failed').toBe(t.params.optimizer === 'adam');
      if (t.status === 'failed') {
        expect(t.error).toMatch(REFUSAL);
        expect(observationOf(t, 'accuracy', 'max')).toBeUndefined();
      }
    }
  });
});
