// Heap allocation of a hot loop: force a full GC, run the loop, and read how much the used heap grew.
// Scavenges during the loop would hide allocation, so they are counted too and reported as "allocates".
import { PerformanceObserver } from 'node:perf_hooks';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';

let gcFn: (() => void) | undefined;

function gc(): () => void {
  if (!gcFn) {
    // The flag must be set before a context asks for `gc`; a fresh context then sees the function.
    v8.setFlagsFromString('--expose-gc');
    gcFn = runInNewContext('gc') as () => void;
  }
  return gcFn;
}

export interface AllocationCheck {
  bytesPerCall: number;
  /** Garbage collections that ran during the loop: any means the loop allocates. */
  gcsDuring: number;
  allocates: boolean;
}

/**
 * Runs `body(calls)` three times after one unmeasured run (the first runs allocate for the JIT's own
 * bookkeeping) and reports the median bytes per call.
 */
export async function measureAllocation(calls: number, body: (n: number) => void): Promise<AllocationCheck> {
  body(calls);
  const checks = [await once(calls, body), await once(calls, body), await once(calls, body)];
  checks.sort((a, b) => a.bytesPerCall - b.bytesPerCall);
  const mid = checks[1]!;
  const gcsDuring = checks.reduce((s, c) => s + c.gcsDuring, 0);
  return { bytesPerCall: mid.bytesPerCall, gcsDuring, allocates: gcsDuring > 0 || mid.bytesPerCall >= 1 };
}

async function once(calls: number, body: (n: number) => void): Promise<AllocationCheck> {
  const collect = gc();
  let gcs = 0;
  const obs = new PerformanceObserver((list) => {
    gcs += list.getEntries().length;
  });
  collect();
  collect();
  // Settle: let pending GC entries from the forced collections be delivered before counting.
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
