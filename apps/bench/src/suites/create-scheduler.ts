// @lrkit/schedulers' createScheduler, for specs the bench holds as data (an example, the seed job's).
import * as schedulers from '@lrkit/schedulers';
import type { OptimizerLike, Scheduler } from '@lrkit/schedulers';

/**
 * createScheduler with the spec typed as run-time data. Its typed overload makes tsc walk the recursive
 * spec types, and depending on the order in which tsc meets them it reports them as circular (TS2615 on
 * warmup's `schedule`, first seen when the bench's alloc files moved to @lrkit/schedulers): the spec is
 * validated at run time all the same.
 */
export const createScheduler = schedulers.createScheduler as unknown as (spec: unknown, optimizer: OptimizerLike) => Scheduler;
