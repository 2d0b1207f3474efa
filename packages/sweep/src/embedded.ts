import { availableParallelism } from 'node:os';
import { AUTO_BACKEND } from '@lrkit/core';
import { resolveTrainBackend, trainDefaults, type EpochLog, type TrainConfig } from '@lrkit/train';
import { expandTrials, type Trial } from './expand';
import { openTpeStudy, uniqueTrials } from './sample/tpe/study';
import type { SweepSpec } from './parse';
import { runInProcesses } from './pool';
import { SweepInputError } from './errors';
import { judge, MemoryBoard, pruningOf } from './prune/board';
import { rankTrials } from './rank';
import { DEFAULT_STATE_ROOT, SweepState } from './state';
import type { TrialRecord, TrialRequest } from './trial';
import type { TempFileRegistry } from '@lrkit/io';

export type SweepEvent =
  /** `trials`: those known before any runs (TPE: its random start; `total` is its budget). */
  | { type: 'start'; trials: Trial[]; finished: number; total?: number }
  | { type: 'trial-start'; id: string; params?: Record<string, unknown> }
  | { type: 'epoch'; id: string; log: EpochLog }
  | { type: 'trial-end'; record: TrialRecord }
  /** A distributed sweep enqueued these trials again: the server lost their jobs. */
  | { type: 'requeued'; ids: string[]; reason: string };

export interface SweepOutcome {
  name: string;
  metric: SweepSpec['metric'];
  mode: SweepSpec['mode'];
  /** Every trial of the file once, ranked best first. */
  trials: TrialRecord[];
  best: TrialRecord | undefined;
}

export interface EmbeddedOptions {
  /** Trials run at once, each in a child process; default: the machine's cores. */
  workers?: number;
  /** Default .lrkit/sweeps under the current folder. */
  stateRoot?: string;
  onEvent?: (event: SweepEvent) => void;
  /** The forked trial script (tests running sources point it at dist/). */
  trialScript?: string;
  /** Run the trials recorded as failed again (a failure from outside the trial, now fixed); default: keep them. */
  retryFailed?: boolean;
  /** Where the state's temporary files and lock are registered, so that a signal's clean-up removes them. */
  tempFiles?: TempFileRegistry;
}

/** Whether a resumed sweep runs `record`'s trial again: it has none, or it failed and failures are retried. */
export function needsRun(record: TrialRecord | undefined, retryFailed = false): boolean {
  return record === undefined || (retryFailed && record.status === 'failed');
}

/** The one-line verdict on a sweep whose every trial failed (undefined otherwise): the first trial's error. */
export function allFailed(outcome: Pick<SweepOutcome, 'name' | 'trials'>): string | undefined {
  const { trials } = outcome;
  if (trials.length === 0 || trials.some((t) => t.status !== 'failed')) return undefined;
  return `every trial of sweep '${outcome.name}' failed (${trials.length}; the first: ${trials[0]!.error ?? 'no reason given'})`;
}

/** The outcome of a sweep from its records: each of the file's trials once, ranked. */
export function outcomeOf(spec: SweepSpec, trials: Pick<Trial, 'id'>[], records: Map<string, TrialRecord>): SweepOutcome {
  const mine = trials.map((t) => records.get(t.id)).filter((r): r is TrialRecord => r !== undefined);
  const ranked = rankTrials(mine, spec.metric, spec.mode);
  return { name: spec.name, metric: spec.metric, mode: spec.mode, trials: ranked, best: ranked.find((r) => r.status === 'done') };
}

/**
 * The trial's config as its process runs it: 'auto' (the default backend) replaced by the backend it stands
 * for here, resolved once for the whole sweep, so that every trial runs on the same one and says so in its
 * record (a backend named outright is passed on as it is: where it cannot run, its trials fail with the
 * reason, as train() says); and, where the file sets no `threads`, the cores shared out among the trials that
 * run at once, so that native's thread pools do not oversubscribe the machine (the numbers are the same at any
 * count, and threads are not part of a trial's id).
 */
function asRun(config: TrainConfig, auto: string | undefined, threads: number): TrainConfig {
  const backend = auto !== undefined && (config.backend ?? trainDefaults.backend) === AUTO_BACKEND ? { backend: auto } : {};
  return { ...config, ...backend, threads: config.threads ?? threads };
}

/**
 * A sweep on this machine, no server needed: the trials not yet finished run in child processes, each
 * record saved on disk as it arrives, so a run stopped and started again picks up where it was. The state
 * folder is locked meanwhile: a second run of the sweep into it is refused, naming this one.
 */
export async function runEmbedded(spec: SweepSpec, options: EmbeddedOptions = {}): Promise<SweepOutcome> {
  const state = new SweepState(options.stateRoot ?? DEFAULT_STATE_ROOT, spec.name, options.tempFiles);
  const lock = state.lock();
  try {
    return await runLocked(spec, state, options);
  } finally {
    lock.release();
  }
}

async function runLocked(spec: SweepSpec, state: SweepState, options: EmbeddedOptions): Promise<SweepOutcome> {
  const records = state.records();
  const search = spec.tpe ? tpeSearch(spec, state, records, options.retryFailed) : undefined;
  const trials = search ? search.sequence : expandTrials(spec);
  if (!search) state.writeManifest({ spec, trials: trials.map(({ id, params }) => ({ id, params })) });
  const pending = uniqueTrials(trials).filter((t) => needsRun(records.get(t.id), options.retryFailed));
  const emit = options.onEvent ?? (() => undefined);
  // TPE's trials are chosen as it goes: any of them may run on 'auto'.
  const usesAuto = search !== undefined || pending.some((t) => (t.config.backend ?? trainDefaults.backend) === AUTO_BACKEND);
  const auto = usesAuto ? await resolveTrainBackend(AUTO_BACKEND) : undefined;
  const workers = options.workers ?? availableParallelism();
  const threads = Math.max(1, Math.floor(availableParallelism() / workers));
  emit({ type: 'start', trials: uniqueTrials(trials), finished: uniqueTrials(trials).length - pending.length, ...(spec.tpe ? { total: spec.tpe.trials } : {}) });

  // Where the sweep prunes, the trials' values meet here; the decisions are made here, each trial waiting
  // for its own (see prune/board.ts), from the values of the trials before it in the file's order.
  const pruning = pruningOf(spec, trials.map((t) => t.config));
  const board = pruning ? new MemoryBoard(uniqueTrials(trials).map((t) => t.id)) : undefined;
  const toRun = new Set(pending.map((t) => t.id));
  if (board) for (const t of uniqueTrials(trials)) if (!toRun.has(t.id)) board.end(t.id, records.get(t.id)?.validation?.values ?? []);
  let refused: SweepInputError | undefined;
  let i = 0;
  const next = async (): Promise<TrialRequest | undefined> => {
    if (refused) return undefined;
    const t = pending[i++] ?? (await search?.next());
    // A sampler's new trial comes after every trial before it: its place in the pruning order.
    if (t && board && !board.knows(t.id)) board.add(t.id);
    if (!t) return undefined;
    // A refused trial (make-trial.ts) goes the way of the others: its process records it as failed untrained.
    return { id: t.id, params: t.params, config: asRun(t.config, auto, threads), ...(pruning ? { prune: { metric: spec.metric } } : {}), ...(t.refused !== undefined ? { refused: t.refused } : {}) };
  };
  await runInProcesses(
    next,
    (record) => {
      board?.end(record.id, record.validation?.values ?? []);
      // A trial that could not use the file's settings says which field: the sweep stops, nothing kept of it.
      if (record.inputField) {
        refused ??= new SweepInputError(`${record.inputField}: ${record.error}`);
        return;
      }
      state.save(record);
      records.set(record.id, record);
      search?.arrived();
      emit({ type: 'trial-end', record });
    },
    {
      workers,
      ...(options.trialScript ? { trialScript: options.trialScript } : {}),
      onStart: (id, params) => emit({ type: 'trial-start', id, params }),
      onEpoch: (id, log, values) => {
        emit({ type: 'epoch', id, log });
        if (!values || !board || !pruning) return undefined;
        board.report(id, values);
        return judge(pruning, board, board.slot(id), values);
      },
    },
  );
  if (refused) throw refused;
  return outcomeOf(spec, uniqueTrials(search ? search.sequence : trials), records);
}

/**
 * A TPE sweep's trials: the sequence of an earlier run of the same search taken up (its unfinished trials
 * run first, as they were), then one trial sampled each time a runner frees up, from the records so far. A
 * trial whose settings were run before (chosen again) is not run twice: its record is its result. The
 * manifest keeps the sequence, written before each new trial runs.
 */
function tpeSearch(
  spec: SweepSpec,
  state: SweepState,
  records: Map<string, TrialRecord>,
  retryFailed = false,
): { sequence: Trial[]; next: () => Promise<Trial | undefined>; arrived: () => void } {
  const { study, save } = openTpeStudy(spec, state);
  const handedOut = new Set(study.sequence.map((t) => t.id));
  let waiting: (() => void)[] = [];
  const arrived = () => {
    const wake = waiting;
    waiting = [];
    for (const w of wake) w();
  };
  // In batches, trial n waits for every trial of the batches before its own; otherwise nothing waits.
  const batched = spec.tpe!.batch !== undefined;
  const unseen = (number: number) => batched && study.sequence.slice(0, study.seenBy(number)).some((t) => !records.has(t.id));
  let stopped = false;
  return {
    sequence: study.sequence,
    arrived,
    async next() {
      for (;;) {
        if (stopped) return undefined;
        const number = study.sequence.length;
        if (number < study.budget && unseen(number)) {
          // Another lane may choose trial n meanwhile: look again once woken.
          await new Promise<void>((resolve) => waiting.push(resolve));
          continue;
        }
        let t: Trial | undefined;
        try {
          t = study.sampleNext(records);
        } catch (e) {
          // The sweep ends with this error: the lanes waiting for a batch end too, instead of waiting forever.
          stopped = true;
          arrived();
          throw e;
        }
        if (!t) return undefined;
        save();
        if (handedOut.has(t.id) || !needsRun(records.get(t.id), retryFailed)) continue;
        handedOut.add(t.id);
        return t;
      }
    },
  };
}
