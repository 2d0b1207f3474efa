import { afterAll, describe, expect, it } from 'vitest';
import type { Job, Processor, Worker } from 'bullmq';
import { openWorker, parseQueueUrl, probeQueue } from './distributed/connection';
import { runDistributed } from './distributed/coordinator';
import { startQueueWorker, type RunningWorker, type TrialJobData } from './distributed/worker';
import { runEmbedded } from './embedded';
import { startPostgres, startRedis } from './testing';
import { spec, tempDir, trialScript } from './test-support';
import type { TrialRecord } from './trial';

const tmp = tempDir('lrkit-dead-');
afterAll(() => tmp.remove());

// Trials 1 and 2 are judged at each epoch against the trials before them: they wait for trial 0.
const file = { name: 'dead', train: { epochs: 3 }, grid: { lr: [0.05, 1e-7, 0.02] }, metric: 'f1', prune: { median: { startupTrials: 1 } } };
const pruning = ({ id, status, pruned, validation, history, metrics }: TrialRecord) => ({ id, status, pruned, validation, history, metrics });

describe.each([
  ['redis', startRedis],
  ['postgres', startPostgres],
] as const)('on %s, a worker that dies for good with the earliest trial, the other slots taken by trials waiting for it', (kind, start) => {
  it('the waiting trials give their jobs back, the trial runs, and the same trials are pruned as with one embedded worker', async (ctx) => {
    const started = await start();
    if (!started.server) {
      console.log(`skipped: ${kind} tests: ${started.skip}`);
      return ctx.skip();
    }
    const local = await runEmbedded(spec(file), { workers: 1, stateRoot: `${tmp.dir}/local-${kind}`, trialScript });
    expect(local.trials.some((t) => t.status === 'pruned')).toBe(true);
    const url = started.server.url;
    // The dead worker takes the first trial's job and never renews its lock, as a machine switched off.
    await probeQueue(parseQueueUrl(url));
    const dead = openWorker(parseQueueUrl(url), null as unknown as Processor, { autorun: false, lockDuration: 1000 }) as Worker;
    let taken: Job | undefined;
    let live: Promise<RunningWorker> | undefined;
    const lines: string[] = [];
    try {
      const sweep = runDistributed(spec(file), {
        queue: url,
        workers: 0,
        stateRoot: `${tmp.dir}/queue-${kind}`,
        pollMs: 200,
        onEvent: (e) => {
          if (e.type !== 'start') return;
          // Then one live worker whose two slots take the two later trials.
          live = dead.getNextJob('dead-token').then((job) => {
            taken = job;
            return startQueueWorker({ queue: url, concurrency: 2, lockMs: 1000, trialScript, log: (l) => lines.push(l) });
          });
        },
      });
      sweep.catch(() => undefined);
      let timer: NodeJS.Timeout | undefined;
      const stuck = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('deadlocked: no trial ran for 60 s')), 60_000)));
      const out = await Promise.race([sweep, stuck]).finally(() => clearTimeout(timer));
      expect((taken?.data as TrialJobData | undefined)?.ordinal).toBe(0);
      expect(out.trials.map(pruning)).toEqual(local.trials.map(pruning));
      expect(lines.some((l) => / gave its job back: the earlier trial \w+ it waits for is not running anywhere$/.test(l))).toBe(true);
    } finally {
      // A worker whose trials wait forever (the deadlock) never closes: bounded, so the test reports it.
      await Promise.race([(await live)?.close(), new Promise((r) => setTimeout(r, 5000))]);
      await dead.close(true);
      await started.server.stop();
    }
  }, 120_000);
});
