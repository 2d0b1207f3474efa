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

/** The order job's id: the sweep's name and a digest of its trial ids in order (a changed file is another order). */
export function orderJobId(sweep: string, ids: readonly string[]): string {
  return `${sweep}-${createHash('sha256').update(ids.join('\n')).digest('hex').slice(0, 16)}`;
}

/** What a job says of its trial's values, and whether they are final. */
async function entryOf(job: Job | undefined, slot: TrialSlot): Promise<BoardEntry> {
  if (!job) return { slot, values: [], ended: false };
  const state = await job.getState();
  if (state === 'completed') return { slot, values: (job.returnvalue as TrialRecord).validation?.values ?? [], ended: true };
  const progress = job.progress as { values?: number[] } | number | undefined;
  return { slot, values: (typeof progress === 'object' && progress?.values) || [], ended: state === 'failed' };
}

export class QueueBoard implements PruneBoard {
  private readonly ended = new Map<number, BoardEntry>();

  constructor(
    private readonly trials: Queue,
    /** The sweep's trial ids in the file's order (its order job). */
    private readonly ids: readonly string[],
    /** A trial's job id from its id. */
    private readonly jobIdOf: (id: string) => string,
  ) {}

  async earlier(slot: TrialSlot, epoch: number, peers: (other: TrialSlot) => boolean): Promise<number[]> {
    for (;;) {
      const entries: BoardEntry[] = [];
      for (let ordinal = 0; ordinal < slot.ordinal; ordinal++) {
        const other = { ordinal, id: this.ids[ordinal]! };
        if (!peers(other)) continue;
        let entry = this.ended.get(ordinal);
        if (!entry) {
          entry = await entryOf(await this.trials.getJob(this.jobIdOf(other.id)), other);
          if (entry.ended) this.ended.set(ordinal, entry);
        }
        entries.push(entry);
      }
      const values = earlierValues(entries, slot, epoch, peers);
      if (values) return values;
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
