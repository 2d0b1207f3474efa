// ns per step() for every built-in schedule, beside PyTorch's scheduler.step() with the same options,
// and a check that step() does not allocate in steady state.
import { MAX_ALLOCATION_RUNS, measureAllocation } from '../alloc';
import { createScheduler, defaultRegistry } from '@lrkit/schedulers';
import type { Contender } from '../measure';
import { pairRatio } from '../measure';
import { PythonPeer } from '../python';
import { measuredRow, unavailableRow, valueRow, type MetricSpec } from '../rows';
import type { BenchResult } from '../types';
import { formatNumber } from '../format/numbers';
import { measure, now, startPeer, type Suite } from './context';
import { SCHEDULER_BENCH_SPECS, type SchedulerBenchSpec } from './scheduler-specs';

type Scheduler = ReturnType<typeof createScheduler>;

export const STEP_METRIC_PREFIX = 'step() ';
export const ALLOC_METRIC = 'heap growth per step(), worst built-in';

function optimizer() {
  return { paramGroups: [{ lr: 0.1, momentum: 0.9, betas: [0.9, 0.999] as [number, number], weightDecay: 0 }] };
}

function stepLoop(sched: Scheduler, metric: number | undefined): (n: number) => void {
  return metric === undefined
    ? (n) => {
        for (let i = 0; i < n; i++) sched.step();
      }
    : (n) => {
        for (let i = 0; i < n; i++) sched.step(metric);
      };
}

function lrkitContender(s: SchedulerBenchSpec, steps: number): Contender {
  return {
    impl: 'lrkit',
    async sample() {
      const sched = createScheduler(s.spec(steps), optimizer());
      const loop = stepLoop(sched, s.metric);
      const t0 = now();
      loop(steps);
      return { nsPerStep: ((now() - t0) * 1e6) / steps };
    },
  };
}

function torchContender(peer: PythonPeer, name: string, steps: number): Contender {
  return {
    impl: 'pytorch/cpu',
    async sample() {
      return { nsPerStep: PythonPeer.num(await peer.request({ op: 'step', name, steps }), 'ns_per_step') };
    },
  };
}

export const schedulersSuite: Suite = async (ctx) => {
  const jsSteps = ctx.options.quick ? 20_000 : 100_000;
  const pySteps = ctx.options.quick ? 1_000 : 3_000;
  // A sample here lasts milliseconds, so one preemption can swamp it: more rounds cost little and give
  // the median something to work with.
  const rounds = { warmup: Math.max(1, ctx.options.warmup), repeats: Math.max(ctx.options.repeats, ctx.options.quick ? 11 : 21) };
  const rows: BenchResult[] = [];
  const started = await startPeer(ctx, 'schedulers', 'sched_peer.py');
  const peer = 'peer' in started ? started.peer : undefined;
  const peerWhy = 'why' in started ? started.why : undefined;
  // Every registered built-in must be timed: one without a bench spec gets a row saying so.
  const known = new Set(SCHEDULER_BENCH_SPECS.map((s) => s.name));
  for (const name of defaultRegistry.names()) {
    if (!known.has(name)) rows.push(unavailableRow('schedulers', 'lrkit', `${STEP_METRIC_PREFIX}${name}`, 'ns', 'no bench spec for this built-in yet (apps/bench/src/suites/scheduler-specs.ts)'));
  }
  const alloc: { name: string; bytes: number; gcs: number; allocates: boolean }[] = [];
  try {
    for (const s of SCHEDULER_BENCH_SPECS) {
      const metric: MetricSpec = { key: 'nsPerStep', metric: `${STEP_METRIC_PREFIX}${s.name}`, unit: 'ns', better: 'lower' };
      const contenders: Contender[] = [lrkitContender(s, jsSteps)];
      const missing: BenchResult[] = [];
      if (peer && !s.noPeer) contenders.push(torchContender(peer, s.name, pySteps));
      else missing.push(unavailableRow('schedulers', 'pytorch/cpu', metric.metric, metric.unit, s.noPeer ? 'no PyTorch equivalent' : peerWhy ?? 'no peer'));
      const runs = await measure(ctx, `schedulers ${s.name}`, contenders, rounds);
      const lr = runs.find((r) => r.impl === 'lrkit');
      const torch = runs.find((r) => r.impl === 'pytorch/cpu');
      for (const run of runs) {
        const ratio = run === lr && torch ? pairRatio(run, torch, 'nsPerStep', 'lower') : undefined;
        rows.push(measuredRow('schedulers', run, metric, ratio ? { ratios: [ratio] } : {}));
      }
      rows.push(...missing);
      if (lr && !lr.error) {
        try {
          // Room for every run measureAllocation may make (step-limited schedules such as one-cycle).
          const sched = createScheduler(s.spec(jsSteps * (MAX_ALLOCATION_RUNS + 2)), optimizer());
          const a = await measureAllocation(jsSteps, stepLoop(sched, s.metric));
          alloc.push({ name: s.name, bytes: a.bytesPerCall, gcs: a.gcsDuring, allocates: a.allocates });
        } catch (err) {
          alloc.push({ name: s.name, bytes: Number.NaN, gcs: 0, allocates: true });
          ctx.progress.note(`schedulers: allocation check of ${s.name} failed: ${(err as Error).message}`);
        }
      }
    }
  } finally {
    peer?.close();
  }
  if (alloc.length > 0) {
    const finite = alloc.filter((a) => Number.isFinite(a.bytes));
    const worst = finite.reduce<(typeof alloc)[number] | undefined>((w, a) => (!w || a.bytes > w.bytes ? a : w), undefined);
    const allocating = alloc
      .filter((a) => a.allocates)
      .map((a) => (Number.isFinite(a.bytes) ? `${a.name} ${formatNumber(a.bytes)} B${a.gcs ? ` (${a.gcs} GCs)` : ''}` : `${a.name} (check failed)`));
    const note =
      allocating.length === 0
        ? `no built-in allocates in steady state (worst: ${worst?.name}; least of up to ${MAX_ALLOCATION_RUNS} runs of ${jsSteps} steps)`
        : `allocating: ${allocating.join(', ')}`;
    rows.push(
      worst
        ? valueRow('schedulers', 'lrkit', ALLOC_METRIC, worst.bytes, 'B/step', note)
        : { ...unavailableRow('schedulers', 'lrkit', ALLOC_METRIC, 'B/step', note), status: 'failed' },
    );
  }
  return rows;
};
