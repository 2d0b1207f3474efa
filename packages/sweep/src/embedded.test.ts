import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkNativeAvailability } from '@lrkit/backend-native';
import { train } from '@lrkit/train';
import { allFailed, runEmbedded, type SweepEvent } from './embedded';
import { renderReport } from './report';
import { SweepState } from './state';
import { spec, tempDir, trialScript } from './test-support';
import { trialMetrics, type TrialRecord } from './trial';

const tmp = tempDir('lrkit-sweep-');
afterAll(() => tmp.remove());

// Tiny trials: 2 epochs of the embedded breast-cancer data.
const file = { name: 'tiny', train: { epochs: 2 }, grid: { lr: [0.01, 0.001], seed: [1, 2] } };

describe('runEmbedded', () => {
  it('runs every trial in child processes, keeps each on disk, ranks them, and each equals train() bit for bit', async () => {
    const events: SweepEvent[] = [];
    const out = await runEmbedded(spec(file), { workers: 2, stateRoot: tmp.dir, trialScript, onEvent: (e) => events.push(e) });
    expect(out.trials).toHaveLength(4);
    expect(out.trials.every((t) => t.status === 'done')).toBe(true);
    const accuracies = out.trials.map((t) => t.metrics!.accuracy!);
    expect([...accuracies].sort((a, b) => b - a)).toEqual(accuracies);
    expect(out.best).toBe(out.trials[0]);
    expect(readdirSync(join(tmp.dir, 'tiny', 'trials')).filter((f) => f.endsWith('.json'))).toHaveLength(4);
    expect(events.filter((e) => e.type === 'epoch')).toHaveLength(8);

    for (const t of out.trials) {
      const direct = await train({ epochs: 2, ...(t.params as { lr: number; seed: number }) });
      expect(t.metrics).toEqual(trialMetrics(direct));
      expect(t.history).toEqual(direct.history.map(({ epoch, loss, lr }) => ({ epoch, loss, lr })));
    }
  });

  it('resumes: only the trials without a record run again, with the same numbers', async () => {
    const state = new SweepState(tmp.dir, 'tiny');
    const before = state.records();
    const gone = [...before.keys()][1]!;
    rmSync(join(state.dir, 'trials', `${gone}.json`));
    const started: string[] = [];
    const out = await runEmbedded(spec(file), { workers: 2, stateRoot: tmp.dir, trialScript, onEvent: (e) => e.type === 'trial-start' && started.push(e.id) });
    expect(started).toEqual([gone]);
    expect(out.trials).toHaveLength(4);
    // The same records, wall time aside.
    const timeless = (m: Map<string, TrialRecord>) => [...m.values()].map(({ trainMs: _, ...r }) => r).sort((a, b) => a.id.localeCompare(b.id));
    expect(timeless(state.records())).toEqual(timeless(before));
  });

  it('reports a trial that cannot train as failed, with its error, once', async () => {
    // one-cycle allows 5 steps; 2 epochs of 15 batches step it 30 times: train() refuses before training.
    const bad = { name: 'bad', train: { epochs: 2 }, grid: { schedule: [{ type: 'one-cycle', maxLr: 0.1, totalSteps: 5, interval: 'step' }] } };
    const out = await runEmbedded(spec(bad), { workers: 1, stateRoot: tmp.dir, trialScript });
    expect(out.trials).toHaveLength(1);
    expect(out.trials[0]).toMatchObject({ status: 'failed' });
    expect(out.trials[0]!.error).toMatch(/schedule: .*at most 5/);
    expect(out.best).toBeUndefined();
  });

  it('prunes on the validation metric it ranks by, and the same trials with 1 and 3 workers (median, asha, hyperband)', async () => {
    // Good and hopeless rates, interleaved in the file's order, so that a pruned trial has earlier trials running beside it.
    const grid = { lr: [0.05, 1e-7, 0.02, 3e-7, 0.01, 1e-6] };
    for (const prune of [{ median: { startupTrials: 2, warmupEpochs: 1 } }, { asha: { minResource: 1, reductionFactor: 2 } }, { hyperband: { minResource: 1, reductionFactor: 2 } }]) {
      const runs = [];
      for (const workers of [1, 3]) {
        const file = { name: `prune-${Object.keys(prune)[0]}-${workers}`, train: { epochs: 4 }, grid, metric: 'f1', prune };
        runs.push(await runEmbedded(spec(file), { workers, stateRoot: tmp.dir, trialScript }));
      }
      // Resumed after losing its last three records (a stopped run), with 2 workers: the same again.
      const name = `prune-${Object.keys(prune)[0]}-1`;
      const state = new SweepState(tmp.dir, name);
      for (const t of state.readManifest().trials.slice(-3)) rmSync(join(state.dir, 'trials', `${t.id}.json`));
      runs.push(await runEmbedded(spec({ name, train: { epochs: 4 }, grid, metric: 'f1', prune }), { workers: 2, stateRoot: tmp.dir, trialScript }));
      const [one, three, resumed] = runs.map((o) => o.trials.map(({ id, status, pruned, validation, history, metrics }) => ({ id, status, pruned, validation, history, metrics })).sort((a, b) => (a.id < b.id ? -1 : 1)));
      expect(three).toEqual(one);
      expect(resumed).toEqual(one);
      const pruned = runs[0]!.trials.filter((t) => t.status === 'pruned');
      expect(pruned.length, JSON.stringify(prune)).toBeGreaterThan(0);
      expect(runs[0]!.trials.some((t) => t.status === 'done')).toBe(true);
      for (const t of pruned) {
        // Stopped at the epoch of its verdict, judged on the validation F1, never an error.
        expect(t.error).toBeUndefined();
        expect(t.history).toHaveLength(t.pruned!.epoch);
        expect(t.pruned).toMatchObject({ rule: Object.keys(prune)[0], metric: 'f1' });
        expect(t.validation!.metric).toBe('f1');
        expect(t.validation!.values).toHaveLength(t.pruned!.epoch);
        expect(t.history.every((h) => h.valLoss !== undefined)).toBe(true);
      }
    }
  });

  it('prunes TPE\'s trials too, each in its place in the order they were proposed, the same with 1 and 3 workers', async () => {
    const file = (name: string) => ({
      name,
      train: { epochs: 3 },
      tpe: { trials: 6, startupTrials: 2, batch: 2, samplerSeed: 3, lr: { logUniform: [1e-7, 0.1] } },
      metric: 'f1',
      prune: { median: { startupTrials: 1 } },
    });
    const one = await runEmbedded(spec(file('tpe-prune-1')), { workers: 1, stateRoot: tmp.dir, trialScript });
    const three = await runEmbedded(spec(file('tpe-prune-3')), { workers: 3, stateRoot: tmp.dir, trialScript });
    const view = (o: typeof one) => o.trials.map(({ id, status, pruned, validation }) => ({ id, status, pruned, validation }));
    expect(view(three)).toEqual(view(one));
    expect(one.trials).toHaveLength(6);
    expect(one.trials.some((t) => t.status === 'pruned')).toBe(true);
    expect(one.trials.every((t) => t.validation?.values.length === t.history.length)).toBe(true);
  });

  it('refuses (exit 2, naming the field) a pruner on a metric the task does not measure', async () => {
    const file = { name: 'prune-rmse', train: { epochs: 2 }, grid: { lr: [0.01] }, metric: 'rmse', prune: { median: {} } };
    await expect(runEmbedded(spec(file), { workers: 1, stateRoot: tmp.dir, trialScript })).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringMatching(/^metric: the sweep prunes on 'rmse', which this task does not measure on its validation split \(it measures: accuracy, /),
    });
    expect(new SweepState(tmp.dir, 'prune-rmse').records().size).toBe(0);
  });
});

describe('runEmbedded: failures', () => {
  it('keeps a failed trial on resume, runs it again with retryFailed, and allFailed() says when nothing else is left', async () => {
    const file = { name: 'retry', train: { epochs: 1 }, grid: { seed: [1] } };
    const first = await runEmbedded(spec(file), { workers: 1, stateRoot: tmp.dir, trialScript });
    const state = new SweepState(tmp.dir, 'retry');
    // As if the trial had failed for a reason outside it (a file missing then, a machine out of memory).
    state.save({ ...first.trials[0]!, status: 'failed', metrics: undefined, error: 'ENOENT: no such file' });
    const kept = await runEmbedded(spec(file), { workers: 1, stateRoot: tmp.dir, trialScript });
    expect(kept.trials.map((t) => t.status)).toEqual(['failed']);
    expect(allFailed(kept)).toBe("every trial of sweep 'retry' failed (1; the first: ENOENT: no such file)");
    const again = await runEmbedded(spec(file), { workers: 1, stateRoot: tmp.dir, trialScript, retryFailed: true });
    expect(again.trials.map((t) => t.status)).toEqual(['done']);
    expect(again.trials[0]!.metrics).toEqual(first.trials[0]!.metrics);
    expect(allFailed(again)).toBeUndefined();
  });
});

describe('SweepState', () => {
  it('takes a sweep name, never a path', () => {
    for (const name of ['../../etc', '/etc', 'a/b', '..', '', '.hidden']) {
      expect(() => new SweepState(tmp.dir, name)).toThrow(/is not a sweep name: letters, digits/);
    }
    expect(new SweepState(tmp.dir, 'ok_name-1').dir).toBe(join(tmp.dir, 'ok_name-1'));
  });
});

describe('runEmbedded: the backend', () => {
  const nativeHere = checkNativeAvailability();
  if (!nativeHere.available) console.warn(`skipping the native sweep test: ${nativeHere.reason}`);

  it("'auto' (the default) is resolved once: every trial runs on the same backend and records it, as train() would run it", async () => {
    const out = await runEmbedded(spec({ name: 'auto', train: { epochs: 1 }, grid: { seed: [1, 2] } }), { workers: 2, stateRoot: tmp.dir, trialScript });
    const expected = nativeHere.available ? 'native' : 'wasm';
    expect(out.trials.map((t) => t.backend)).toEqual([expected, expected]);
    expect((await train({ epochs: 1, seed: 1 })).backend).toBe(expected);
  });

  it.skipIf(!nativeHere.available)("backend 'native' runs its trials on native, to train()'s numbers there", async () => {
    const out = await runEmbedded(spec({ name: 'native', train: { epochs: 2, backend: 'native', threads: 1 }, grid: { lr: [0.01, 0.001] } }), {
      workers: 2,
      stateRoot: tmp.dir,
      trialScript,
    });
    expect(out.trials.map((t) => [t.status, t.backend])).toEqual([['done', 'native'], ['done', 'native']]);
    for (const t of out.trials) {
      const direct = await train({ epochs: 2, backend: 'native', lr: t.params.lr as number });
      expect(t.metrics).toEqual(trialMetrics(direct));
    }
    // The report names the backend of each trial, and says so when trials ran on more than one.
    const mixed = { ...out, trials: [out.trials[0]!, { ...out.trials[1]!, backend: 'wasm' }] };
    expect(renderReport(out)).not.toMatch(/ran on \d+ backends/);
    expect(renderReport(mixed)).toMatch(/The trials ran on 2 backends<\/b> \(native: 1, wasm: 1\)/);
  });
});
