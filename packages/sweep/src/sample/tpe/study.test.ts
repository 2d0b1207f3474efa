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

  it('with two workers: the same random start, then the budget, each trial chosen from those finished when it starts', async () => {
    const out = await runEmbedded(spec(file('two')), { workers: 2, stateRoot: tmp.dir, trialScript });
    const sequence = new SweepState(tmp.dir, 'two').readManifest().sequence!;
    expect(sequence).toHaveLength(5);
    expect(sequence.slice(0, 2)).toEqual(new SweepState(tmp.dir, 'a').readManifest().sequence!.slice(0, 2));
    expect(out.trials.every((t) => t.status === 'done')).toBe(true);
  });

  it('in batches: the same trials at any number of workers, whatever order they finish in', async () => {
    const batched = (name: string) => ({ ...file(name), tpe: { ...file(name).tpe, trials: 6, batch: 2 } });
    const sequences = [];
    for (const [name, workers] of [['batch1', 1], ['batch3', 3]] as const) {
      await runEmbedded(spec(batched(name)), { workers, stateRoot: tmp.dir, trialScript });
      const manifest = new SweepState(tmp.dir, name).readManifest();
      sequences.push(manifest.sequence!.map((id) => manifest.trials.find((t) => t.id === id)!.params));
    }
    expect(sequences[0]).toHaveLength(6);
    expect(sequences[1]).toEqual(sequences[0]);
  });

  it('resumes from the sequence on disk: its unfinished trial runs first, then sampling goes on after it', async () => {
    const state = new SweepState(tmp.dir, 'a');
    const manifest = state.readManifest();
    const seq = manifest.sequence!;
    expect(new Set(seq).size).toBe(5);
    // As if an earlier run had chosen trial 4's settings 4th and stopped while it ran: the sampler alone would
    // choose trial 3's settings there, so only the sequence on disk brings trial 4 back first.
    state.writeManifest({ ...manifest, sequence: [...seq.slice(0, 3), seq[4]!] });
    for (const id of seq.slice(3)) rmSync(join(state.dir, 'trials', `${id}.json`));
    const started: string[] = [];
    await runEmbedded(spec(file('a')), { workers: 1, stateRoot: tmp.dir, trialScript, onEvent: (e) => e.type === 'trial-start' && started.push(e.id) });
    expect(started[0]).toBe(seq[4]);
    const after = state.readManifest().sequence!;
    expect(after.slice(0, 4)).toEqual([...seq.slice(0, 3), seq[4]]);
    expect(after).toHaveLength(5);
  });
});
