import type { Job, Queue } from 'bullmq';
import type { TempFileRegistry } from '@lrkit/io';
import { outcomeOf, type SweepEvent, type SweepOutcome } from '../embedded';
import { SweepFailure, SweepInputError } from '../errors';
import { expandTrials, type Trial } from '../expand';
import { openTpeStudy, uniqueTrials } from '../sample/tpe/study';
import type { SweepSpec } from '../parse';
import { MAX_ATTEMPTS } from '../pool';
import { DEFAULT_STATE_ROOT, SweepState } from '../state';
import type { TrialRecord } from '../trial';
import { jobId, openQueue, openQueueEvents, parseQueueUrl, probeQueue, showUrl, type QueueTarget } from './connection';
import { enqueueOrder, orderJobId } from './prune-board';
import { pruningOf } from '../prune/board';
import { startQueueWorker, type RunningWorker, type TrialJobData, type TrialProgress } from './worker';

export interface DistributedOptions {
  queue: string;
  /** Trials this process runs itself (a queue worker beside the coordinator); 0: coordinate only. */
  workers: number;
  stateRoot?: string;
  onEvent?: (event: SweepEvent) => void;
  trialScript?: string;
  lockMs?: number;
  /** How often the coordinator reads every unfinished trial's job beside following the server's events (ms, default POLL_MS). */
  pollMs?: number;
  /** How long a server may not answer before the sweep fails (ms, default SERVER_TIMEOUT_MS). */
  serverTimeoutMs?: number;
  /** Enqueue the trials whose jobs failed (or whose records say failed) again; default: keep them. */
  retryFailed?: boolean;
  /** Where the state's temporary files and lock are registered, so that a signal's clean-up removes them. */
  tempFiles?: TempFileRegistry;
}

/** A finished job as a record: its return value, or the error of its last attempt. */
function recordOf(job: Job, state: string): TrialRecord | undefined {
  const data = job.data as TrialJobData;
  if (state === 'completed') return job.returnvalue as TrialRecord;
  if (state === 'failed') return { id: data.request.id, params: data.request.params, status: 'failed', history: [], error: `${job.failedReason} (after ${job.attemptsMade} attempts)` };
  return undefined;
}

/**
 * How long the coordinator waits for a server that stopped answering before it gives up (exit 1): a
 * restart takes a second or two; a server still gone after this is not coming back soon.
 */
export const SERVER_TIMEOUT_MS = 15_000;

/**
 * How often the coordinator reads every unfinished trial's job although the server's events tell it of
 * each (ms): a safety net for events missed while a connection was down, and how soon a job the server
 * lost (a restart without its data) is enqueued again.
 */
export const POLL_MS = 5000;

/** While the server does not answer, how soon the coordinator tries again. */
const RETRY_MS = 500;

/** Closing talks to the server once more: a lost one gets this long, not another SERVER_TIMEOUT_MS. */
const CLOSE_TIMEOUT_MS = 2000;

/** `work`, or a rejection once `ms` have passed: a server that accepts a command and never answers is lost too. */
async function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${ms / 1000} s`)), ms)));
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Where a sweep prunes: its rule and order, which every trial's job carries. */
type PruneData = Pick<TrialJobData, 'pruning' | 'order'>;

/** A trial's job: what the coordinator enqueues, and enqueues again when the server lost it. */
function jobOf(spec: SweepSpec, t: Trial, ordinal: number, prune: PruneData | undefined) {
  return {
    name: 'trial',
    data: { sweep: spec.name, metric: spec.metric, mode: spec.mode, request: { id: t.id, params: t.params, config: t.config, ...(t.refused !== undefined ? { refused: t.refused } : {}) }, ...(prune ? { ...prune, ordinal } : {}) } satisfies TrialJobData,
    // Where the sweep prunes, a trial waits at its rungs for the trials before it: they are taken first
    // (BullMQ's priority, lower first), also when a dead worker's trial is given back.
    opts: { jobId: jobId(spec.name, t.id), attempts: MAX_ATTEMPTS, removeOnComplete: false, removeOnFail: false, ...(prune ? { priority: ordinal + 1 } : {}) },
  };
}

/** A job's state and, once finished, its record; the job is undefined when the server no longer has it. */
async function readJob(queue: Queue, id: string): Promise<{ job: Job | undefined; state: string }> {
  const job = await queue.getJob(id);
  return { job, state: job ? await job.getState() : 'missing' };
}

/**
 * The coordinator of a distributed sweep: enqueues every trial (ids from settings, so a restarted
 * coordinator enqueues nothing twice), optionally runs trials itself, and collects each trial's result
 * once, keeping them on disk as the embedded runner does. A server that restarted without its data (the
 * jobs are gone) gets the unfinished trials again, each at most MAX_ATTEMPTS times in all ('requeued'
 * event); a server that stops answering for `serverTimeoutMs` (default SERVER_TIMEOUT_MS) ends the sweep
 * with a SweepFailure naming it and what was kept.
 */
export async function runDistributed(spec: SweepSpec, options: DistributedOptions): Promise<SweepOutcome> {
  // The coordinator enqueues a TPE sweep a batch at a time: trials chosen one at a time as workers free up
  // would need the coordinator to hear of each worker; batches give every worker the same trials anyway.
  if (spec.tpe && spec.tpe.batch === undefined) {
    throw new SweepInputError(`sweep '${spec.name}': tpe on a queue needs "batch": n in its tpe block (n trials enqueued at a time, each chosen from the batches before), or runs on this machine without --queue`);
  }
  const target = parseQueueUrl(options.queue);
  await probeQueue(target);
  // One coordinator per state folder (its lock): two would both write every record.
  const state = new SweepState(options.stateRoot ?? DEFAULT_STATE_ROOT, spec.name, options.tempFiles);
  const lock = state.lock();
  try {
    return await coordinate(spec, options, target, state);
  } finally {
    lock.release();
  }
}

async function coordinate(spec: SweepSpec, options: DistributedOptions, target: QueueTarget, state: SweepState): Promise<SweepOutcome> {
  const tpe = spec.tpe ? openTpeStudy(spec, state) : undefined;
  const trials = tpe ? uniqueTrials(tpe.study.sequence) : expandTrials(spec);
  if (!tpe) state.writeManifest({ spec, trials: trials.map(({ id, params }) => ({ id, params })) });
  const emit = options.onEvent ?? (() => undefined);
  const timeout = options.serverTimeoutMs ?? SERVER_TIMEOUT_MS;
  const queue: Queue = openQueue(target);
  const events = openQueueEvents(target);
  // BullMQ prints a connection error nobody listens for; the last one says why the connection was lost.
  let connectionError: Error | undefined;
  queue.on('error', (e: Error) => (connectionError = e));
  events.on('error', (e: Error) => (connectionError = e));
  let worker: RunningWorker | undefined;
  const collected = new Map<string, TrialRecord>();
  const enqueued = new Map<string, number>();
  const pruning = pruningOf(spec, trials.map((t) => t.config));
  // The pruning order is the trials' order; TPE appends its batches, each enqueued with the order so far
  // (every earlier order job is a prefix of the later ones, so a trial's earlier trials are in its own).
  const ordinals = new Map<string, number>();
  const enqueue = async (some: Trial[]) => {
    for (const t of trials) if (!ordinals.has(t.id)) ordinals.set(t.id, ordinals.size);
    const order = pruning ? orderJobId(spec.name, trials.map((t) => t.id)) : undefined;
    const prune = pruning && order ? { pruning, order } : undefined;
    if (order) await within(timeout, enqueueOrder(target, order, trials));
    await within(timeout, queue.addBulk(some.map((t) => jobOf(spec, t, ordinals.get(t.id)!, prune))));
    for (const t of some) enqueued.set(t.id, (enqueued.get(t.id) ?? 0) + 1);
  };
  const lost = (e: unknown, since: string) =>
    new SweepFailure(`lost ${showUrl(options.queue)} (${since}): ${(connectionError ?? (e as Error)).message}; kept ${collected.size} of ${trials.length} trials in ${state.dir}`);
  try {
    try {
      if (options.retryFailed) await retryFailedJobs(queue, spec, trials, timeout);
      await enqueue(trials);
    } catch (e) {
      throw lost(e, 'while enqueueing');
    }
    if (options.workers > 0) {
      worker = await startQueueWorker({ queue: options.queue, concurrency: options.workers, ...(options.trialScript ? { trialScript: options.trialScript } : {}), ...(options.lockMs ? { lockMs: options.lockMs } : {}) });
    }
    let started = false;
    const seen = new Map<string, string>();
    let refused: SweepInputError | undefined;
    /** What a job says of its trial: its record once finished (kept once), else its start and epochs. */
    const follow = (t: Trial, job: Job, jobState: string) => {
      const record = recordOf(job, jobState);
      if (record) {
        if (collected.has(t.id)) return;
        // A trial that could not use the file's settings says which field: the sweep stops, nothing kept of it.
        if (record.inputField) refused ??= new SweepInputError(`${record.inputField}: ${record.error}`);
        else state.save(record);
        collected.set(t.id, record);
        if (started && !record.inputField) emit({ type: 'trial-end', record });
        return;
      }
      const progress = job.progress as TrialProgress | number | undefined;
      if (started && jobState === 'active' && !seen.has(t.id)) emit({ type: 'trial-start', id: t.id });
      if (started && progress && typeof progress === 'object' && seen.get(t.id) !== `${progress.epoch}`) {
        emit({ type: 'epoch', id: t.id, log: progress });
        seen.set(t.id, `${progress.epoch}`);
      } else if (jobState === 'active' && !seen.has(t.id)) seen.set(t.id, '');
    };
    // The server tells of each trial as it starts, reports an epoch and finishes (BullMQ's QueueEvents):
    // one read of that job then, instead of reading every trial's job every half second.
    const byJob = new Map(trials.map((t) => [jobId(spec.name, t.id), t]));
    let wake: () => void = () => undefined;
    const onEvent = ({ jobId: id }: { jobId: string }) => {
      const t = byJob.get(id);
      if (!t || collected.has(t.id)) return;
      // A read that fails (the server going away) is left to the next pass, which says so.
      readJob(queue, id).then(({ job, state: s }) => job && (follow(t, job, s), collected.size === trials.length || refused ? wake() : undefined), () => undefined);
    };
    for (const name of ['active', 'progress', 'completed', 'failed'] as const) events.on(name, onEvent);
    await within(timeout, events.waitUntilReady()).catch((e: unknown) => {
      throw lost(e, 'while subscribing to its events');
    });
    let failingSince: number | undefined;
    // TPE: once every trial so far is collected, the next batch, chosen from them all.
    const nextBatch = async () => {
      const fresh: Trial[] = [];
      for (let i = 0; i < spec.tpe!.batch! && tpe!.study.sequence.length < tpe!.study.budget; i++) {
        const t = tpe!.study.sampleNext(collected)!;
        if (!trials.some((u) => u.id === t.id) && !fresh.some((u) => u.id === t.id)) fresh.push(t);
      }
      tpe!.save();
      trials.push(...fresh);
      for (const t of fresh) byJob.set(jobId(spec.name, t.id), t);
      await enqueue(fresh);
    };
    const more = () => tpe !== undefined && tpe.study.sequence.length < tpe.study.budget;
    // A pass over the unfinished trials: at the start (what finished before the events were followed), then
    // every pollMs as a safety net (events missed while reconnecting) and to find jobs the server lost.
    while ((collected.size < trials.length || more()) && !refused) {
      if (more() && collected.size === trials.length) {
        try {
          await nextBatch();
        } catch (e) {
          if (e instanceof SweepInputError) throw e;
          throw lost(e, 'while enqueueing');
        }
      }
      const gone: Trial[] = [];
      try {
        for (const t of trials) {
          if (collected.has(t.id)) continue;
          const { job, state: jobState } = await within(timeout, readJob(queue, jobId(spec.name, t.id)));
          if (job) follow(t, job, jobState);
          else gone.push(t);
        }
        if (gone.length > 0) {
          const spent = gone.find((t) => (enqueued.get(t.id) ?? 0) >= MAX_ATTEMPTS);
          if (spent) throw new SweepFailure(`the job of trial ${spent.id} was lost from ${showUrl(options.queue)} ${MAX_ATTEMPTS} times (does the server keep its data? see the README's Redis settings); kept ${collected.size} of ${trials.length} trials in ${state.dir}`);
          await enqueue(gone);
          for (const t of gone) seen.delete(t.id);
          emit({ type: 'requeued', ids: gone.map((t) => t.id), reason: `their jobs were gone from ${showUrl(options.queue)} (the server restarted without its data?)` });
        }
        failingSince = undefined;
      } catch (e) {
        if (e instanceof SweepFailure || e instanceof SweepInputError) throw e;
        // A server restarting is down for a moment: try again until it has been gone for `timeout`.
        failingSince ??= Date.now();
        if (Date.now() - failingSince >= timeout) throw lost(e, `no answer for ${Math.round((Date.now() - failingSince) / 1000)} s`);
      }
      if (!started && failingSince === undefined) {
        // The first pass only finds what earlier runs finished.
        emit({ type: 'start', trials, finished: collected.size, ...(spec.tpe ? { total: spec.tpe.trials } : {}) });
        started = true;
      }
      if ((collected.size < trials.length || more()) && !refused) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, failingSince === undefined ? (options.pollMs ?? POLL_MS) : RETRY_MS);
          wake = () => (clearTimeout(timer), resolve());
        });
      }
    }
    if (refused) throw refused;
  } finally {
    // A lost server cannot take a QUIT: closing must not replace the error that says so.
    await worker?.close().catch(() => undefined);
    // disconnect() stops the reconnecting; its promise waits for an 'end' a dead server may never give.
    for (const q of [events, queue]) await within(Math.min(timeout, CLOSE_TIMEOUT_MS), q.close()).catch(() => void q.disconnect().catch(() => undefined));
  }
  return outcomeOf(spec, trials, collected);
}

/** --retry-failed: the trials whose jobs failed, or completed with a failed record, are removed to be enqueued afresh. */
async function retryFailedJobs(queue: Queue, spec: SweepSpec, trials: Trial[], timeout: number): Promise<void> {
  for (const t of trials) {
    const { job, state } = await within(timeout, readJob(queue, jobId(spec.name, t.id)));
    if (job && recordOf(job, state)?.status === 'failed') await within(timeout, job.remove());
  }
}

/** `sweep status NAME --queue URL`: the sweep's trials as the queue has them. */
export async function distributedStatus(name: string, options: { queue: string; stateRoot?: string }): Promise<{ outcome: SweepOutcome; pending: number; running: number }> {
  const target = parseQueueUrl(options.queue);
  await probeQueue(target);
  const queue = openQueue(target);
  try {
    const states = ['completed', 'failed', 'active', 'waiting', 'delayed', 'prioritized', 'waiting-children'] as const;
    const records = new Map<string, TrialRecord>();
    const trials: { id: string }[] = [];
    let running = 0;
    let first: TrialJobData | undefined;
    for (const s of states) {
      for (const job of await queue.getJobs([s])) {
        const data = job.data as TrialJobData;
        if (data.sweep !== name) continue;
        first ??= data;
        trials.push({ id: data.request.id });
        const record = recordOf(job, s);
        if (record) records.set(record.id, record);
        if (s === 'active') running += 1;
      }
    }
    if (!first) throw new SweepInputError(`no sweep '${name}' on ${showUrl(options.queue)}`);
    const spec = { name, metric: first.metric, mode: first.mode } as SweepSpec;
    const outcome = outcomeOf(spec, trials, records);
    return { outcome, pending: trials.length - records.size, running };
  } finally {
    await queue.close();
  }
}
