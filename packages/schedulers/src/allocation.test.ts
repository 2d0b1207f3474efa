// Steady-state step() must not allocate (the target). A real per-step allocation of even 8 bytes
// over millions of steps fills the young generation several times, so scavenges are counted as well as
// heap growth (measureAllocation, which lrkit-bench's scheduler suite runs on every built-in too). The
// helper's own tests are in allocation-check.test.ts: run first in this file, their allocating loops left
// the schedules here measured at 4-5 B a step.
import { describe, expect, it } from 'vitest';
import { measureAllocation } from './allocation.js';
import { exampleSpecs } from './examples.js';
import { createScheduler } from './index.js';

const STEPS = 3_000_000;
// The closed-form leaf and the two composites (the shared node classes' paths), as the bench times them.
const CHECKED = new Set(['cosine-annealing', 'sequential', 'chained']);
const specs = exampleSpecs(STEPS).filter((s) => CHECKED.has(s.type));

describe('step() allocation in steady state', () => {
  it('checks the schedules it names', () => {
    expect(specs.map((s) => s.type).sort()).toEqual([...CHECKED].sort());
  });

  for (const spec of specs) {
    it(`${spec.type} does not allocate per step`, async () => {
      const sched = createScheduler(spec, { paramGroups: [{ lr: 0.1, momentum: 0.9, betas: [0.9, 0.999] }] });
      // A loop compiled per schedule, as a training loop steps one scheduler from one call site: a loop
      // shared by the three tests would see three scheduler classes at `sched.step()`, a polymorphic call
      // the optimiser may not inline, which measures V8's call boundary rather than step().
      const loop = new Function('sched', 'n', 'for (let i = 0; i < n; i++) sched.step();') as (s: typeof sched, n: number) => void;
      const run = (n: number) => loop(sched, n);
      run(STEPS / 10);
      const best = await measureAllocation(STEPS, run);
      // 16 B/step (one boxed double) over 3e6 steps is 48 MB: many scavenges. Allow one stray GC. The
      // bound is a quarter of one boxed double a step. Alone in a process every schedule here stays
      // under 0.01 B a step; after other schedules have run in the same process, `chained` has been seen
      // at 0.19-2.3 B a step (and, before ChainableNode's `nums`, at 16 B a step right after one other
      // ChainableNode class): see allocation-mixed.test.ts, which measures every built-in after the others.
      expect(best.gcsDuring, `GCs during ${STEPS} steps`).toBeLessThanOrEqual(1);
      expect(best.bytesPerCall).toBeLessThan(4);
    }, 60_000);
  }
});
