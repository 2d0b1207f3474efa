// Per-step allocation of built-ins measured one after another in one process, shared by
// allocation-mixed.test.ts and the child processes it starts (not part of the build: only tests use it).
import { measureAllocation, MAX_ALLOCATION_RUNS, stepLoop } from './allocation.js';
import { exampleSpecs } from './examples.js';
import { createScheduler } from './index.js';

const STEPS = 50_000;

/** Bytes per step of each schedule, measured one after another in this process. */
export async function measureInOrder(types: readonly string[]): Promise<Record<string, number>> {
  const bytes: Record<string, number> = {};
  for (const type of types) {
    // Room for every run measureAllocation makes (one-cycle refuses a step past totalSteps).
    const spec = exampleSpecs(STEPS * (MAX_ALLOCATION_RUNS + 2)).find((s) => s.type === type);
    if (!spec) throw new Error(`no example spec for '${type}'`);
    const sched = createScheduler(spec, { paramGroups: [{ lr: 0.1, momentum: 0.9, betas: [0.9, 0.999] }] });
    bytes[type] = (await measureAllocation(STEPS, stepLoop(sched))).bytesPerCall;
  }
  return bytes;
}

/** The schedules at 1 B a step or more, with their bytes: empty when none allocates. */
export const allocating = (bytes: Record<string, number>): Record<string, number> =>
  Object.fromEntries(Object.entries(bytes).filter(([, b]) => !(b < 1)).map(([t, b]) => [t, Math.round(b * 100) / 100]));
