// Which trials a pruning decision compares with, so that the set of pruned trials does not depend on the
// number of workers or on the order in which trials finish.
//
// A trial is judged at epoch e against the trials before it in the sweep file's order (the expanded
// trials' order, the same on every run and worker) that reached epoch e, and it waits, before deciding,
// until each of those earlier trials has reported epoch e or ended. Every input to the decision is then
// fixed by the file and the seeds: the values are training's (bit-identical for the same settings), and
// the set is "earlier in the file and got that far", never "finished before me". The earliest unfinished
// trial never waits (everything before it ended), and runners start trials in file order, so a sweep
// always progresses; with W workers a trial waits at most for the W - 1 trials running beside it to reach
// its epoch.
//
// Unless the earliest unfinished trial runs nowhere. On one machine a trial whose process died is run
// again by the same runner before it takes anything else (pool.ts). On a queue, a worker that dies for
// good leaves its trial's job to go back to the queue once its lock runs out; if every live slot holds a
// later trial waiting for it, nothing would take it up. So there, a trial that has waited GIVE_BACK_MS while
// a trial it waits for is running nowhere gives its own job back (to the queue, not a failed attempt:
// distributed/worker.ts), and the slot takes the job first in the order, which the queue hands out first
// (priority). Why this is correct: a trial given back runs again later from its first epoch to the same
// values (trials keep no checkpoint: after a worker died, the rerun costs the epochs done, never a
// decision), so the decisions, and the set of pruned trials, are those of one worker. Why it always
// progresses with one live slot: the slot holder earliest in the order waits only for trials no slot
// holds, so it runs on or gives its job back; and a freed slot takes the earliest queued trial. Judging
// without the missing trial after a timeout would make the set depend on timing; keeping a slot free for
// earlier trials would idle it always and still hang after a second death.
//
// Where this differs from Optuna: Optuna's MedianPruner compares with the trials completed so far, and its
// successive halving with the trials that reached the rung so far: both depend on timing. Here the earlier
// trials count whether they later completed or were pruned, as long as they reached the epoch.
import type { TrainConfig } from '@lrkit/train';
import { decisionAt, verdict, type Mode, type PruneVerdict, type TrialSlot } from './rules';
import { pruneRule, type PruneRule, type PruneSpec } from './spec';
import { longestRun } from './value';
import type { MetricName } from '../schema';

/** Where the trials' values per epoch are shared: in memory (one machine) or on the queue (distributed/). */
export interface PruneBoard {
  /**
   * The values at `epoch` of the trials before `slot` in the file's order that pass `peers` and reached
   * `epoch`, once each such trial has reported that epoch or ended.
   */
  earlier(slot: TrialSlot, epoch: number, peers: (other: TrialSlot) => boolean): Promise<number[]>;
}

/** How a sweep prunes: its rule, and the metric and direction it ranks by. */
export interface Pruning {
  rule: PruneRule;
  metric: MetricName;
  mode: Mode;
}

/** The verdict on `slot` after the epoch of its last value (values[e - 1] at epoch e): null to go on. */
export async function judge(pruning: Pruning, board: PruneBoard, slot: TrialSlot, values: readonly number[]): Promise<PruneVerdict | null> {
  const decision = decisionAt(pruning.rule, slot, values.length);
  if (!decision) return null;
  const others = await board.earlier(slot, values.length, decision.peers);
  return verdict(pruning.rule, decision, pruning.metric, pruning.mode, values, others);
}

/** What a board knows of one trial. */
export interface BoardEntry {
  slot: TrialSlot;
  values: number[];
  ended: boolean;
}

/**
 * The values at `epoch` of the entries before `slot` that pass `peers`, or undefined while one of them has
 * neither reached `epoch` nor ended (the caller waits and asks again).
 */
export function earlierValues(entries: readonly BoardEntry[], slot: TrialSlot, epoch: number, peers: (other: TrialSlot) => boolean): number[] | undefined {
  const out: number[] = [];
  for (const e of entries) {
    if (e.slot.ordinal >= slot.ordinal || !peers(e.slot)) continue;
    if (e.values.length >= epoch) out.push(e.values[epoch - 1]!);
    else if (!e.ended) return undefined;
  }
  return out;
}

/** The board of a sweep run by one process (the embedded runner): every trial of the file, in order. */
export class MemoryBoard implements PruneBoard {
  private readonly entries: BoardEntry[];
  private readonly byId = new Map<string, BoardEntry>();
  private waiters: (() => void)[] = [];

  constructor(ids: readonly string[]) {
    this.entries = [];
    for (const id of ids) this.add(id);
  }

  /** A trial after the others (a sampler that proposes trials as it goes: its order is the proposals' order). */
  add(id: string): TrialSlot {
    const entry = { slot: { ordinal: this.entries.length, id }, values: [], ended: false };
    this.entries.push(entry);
    this.byId.set(id, entry);
    return entry.slot;
  }

  knows(id: string): boolean {
    return this.byId.has(id);
  }

  slot(id: string): TrialSlot {
    const e = this.byId.get(id);
    if (!e) throw new Error(`trial ${id} is not one of the sweep's`);
    return e.slot;
  }

  /** The trial's values so far (a trial run again after its process died starts over). */
  report(id: string, values: readonly number[]): void {
    this.byId.get(id)!.values = [...values];
    this.wake();
  }

  /** The trial ended (done, pruned or failed) with these values. */
  end(id: string, values: readonly number[]): void {
    const e = this.byId.get(id)!;
    e.values = [...values];
    e.ended = true;
    this.wake();
  }

  async earlier(slot: TrialSlot, epoch: number, peers: (other: TrialSlot) => boolean): Promise<number[]> {
    for (;;) {
      const values = earlierValues(this.entries, slot, epoch, peers);
      if (values) return values;
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  private wake(): void {
    const waiting = this.waiters;
    this.waiters = [];
    for (const w of waiting) w();
  }
}

/** How `spec` prunes, its rule's defaults filled in for these trials; undefined where it does not prune. */
export function pruningOf(spec: { prune?: PruneSpec; metric: MetricName; mode: Mode }, configs: readonly TrainConfig[]): Pruning | undefined {
  return spec.prune ? { rule: pruneRule(spec.prune, longestRun(configs)), metric: spec.metric, mode: spec.mode } : undefined;
}
