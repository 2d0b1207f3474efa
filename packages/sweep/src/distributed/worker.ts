import { WaitingError, type Job } from 'bullmq';
import { SweepInputError } from '../errors';
import { MAX_ATTEMPTS, TrialProcess } from '../pool';
import { judge, type Pruning } from '../prune/board';
import type { SweepSpec } from '../parse';
import type { TrialRecord, TrialRequest } from '../trial';
import { jobId, openQueue, openWorker, ORDER_QUEUE_NAME, parseQueueUrl, probeQueue, showUrl } from './connection';
import { GiveBack, QueueBoard } from './prune-board';

/** What a trial's job carries: the trial, and what its sweep needs to rank and prune. */
export interface TrialJobData {
  sweep: string;
  metric: SweepSpec['metric'];
  mode: SweepSpec['mode'];
  request: TrialRequest;
  /** Where the sweep prunes: its rule (defaults filled in by the coordinator), its order job and the trial's place in it. */
  pruning?: Pruning;
  order?: string;
  ordinal?: number;
}

export interface TrialProgress {
  epoch: number;
  epochs: number;
  loss: number;
  lr: number;
  /** Where the sweep prunes: the trial's values so far (the pruning board reads them). */
  values?: number[];
}

/** BullMQ's default lock: a killed worker's trial goes back to the queue once its lock runs out. */
export const DEFAULT_LOCK_MS = 30_000;

export interface QueueWorkerOptions {
  queue: string;
  /** Trials at once, each in its own child process. */
  concurrency: number;
  /** Lock duration and stalled-job check interval, ms (default 30 s): how soon a dead worker's trial is given back. */
  lockMs?: number;
  log?: (line: string) => void;
  trialScript?: string;
}

export interface RunningWorker {
  close(): Promise<void>;
}

/**
 * A BullMQ worker that runs trials from the queue in child processes (the event loop stays free to renew
 * job locks). A trial that fails to train is a result (status 'failed', its error): not retried. A trial
 * process that dies makes the job fail this attempt, and BullMQ retries it, MAX_ATTEMPTS in all; a worker
 * killed outright leaves its jobs' locks to expire, and the stalled-job check gives them to another worker.
 */
export async function startQueueWorker(options: QueueWorkerOptions): Promise<RunningWorker> {
  const target = parseQueueUrl(options.queue);
  await probeQueue(target);
  const log = options.log ?? (() => undefined);
  const idle: TrialProcess[] = [];
  const lockMs = options.lockMs ?? DEFAULT_LOCK_MS;
  const trials = openQueue(target);
  const orders = openQueue(target, ORDER_QUEUE_NAME);
  // One board per sweep order, kept while the worker runs: what it learnt of ended trials stays true.
  const boards = new Map<string, Promise<QueueBoard>>();
  const boardOf = (data: TrialJobData & { order: string }) => {
    let board = boards.get(data.order);
    if (!board) {
      board = orders.getJob(data.order).then((job) => {
        if (!job) throw new Error(`the order of sweep '${data.sweep}' is gone from the queue`);
        return new QueueBoard(trials, (job.data as { ids: string[] }).ids, (id) => jobId(data.sweep, id));
      });
      board.catch(() => boards.delete(data.order!));
      boards.set(data.order, board);
    }
    return board;
  };
  const processor = async (job: Job, token?: string): Promise<TrialRecord> => {
    const data = job.data as TrialJobData;
    const prune = data.pruning && data.order !== undefined && data.ordinal !== undefined ? { pruning: data.pruning, order: data.order, slot: { ordinal: data.ordinal, id: data.request.id } } : undefined;
    let proc = idle.pop();
    while (proc && !proc.alive) proc = idle.pop();
    proc ??= new TrialProcess(options.trialScript);
    log(`trial ${data.request.id} of ${data.sweep} started (attempt ${job.attemptsMade + 1})`);
    let givenBack: GiveBack | undefined;
    try {
      const request = { ...data.request, ...(prune ? { prune: { metric: prune.pruning.metric } } : {}) };
      const record = await proc.run(request, async (e, values) => {
        const progress: TrialProgress = { epoch: e.epoch, epochs: e.epochs, loss: e.loss, lr: e.lr, ...(values ? { values: [...values] } : {}) };
        if (!prune || !values) {
          job.updateProgress(progress).catch(() => undefined);
          return null;
        }
        // The values go on the queue before the trial waits for the earlier ones: a later trial may be waiting for them.
        await job.updateProgress(progress);
        try {
          return await judge(prune.pruning, await boardOf({ ...data, order: prune.order }), prune.slot, [...values]);
        } catch (err) {
          if (err instanceof GiveBack) givenBack = err;
          throw err;
        }
      });
      idle.push(proc);
      log(`trial ${record.id} of ${data.sweep} ${record.status}`);
      return record;
    } catch (e) {
      proc.kill();
      if (givenBack) {
        log(`trial ${data.request.id} of ${data.sweep} ${givenBack.message}`);
        // Back to the queue, not a failed attempt; its priority (its place in the order) puts it behind the
        // earlier trial, which this slot takes next. It runs again from the start later, to the same values.
        await job.moveToWait(token);
        throw new WaitingError();
      }
      log(`trial ${data.request.id} of ${data.sweep}: ${(e as Error).message}`);
      throw e;
    }
  };
  const worker = openWorker(target, processor, {
    concurrency: options.concurrency,
    lockDuration: lockMs,
    stalledInterval: lockMs,
    // A trial given back twice (its workers killed) still gets a third run.
    maxStalledCount: MAX_ATTEMPTS - 1,
  });
  worker.on('error', (e) => log(`worker error: ${e.message}`));
  await worker.waitUntilReady();
  log(`worker on ${showUrl(options.queue)}: ${options.concurrency} trial${options.concurrency === 1 ? '' : 's'} at once`);
  return {
    async close() {
      await worker.close();
      for (const p of idle) p.close();
      await Promise.all([trials.close(), orders.close()]);
    },
  };
}

/** How often a worker started with `waitMs` looks for a sweep on the queue. */
const WAIT_POLL_MS = 1000;

/**
 * `lrkit sweep worker`: refuses a queue that holds no sweep (pointed at the wrong server?), unless told to
 * wait for one (`waitMs`: a worker started before its sweep, as a W&B agent waits; Infinity: until
 * stopped); then runs trials until `options.stop` aborts, finishing the current ones. Stopped while
 * waiting, it returns at once.
 */
export async function runQueueWorker(
  options: QueueWorkerOptions & {
    /** Aborted when the worker should finish its running trials and stop. */ stop: AbortSignal;
    /** How long to wait for a sweep on an empty queue (ms; Infinity: until stopped); absent: refuse at once. */ waitMs?: number;
  },
): Promise<void> {
  const target = parseQueueUrl(options.queue);
  await probeQueue(target);
  const queue = openQueue(target);
  const since = Date.now();
  try {
    for (let said = false; ; said = true) {
      const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'completed', 'failed', 'waiting-children');
      if (Object.values(counts).some((n) => n > 0)) break;
      const left = (options.waitMs ?? 0) - (Date.now() - since);
      if (options.waitMs === undefined) throw new SweepInputError(`--queue: no sweep on ${showUrl(options.queue)}: start one first (lrkit sweep run FILE --queue ${showUrl(options.queue)}), or start the worker with --wait`);
      if (left <= 0) throw new SweepInputError(`--wait: no sweep on ${showUrl(options.queue)} after ${Math.round(options.waitMs / 1000)} s`);
      if (options.stop.aborted) return;
      if (!said) options.log?.(`waiting for a sweep on ${showUrl(options.queue)}${Number.isFinite(options.waitMs) ? ` (at most ${Math.round(options.waitMs / 1000)} s)` : ''}; Ctrl-C stops`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, Math.min(WAIT_POLL_MS, left));
        function done() {
          clearTimeout(timer);
          options.stop.removeEventListener('abort', done);
          resolve();
        }
        options.stop.addEventListener('abort', done, { once: true });
      });
      if (options.stop.aborted) return;
    }
  } finally {
    await queue.close();
  }
  const worker = await startQueueWorker(options);
  await new Promise<void>((resolve) => {
    if (options.stop.aborted) resolve();
    else options.stop.addEventListener('abort', () => resolve(), { once: true });
  });
  await worker.close();
}
