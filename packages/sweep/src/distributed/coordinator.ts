import type { Job, Queue } from 'bullmq';
import type { TempFileRegistry } from '@lrkit/io';
import { outcomeOf, type SweepEvent, type SweepOutcome } from '../embedded';
import { SweepInputError } from '../errors';
import { expandTrials } from '../expand';
import type { SweepSpec } from '../parse';
import { MAX_ATTEMPTS } from '../pool';
import { DEFAULT_STATE_ROOT, SweepState } from '../state';
import type { TrialRecord } from '../trial';
import { openQueue, parseQueueUrl, probeQueue, showUrl, type QueueTarget } from './connection';
import { startQueueWorker, type RunningWorker, type TrialJobData, type TrialProgress } from './worker';

export interface DistributedOptions {
  queue: string;
  /** Trials this process runs itself (a queue worker beside the coordinator); 0: coordinate only. */
  workers: number;
  stateRoot?: string;
  onEvent?: (event: SweepEvent) => void;
  trialScript?: string;
  lockMs?: number;
  /** How often the coordinator reads the trials' states (ms, default 500). */
  pollMs?: number;
  /** Where the state's temporary files and lock are registered, so that a signal's clean-up removes them. */
  tempFiles?: TempFileRegistry;
}

/** A trial's job id: the sweep's name and the trial's id (from its settings), so adding it again is a no-op. */
export function jobId(sweep: string, trial: string): string {
  return `${sweep}-${trial}`;
}

/** A finished job as a record: its return value, or the error of its last attempt. */
function recordOf(job: Job, state: string): TrialRecord | undefined {
  const data = job.data as TrialJobData;
  if (state === 'completed') return job.returnvalue as TrialRecord;
  if (state === 'failed') return { id: data.request.id, params: data.request.params, status: 'failed', history: [], error: `${job.failedReason} (after ${job.attemptsMade} attempts)` };
  return undefined;
}

/** The connection went away mid-sweep: an environment failure (exit 1), saying what was kept. */
class LostConnection extends Error {}

/**
 * The coordinator of a distributed sweep: enqueues every trial (ids from settings, so a restarted
 * coordinator enqueues nothing twice), optionally runs trials itself, and collects each trial's result
 * once, keeping them on disk as the embedded runner does.
 */
export async function runDistributed(spec: SweepSpec, options: DistributedOptions): Promise<SweepOutcome> {
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
  const trials = expandTrials(spec);
  state.writeManifest({ spec, trials: trials.map(({ id, params }) => ({ id, params })) });
  const emit = options.onEvent ?? (() => undefined);
  const queue: Queue = openQueue(target);
  // BullMQ prints a connection error nobody listens for; the last one says why the connection was lost.
  let connectionError: Error | undefined;
  queue.on('error', (e: Error) => (connectionError = e));
  let worker: RunningWorker | undefined;
  const collected = new Map<string, TrialRecord>();
  try {
    await queue.addBulk(
      trials.map((t) => ({
        name: 'trial',
        data: { sweep: spec.name, metric: spec.metric, mode: spec.mode, request: { id: t.id, params: t.params, config: t.config }, ...(spec.prune ? { prune: spec.prune } : {}) } satisfies TrialJobData,
        opts: { jobId: jobId(spec.name, t.id), attempts: MAX_ATTEMPTS, removeOnComplete: false, removeOnFail: false },
      })),
    );
    if (options.workers > 0) {
      worker = await startQueueWorker({ queue: options.queue, concurrency: options.workers, ...(options.trialScript ? { trialScript: options.trialScript } : {}), ...(options.lockMs ? { lockMs: options.lockMs } : {}) });
    }
    let started = false;
    const seen = new Map<string, string>();
    while (collected.size < trials.length) {
      for (const t of trials) {
        if (collected.has(t.id)) continue;
        let job: Job | undefined;
        let jobState: string;
        try {
          job = await queue.getJob(jobId(spec.name, t.id));
          jobState = job ? await job.getState() : 'missing';
        } catch (e) {
          throw new LostConnection(`lost the connection to ${showUrl(options.queue)}: ${(connectionError ?? (e as Error)).message}; kept ${collected.size} of ${trials.length} trials in ${state.dir}`);
        }
        if (!job) throw new SweepInputError(`the job of trial ${t.id} is gone from ${showUrl(options.queue)} (was the queue emptied?); run again to enqueue it`);
        const record = recordOf(job, jobState);
        if (record) {
          collected.set(t.id, record);
          state.save(record);
          if (started) emit({ type: 'trial-end', record });
          continue;
        }
        const progress = job.progress as TrialProgress | number | undefined;
        if (started && jobState === 'active' && !seen.has(t.id)) emit({ type: 'trial-start', id: t.id });
        if (started && progress && typeof progress === 'object' && seen.get(t.id) !== `${progress.epoch}`) {
          emit({ type: 'epoch', id: t.id, log: progress });
          seen.set(t.id, `${progress.epoch}`);
        } else if (jobState === 'active' && !seen.has(t.id)) seen.set(t.id, '');
      }
      if (!started) {
        // The first pass only finds what earlier runs finished.
        emit({ type: 'start', trials, finished: collected.size });
        started = true;
      }
      if (collected.size < trials.length) await new Promise((r) => setTimeout(r, options.pollMs ?? 500));
    }
  } finally {
    await worker?.close();
    await queue.close();
  }
  return outcomeOf(spec, trials, collected);
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
