import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runEmbedded, type SweepEvent } from '../../embedded';
import { SweepState } from '../../state';
import { spec, tempDir, trialScript } from '../../test-support';
import type { TrialRecord } from '../../trial';

const tmp = tempDir('lrkit-tpe-');
afterAll(() => tmp.remove());

// Tiny trials (1 epoch of the embedded data); 2 random trials, then 3 chosen by TPE.
const file = (name: string) => ({
  name,
  train: { epochs: 1, hidden: [8] },
  tpe: { trials: 5, startupTrials: 2, samplerSeed: 7, lr: { logUniform: [1e-4, 0.3] }, 'hidden.0': { int: [4, 32], log: true } },
});
const settings = (trials: TrialRecord[], order: string[]) => order.map((id) => trials.find((t) => t.id === id)!.params);

describe('TPE sweeps on this machine', () => {
  it('runs the budget, each trial chosen from the ones before it; one worker and a seed give the same trials', async () => {
    const runs = [];
    for (const name of ['a', 'b']) {
      const started: string[] = [];
      const out = await runEmbedded(spec(file(name)), { workers: 1, stateRoot: tmp.dir, trialScript, onEvent: (e: SweepEvent) => e.type === 'trial-start' && started.push(e.id) });
      expect(new SweepState(tmp.dir, name).readManifest().sequence).toHaveLength(5);
      runs.push({ out, started });
    }
    const [a, b] = runs;
    expect(a!.started.length).toBeGreaterThanOrEqual(4);
    expect(a!.out.trials.every((t) => t.status === 'done')).toBe(true);
    expect(b!.started).toEqual(a!.started);
    expect(settings(b!.out.trials, b!.started)).toEqual(settings(a!.out.trials, a!.started));
    for (const t of a!.out.trials) expect(Number.isInteger(t.params['hidden.0'])).toBe(true);
  });

  it('resumes: the trial that was running runs again, then the sequence goes on as it would have', async () => {
    const state = new SweepState(tmp.dir, 'a');
    const sequence = state.readManifest().sequence!;
    // As if stopped while the 4th trial ran: its record and everything after it are missing.
    const manifest = state.readManifest();
    state.writeManifest({ ...manifest, sequence: sequence.slice(0, 4) });
    for (const id of new Set(sequence.slice(3))) if (!sequence.slice(0, 3).includes(id)) rmSync(join(state.dir, 'trials', `${id}.json`));
    const started: string[] = [];
    await runEmbedded(spec(file('a')), { workers: 1, stateRoot: tmp.dir, trialScript, onEvent: (e) => e.type === 'trial-start' && started.push(e.id) });
    expect(state.readManifest().sequence).toEqual(sequence);
    expect(started[0]).toBe(sequence[3]);
  });
});
