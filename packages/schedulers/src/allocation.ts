// Heap allocation of a hot loop (step() in steady state must allocate nothing): empty the young
// generation, run the loop, read how much the used heap grew. Scavenges during the loop would hide
// allocation, so they are counted too. Node only (v8, perf_hooks, vm): exported from `./node`.
import { PerformanceObserver } from 'node:perf_hooks';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Scheduler } from './types.js';

type GcFn = (options?: { type: 'major' | 'minor' }) => void;
let gcFn: GcFn | undefined;

function gc(): GcFn {
  if (!gcFn) {
    // The flag must be set before a context asks for `gc`; a fresh context then sees the function.
    v8.setFlagsFromString('--expose-gc');
    gcFn = runInNewContext('gc') as GcFn;
  }
  return gcFn;
}

export interface AllocationCheck {
  bytesPerCall: number;
  /** Garbage collections that ran during the loop: any means the loop allocates. */
  gcsDuring: number;
  allocates: boolean;
}

/** Measured runs at most; with the unmeasured first run, `body` runs at most this many times plus one. */
export const MAX_ALLOCATION_RUNS = 6;

/**
 * Runs `body(calls)` once unmeasured (the first runs allocate for the JIT's own bookkeeping), then up to
 * MAX_ALLOCATION_RUNS measured times, and reports the run that allocated least (fewer GCs first, then
 * fewer bytes). Steady state is the optimised code: a run the JIT had not optimised yet (likely on a
 * loaded machine, where the compiler thread waits) boxes numbers the optimised code keeps unboxed, while
 * code that really allocates does so in every run. It stops at the first clean run. `body` should be a
 * loop compiled for one scheduler (a loop shared by several sees a polymorphic call it may not inline,
 * and measures V8's call boundary rather than step()).
 */
export async function measureAllocation(calls: number, body: (n: number) => void): Promise<AllocationCheck> {
  body(calls);
  let best: AllocationCheck | undefined;
  for (let run = 0; run < MAX_ALLOCATION_RUNS; run++) {
    const check = await once(calls, body);
    if (!best || check.gcsDuring < best.gcsDuring || (check.gcsDuring === best.gcsDuring && check.bytesPerCall < best.bytesPerCall)) best = check;
    if (!best.allocates) break;
  }
  return best!;
}

async function once(calls: number, body: (n: number) => void): Promise<AllocationCheck> {
  const collect = gc();
  let gcs = 0;
  const obs = new PerformanceObserver((list) => {
    gcs += list.getEntries().length;
  });
  // A scavenge, not a full GC: a full GC throws away optimised code that holds weak references ("weak
  // objects" deopts), and the loop would then be measured in the baseline tier, which boxes every number
  // it computes (tens of bytes a call that the optimised code never allocates). The scavenge empties the
  // young generation, so a GC during the loop can only come from the loop's own allocation.
  collect({ type: 'minor' });
  // Settle: let pending GC entries from the forced collection be delivered before counting.
  await new Promise((r) => setImmediate(r));
  obs.observe({ entryTypes: ['gc'] });
  await new Promise((r) => setImmediate(r));
  gcs = 0;
  const before = process.memoryUsage().heapUsed;
  body(calls);
  const after = process.memoryUsage().heapUsed;
  await new Promise((r) => setImmediate(r));
  obs.disconnect();
  const bytesPerCall = Math.max(0, after - before) / calls;
  // A few hundred bytes of noise (the memoryUsage call itself) over many calls rounds to well under 1 B.
  return { bytesPerCall, gcsDuring: gcs, allocates: gcs > 0 || bytesPerCall >= 1 };
}

/**
 * `n` step() calls on `sched` (a metric of 1 where it needs one) as one loop: the body measureAllocation and a
 * timing loop run, written once so a test and a benchmark measure the same code.
 */
export function stepLoop(sched: Scheduler): (n: number) => void {
  return sched.needsMetric
    ? (n) => {
        for (let i = 0; i < n; i++) sched.step(1);
      }
    : (n) => {
        for (let i = 0; i < n; i++) sched.step();
      };
}
