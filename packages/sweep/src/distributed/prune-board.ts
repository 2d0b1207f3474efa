// The pruning board of a sweep on a queue: each trial's values per epoch are its job's progress (written
// before it asks), or its record once completed; the trial order is the sweep's order job. Workers read
// them, so every worker decides as one process would (prune/board.ts).
import { createHash } from 'node:crypto';
import type { Job, Queue } from 'bullmq';
import { earlierValues, type BoardEntry, type PruneBoard } from '../prune/board';
import type { TrialSlot } from '../prune/rules';
import type { TrialRecord } from '../trial';
import { openQueue, ORDER_QUEUE_NAME, type QueueTarget } from './connection';

/** How often a waiting trial reads the earlier trials' jobs again. */
const POLL_MS = 200;

/**
 * How long a trial waits for an earlier one that runs nowhere (its job back in the queue: its worker died)
 * before it gives its own job back (see prune/board.ts): far longer than a free slot takes to pick a job
 * up, far shorter than a trial.
 */
export const GIVE_BACK_MS = 2000;

/** A waiting trial gives its job back: an earlier trial it waits for runs nowhere, and this slot is to run it. */
export class GiveBack extends Error {
  constructor(readonly waitingFor: string) {
    super(`gave its job back: the earlier trial ${waitingFor} it waits for is not running anywhere`);
    this.name = 'GiveBack';
  }
}

/** The order job's id: the sweep's name and a digest of its trial ids in order (a changed file is another order). */
export function orderJobId(sweep: string, ids: readonly string[]): string {
  return `${sweep}-${createHash('sha256').update(ids.join('\n')).digest('hex').slice(0, 16)}`;
}

/** What a job says of its trial's values, whether they are final, and whether a worker runs it now. */
async function entryOf(job: Job | undefined, slot: TrialSlot): Promise<BoardEntry & { running: boolean }> {
  if (!job) return { slot, values: [], ended: false, running: false };
  const state = await job.getState();
  if (state === 'completed') return { slot, values: (job.returnvalue as TrialRecord).validation?.values ?? [], ended: true, running: false };
  const progress = job.progress as { values?: number[] } | number | undefined;
  return { slot, values: (typeof progress === 'object' && progress?.values) || [], ended: state === 'failed', running: state === 'active' };
}

export class QueueBoard implements PruneBoard {
  private readonly ended = new Map<number, BoardEntry>();

  constructor(
    private readonly trials: Queue,
    /** The sweep's trial ids in the file's order (its order job). */
    private readonly ids: readonly string[],
    /** A trial's job id from its id. */
    private readonly jobIdOf: (id: string) => string,
    private readonly giveBackMs: number = GIVE_BACK_MS,
  ) {}

  /** As PruneBoard's; rejects with GiveBack once a trial it waits for has run nowhere for giveBackMs. */
  async earlier(slot: TrialSlot, epoch: number, peers: (other: TrialSlot) => boolean): Promise<number[]> {
    let idleSince: number | undefined;
    for (;;) {
      const entries: BoardEntry[] = [];
      let idle: string | undefined;
      for (let ordinal = 0; ordinal < slot.ordinal; ordinal++) {
        const other = { ordinal, id: this.ids[ordinal]! };
        if (!peers(other)) continue;
        let entry = this.ended.get(ordinal);
        if (!entry) {
          const read = await entryOf(await this.trials.getJob(this.jobIdOf(other.id)), other);
          if (read.ended) this.ended.set(ordinal, read);
          else if (!read.running && read.values.length < epoch) idle ??= other.id;
          entry = read;
        }
        entries.push(entry);
      }
      const values = earlierValues(entries, slot, epoch, peers);
      if (values) return values;
      idleSince = idle === undefined ? undefined : (idleSince ?? Date.now());
      if (idle !== undefined && Date.now() - idleSince! >= this.giveBackMs) throw new GiveBack(idle);
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  }
}

/** The sweep's trial order, as its order job (adding it again is a no-op). */
export async function enqueueOrder(target: QueueTarget, order: string, trials: readonly { id: string }[]): Promise<void> {
  const orders = openQueue(target, ORDER_QUEUE_NAME);
  try {
    await orders.add('order', { ids: trials.map((t) => t.id) }, { jobId: order, removeOnComplete: false, removeOnFail: false });
  } finally {
    await orders.close();
  }
}
