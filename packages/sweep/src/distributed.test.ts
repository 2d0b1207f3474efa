import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDistributed, distributedStatus } from './distributed/coordinator';
import { probeQueue, parseQueueUrl } from './distributed/connection';
import { runQueueWorker } from './distributed/worker';
import { runEmbedded, type SweepEvent, type SweepOutcome } from './embedded';
import { SweepState } from './state';
import { startPostgres, startRedis, type Started } from './testing';
import { spec, tempDir, trialScript } from './test-support';
import type { TrialRecord } from './trial';

const tmp = tempDir('lrkit-dist-');
// 12 trials of one epoch each.
const grid = { name: 'grid12', train: { epochs: 1 }, grid: { lr: [0.1, 0.01, 0.001], seed: [1, 2, 3, 4] } };
let embedded: SweepOutcome;
const numbers = (r: TrialRecord) => ({ id: r.id, params: r.params, status: r.status, metrics: r.metrics, history: r.history });

beforeAll(async () => {
  embedded = await runEmbedded(spec(grid), { workers: 2, stateRoot: `${tmp.dir}/embedded`, trialScript });
});
afterAll(() => tmp.remove());

describe.each([
  ['redis', startRedis],
  ['postgres', startPostgres],
] as const)('a distributed sweep on %s', (kind, start) => {
  let started: Started;
  beforeAll(async () => {
    started = await start();
    if (started.skip) console.log(`skipped: ${kind} tests: ${started.skip}`);
  }, 120_000);
  afterAll(async () => started.server?.stop());

  it('a 12-trial grid finishes with exactly 12 results, bit for bit those of the embedded run', async (ctx) => {
    if (!started.server) return ctx.skip();
    const out = await runDistributed(spec(grid), { queue: started.server.url, workers: 2, stateRoot: `${tmp.dir}/${kind}`, trialScript, pollMs: 200 });
    expect(out.trials).toHaveLength(12);
    expect(new Set(out.trials.map((t) => t.id)).size).toBe(12);
    expect(out.trials.every((t) => t.status === 'done')).toBe(true);
    expect(out.trials.map(numbers)).toEqual(embedded.trials.map(numbers));

    // Running it again enqueues nothing new: the same 12, straight from the queue.
    const again = await runDistributed(spec(grid), { queue: started.server.url, workers: 0, stateRoot: `${tmp.dir}/${kind}-again`, trialScript, pollMs: 200 });
    expect(again.trials.map(numbers)).toEqual(out.trials.map(numbers));
    const status = await distributedStatus('grid12', { queue: started.server.url });
    expect(status.pending).toBe(0);
    expect(status.outcome.trials.map(numbers)).toEqual(out.trials.map(numbers));
  });

  it('prunes the same trials with 3 workers on the queue as the embedded runner with 1, on the validation metric', async (ctx) => {
    if (!started.server) return ctx.skip();
    const file = { name: `prune-${kind}`, train: { epochs: 4 }, grid: { lr: [0.05, 1e-7, 0.02, 3e-7, 0.01, 1e-6] }, metric: 'f1', prune: { median: { startupTrials: 2, warmupEpochs: 1 } } };
    const local = await runEmbedded(spec(file), { workers: 1, stateRoot: `${tmp.dir}/prune-embedded-${kind}`, trialScript });
    const out = await runDistributed(spec(file), { queue: started.server.url, workers: 3, stateRoot: `${tmp.dir}/prune-${kind}`, trialScript, pollMs: 200 });
    const pruning = (r: TrialRecord) => ({ ...numbers(r), pruned: r.pruned, validation: r.validation });
    expect(out.trials.map(pruning)).toEqual(local.trials.map(pruning));
    expect(out.trials.filter((t) => t.status === 'pruned').length).toBeGreaterThan(0);
  }, 120_000);

  it('a pruner on a metric the task does not measure stops the sweep: exit 2 naming the field, no record kept', async (ctx) => {
    if (!started.server) return ctx.skip();
    const file = { name: `rmse-${kind}`, train: { epochs: 2 }, grid: { lr: [0.1] }, metric: 'rmse', prune: { median: {} } };
    await expect(runDistributed(spec(file), { queue: started.server.url, workers: 1, stateRoot: `${tmp.dir}/rmse-${kind}`, trialScript, pollMs: 200 })).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringMatching(/^metric: the sweep prunes on 'rmse', which this task does not measure/),
    });
    expect(new SweepState(`${tmp.dir}/rmse-${kind}`, file.name).records().size).toBe(0);
  }, 60_000);

  it('follows the trials through the server\'s events: done long before its first safety-net pass', async (ctx) => {
    if (!started.server) return ctx.skip();
    const t0 = Date.now();
    const file = { ...grid, name: `events-${kind}`, grid: { lr: [0.1, 0.01], seed: [1, 2] } };
    const out = await runDistributed(spec(file), { queue: started.server.url, workers: 2, stateRoot: `${tmp.dir}/events-${kind}`, trialScript, pollMs: 600_000 });
    expect(out.trials.map((t) => t.status)).toEqual(['done', 'done', 'done', 'done']);
    expect(Date.now() - t0).toBeLessThan(60_000);
  }, 90_000);

  it('runs TPE a batch at a time: the same trials as the embedded run, whatever the workers', async (ctx) => {
    if (!started.server) return ctx.skip();
    const tpe = (name: string) => ({ name, train: { epochs: 1, hidden: [8] }, tpe: { trials: 6, startupTrials: 2, batch: 2, samplerSeed: 3, lr: { logUniform: [1e-4, 0.3] }, 'hidden.0': { int: [4, 32], log: true } } });
    const local = await runEmbedded(spec(tpe(`tpe-local-${kind}`)), { workers: 1, stateRoot: `${tmp.dir}/tpe-${kind}`, trialScript });
    const out = await runDistributed(spec(tpe(`tpe-${kind}`)), { queue: started.server.url, workers: 2, stateRoot: `${tmp.dir}/tpe-${kind}`, trialScript, pollMs: 200 });
    const sequence = (name: string) => {
      const m = new SweepState(`${tmp.dir}/tpe-${kind}`, name).readManifest();
      return m.sequence!.map((id) => m.trials.find((t) => t.id === id)!.params);
    };
    expect(sequence(`tpe-${kind}`)).toHaveLength(6);
    expect(sequence(`tpe-${kind}`)).toEqual(sequence(`tpe-local-${kind}`));
    expect(out.trials.map(numbers)).toEqual(local.trials.map(numbers));
  });

  it('status of a sweep the queue does not hold is an input error', async (ctx) => {
    if (!started.server) return ctx.skip();
    await expect(distributedStatus('nope', { queue: started.server.url })).rejects.toThrow(/no sweep 'nope'/);
  });
});

describe('a Redis that restarts without its data mid-sweep', () => {
  it('the coordinator enqueues the lost trials again and finishes with every result, bit for bit', async (ctx) => {
    const started = await startRedis();
    if (!started.server) {
      console.log(`skipped: ${started.skip}`);
      return ctx.skip();
    }
    const server = started.server;
    try {
      const events: SweepEvent[] = [];
      let restarted: Promise<void> | undefined;
      const out = await runDistributed(spec(grid), {
        queue: server.url,
        workers: 1,
        stateRoot: `${tmp.dir}/restart`,
        trialScript,
        pollMs: 100,
        onEvent: (e) => {
          events.push(e);
          // After the first result, every key is gone: the running trial's job and the waiting ones.
          if (e.type === 'trial-end' && !restarted) restarted = server.restart();
        },
      });
      await restarted;
      const requeued = events.filter((e) => e.type === 'requeued');
      expect(requeued.length).toBeGreaterThan(0);
      expect(requeued[0]).toMatchObject({ reason: expect.stringMatching(/gone from redis:.*restarted without its data/) });
      expect(out.trials.map(numbers)).toEqual(embedded.trials.map(numbers));
    } finally {
      await server.stop();
    }
  }, 60_000);

  it('a server that stays away ends the sweep within the timeout, exit code 1, naming it and what was kept', async (ctx) => {
    const started = await startRedis();
    if (!started.server) {
      console.log(`skipped: ${started.skip}`);
      return ctx.skip();
    }
    const server = started.server;
    const t0 = Date.now();
    const err = await runDistributed(spec({ ...grid, name: 'gone' }), {
      queue: server.url,
      workers: 0,
      stateRoot: `${tmp.dir}/gone`,
      pollMs: 100,
      serverTimeoutMs: 2000,
      onEvent: (e) => e.type === 'start' && void server.stop(),
    }).then(() => undefined, (e: unknown) => e as Error & { exitCode?: number });
    expect(err?.message).toMatch(/^lost redis:\/\/127\.0\.0\.1:\d+\/? \(no answer for \d+ s\): .*kept 0 of 12 trials in /);
    expect(err?.exitCode).toBe(1);
    expect(Date.now() - t0).toBeLessThan(15_000);
  }, 30_000);
});

describe('a worker started before its sweep (--wait)', () => {
  it('waits for the sweep, then runs its trials', async (ctx) => {
    const started = await startRedis();
    if (!started.server) {
      console.log(`skipped: ${started.skip}`);
      return ctx.skip();
    }
    const stop = new AbortController();
    const lines: string[] = [];
    try {
      const worker = runQueueWorker({ queue: started.server.url, concurrency: 2, stop: stop.signal, waitMs: Infinity, trialScript, log: (l) => lines.push(l) });
      await new Promise((r) => setTimeout(r, 1500));
      expect(lines[0]).toMatch(/^waiting for a sweep on redis:.*; Ctrl-C stops$/);
      // A coordinator that runs nothing itself: every trial is the waiting worker's.
      const out = await runDistributed(spec({ ...grid, name: 'late' }), { queue: started.server.url, workers: 0, stateRoot: `${tmp.dir}/late`, pollMs: 100 });
      expect(out.trials.map(numbers)).toEqual(embedded.trials.map(numbers));
      stop.abort();
      await worker;
    } finally {
      stop.abort();
      await started.server.stop();
    }
  }, 60_000);
});

describe('queue URLs', () => {
  it('an unreachable server is an input error within seconds, not a hang', async () => {
    for (const url of ['redis://127.0.0.1:1', 'postgres://u@127.0.0.1:1/db']) {
      const t0 = Date.now();
      const err = await probeQueue(parseQueueUrl(url)).then(() => undefined, (e: unknown) => e as Error & { exitCode?: number });
      expect(err?.message).toMatch(/^--queue: cannot reach .*127\.0\.0\.1:1.*ECONNREFUSED/);
      expect(err?.exitCode).toBe(2);
      expect(Date.now() - t0).toBeLessThan(5000);
    }
  });

  it('a URL that is not redis:// or postgres:// is refused', () => {
    expect(() => parseQueueUrl('http://x')).toThrow("--queue: unsupported scheme 'http:'");
    expect(() => parseQueueUrl('nonsense')).toThrow(/--queue: 'nonsense' is not a URL/);
  });

  it('a worker on an empty queue says there is no sweep', async (ctx) => {
    const started = await startRedis();
    if (!started.server) {
      console.log(`skipped: ${started.skip}`);
      return ctx.skip();
    }
    try {
      await expect(runQueueWorker({ queue: started.server.url, concurrency: 1, stop: new AbortController().signal })).rejects.toThrow(/no sweep on redis:.*or start the worker with --wait$/);
      // --wait with a bound: refused once it has passed; stopped while waiting: returns.
      const t0 = Date.now();
      await expect(runQueueWorker({ queue: started.server.url, concurrency: 1, stop: new AbortController().signal, waitMs: 1500 })).rejects.toThrow(/^--wait: no sweep on redis:.* after 2 s$/);
      expect(Date.now() - t0).toBeGreaterThanOrEqual(1400);
      await runQueueWorker({ queue: started.server.url, concurrency: 1, stop: AbortSignal.timeout(300), waitMs: Infinity });
    } finally {
      await started.server.stop();
    }
  });
});
