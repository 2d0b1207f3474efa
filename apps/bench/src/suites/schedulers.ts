// ns per step() for every built-in schedule (@lrkit/schedulers' exampleSpecs), beside PyTorch's
// scheduler.step() built from the same spec JSON; a check that lrkit's rates are PyTorch's; and a check
// that step() does not allocate in steady state.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createScheduler, exampleSpecs, type ExampleSpec, type OptimizerLike, type Scheduler } from '@lrkit/schedulers';
import { MAX_ALLOCATION_RUNS, measureAllocation, stepLoop } from '@lrkit/schedulers/node';
import type { Contender } from '../measure';
import { pairRatio } from '../measure';
import { PythonPeer } from '../python';
import { measuredRow, unavailableRow, valueRow, type MetricSpec } from '../rows';
import type { BenchResult } from '../types';
import { formatNumber } from '../format/numbers';
import { measure, now, startPeer, type Suite } from './context';

export const STEP_METRIC_PREFIX = 'step() ';
export const ALLOC_METRIC = 'heap growth per step(), worst built-in';
export const PARITY_METRIC = 'rates vs PyTorch, worst relative difference';
/** The reason on the PyTorch row of an lrkit-only schedule (warmup, WSD, timm, Keras...). */
export const NO_TORCH_EQUIVALENT = 'no PyTorch equivalent';
/** The parity fixtures' tolerance (packages/schedulers/src/parity.test.ts). */
const PARITY_TOLERANCE = 1e-12;

function optimizer(): OptimizerLike {
  return { paramGroups: [{ lr: 0.1, momentum: 0.9, betas: [0.9, 0.999] }] };
}

/** The example of `type`, sized for `steps` step() calls. */
function example(type: string, steps: number): ExampleSpec {
  return exampleSpecs(steps).find((s) => s.type === type)!;
}

/** A fresh scheduler of the example of `type`, on a fresh one-group optimizer. */
function exampleScheduler(type: string, steps: number): Scheduler {
  return createScheduler(example(type, steps), optimizer());
}

function lrkitContender(type: string, steps: number): Contender {
  return {
    impl: 'lrkit',
    async sample() {
      const loop = stepLoop(exampleScheduler(type, steps));
      const t0 = now();
      loop(steps);
      return { nsPerStep: ((now() - t0) * 1e6) / steps };
    },
  };
}

function torchContender(peer: PythonPeer, type: string, steps: number): Contender {
  return {
    impl: 'pytorch/cpu',
    async sample() {
      return { nsPerStep: PythonPeer.num(await peer.request({ op: 'step', spec: example(type, steps), steps }), 'ns_per_step') };
    },
  };
}

/** The largest relative difference between lrkit's rate after each of `steps` steps and PyTorch's. */
async function rateDifference(peer: PythonPeer, type: string, steps: number): Promise<number> {
  const spec = example(type, steps);
  const answer = await peer.request({ op: 'lrs', spec, steps });
  const theirs = answer.lrs;
  if (!Array.isArray(theirs) || theirs.length !== steps) throw new Error(`PyTorch peer answer lacks ${steps} rates 'lrs'`);
  const sched = exampleScheduler(type, steps);
  let worst = 0;
  for (let i = 0; i < steps; i++) {
    sched.step(sched.needsMetric ? 1 : undefined);
    const a = sched.getLastLr()[0]!;
    const b = theirs[i] as number;
    const d = a === b ? 0 : Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));
    if (!(d <= worst)) worst = d; // NaN too
  }
  return worst;
}

/** Where @lrkit/schedulers keeps its spec -> PyTorch translation (python/torch_schedulers.py). */
function torchSchedulersDir(): string {
  return join(dirname(createRequire(import.meta.url).resolve('@lrkit/schedulers/package.json')), 'python');
}

export const schedulersSuite: Suite = async (ctx) => {
  const jsSteps = ctx.options.quick ? 20_000 : 100_000;
  const pySteps = ctx.options.quick ? 1_000 : 3_000;
  // A sample here lasts milliseconds, so one preemption can swamp it: more rounds cost little and give
  // the median something to work with.
  const rounds = { warmup: Math.max(1, ctx.options.warmup), repeats: Math.max(ctx.options.repeats, ctx.options.quick ? 11 : 21) };
  const rows: BenchResult[] = [];
  const started = await startPeer(ctx, 'schedulers', 'sched_peer.py', [torchSchedulersDir()]);
  const peer = 'peer' in started ? started.peer : undefined;
  const peerWhy = 'why' in started ? started.why : undefined;
  const torchTypes = new Set('peer' in started && Array.isArray(started.hello.types) ? (started.hello.types as string[]) : []);
  const alloc: { name: string; bytes: number; gcs: number; allocates: boolean }[] = [];
  const parity: { name: string; worst: number }[] = [];
  try {
    // One example per built-in, in the registry's order.
    // One example per built-in, in the registry's order.
    for (const { type } of exampleSpecs(1)) {
      const metric: MetricSpec = { key: 'nsPerStep', metric: `${STEP_METRIC_PREFIX}${type}`, unit: 'ns', better: 'lower' };
      const contenders: Contender[] = [lrkitContender(type, jsSteps)];
      const missing: BenchResult[] = [];
      const withPeer = peer && torchTypes.has(type);
      if (withPeer) contenders.push(torchContender(peer, type, pySteps));
      else missing.push(unavailableRow('schedulers', 'pytorch/cpu', metric.metric, metric.unit, peer ? NO_TORCH_EQUIVALENT : peerWhy ?? 'no peer'));
      const runs = await measure(ctx, `schedulers ${type}`, contenders, rounds);
      const lr = runs.find((r) => r.impl === 'lrkit');
      const torch = runs.find((r) => r.impl === 'pytorch/cpu');
      for (const run of runs) {
        const ratio = run === lr && torch ? pairRatio(run, torch, 'nsPerStep', 'lower') : undefined;
        rows.push(measuredRow('schedulers', run, metric, ratio ? { ratios: [ratio] } : {}));
      }
      rows.push(...missing);
      if (withPeer) {
        try {
          parity.push({ name: type, worst: await rateDifference(peer, type, pySteps) });
        } catch (err) {
          parity.push({ name: type, worst: Number.NaN });
          ctx.progress.note(`schedulers: rate comparison of ${type} failed: ${(err as Error).message}`);
        }
      }
      if (lr && !lr.error) {
        try {
          // Room for every run measureAllocation may make (step-limited schedules such as one-cycle).
          const sched = exampleScheduler(type, jsSteps * (MAX_ALLOCATION_RUNS + 2));
          const a = await measureAllocation(jsSteps, stepLoop(sched));
          alloc.push({ name: type, bytes: a.bytesPerCall, gcs: a.gcsDuring, allocates: a.allocates });
        } catch (err) {
          alloc.push({ name: type, bytes: Number.NaN, gcs: 0, allocates: true });
          ctx.progress.note(`schedulers: allocation check of ${type} failed: ${(err as Error).message}`);
        }
      }
    }
  } finally {
    peer?.close();
  }
  rows.push(parity.length > 0 ? parityRow(parity, pySteps) : unavailableRow('schedulers', 'lrkit', PARITY_METRIC, '', peerWhy ?? 'no schedule has a PyTorch equivalent'));
  if (alloc.length > 0) rows.push(allocationRow(alloc, jsSteps));
  return rows;
};

export function parityRow(parity: readonly { name: string; worst: number }[], steps: number): BenchResult {
  const off = parity.filter((p) => !(p.worst <= PARITY_TOLERANCE));
  const worst = parity.reduce((w, p) => (!(p.worst <= w.worst) ? p : w));
  const exact = parity.filter((p) => p.worst === 0).length;
  if (off.length > 0) {
    const list = off.map((p) => `${p.name} ${Number.isNaN(p.worst) ? '(comparison failed)' : formatNumber(p.worst)}`).join(', ');
    return { suite: 'schedulers', impl: 'lrkit', metric: PARITY_METRIC, value: null, unit: '', status: 'failed', reason: `beyond ${PARITY_TOLERANCE}: ${list}` };
  }
  return valueRow(
    'schedulers',
    'lrkit',
    PARITY_METRIC,
    worst.worst,
    '',
    `${parity.length} schedules x ${steps} steps within ${PARITY_TOLERANCE} of PyTorch (${exact} bit-identical; worst: ${worst.name})`,
  );
}

function allocationRow(alloc: readonly { name: string; bytes: number; gcs: number; allocates: boolean }[], steps: number): BenchResult {
  const finite = alloc.filter((a) => Number.isFinite(a.bytes));
  const worst = finite.reduce<(typeof alloc)[number] | undefined>((w, a) => (!w || a.bytes > w.bytes ? a : w), undefined);
  const allocating = alloc
    .filter((a) => a.allocates)
    .map((a) => (Number.isFinite(a.bytes) ? `${a.name} ${formatNumber(a.bytes)} B${a.gcs ? ` (${a.gcs} GCs)` : ''}` : `${a.name} (check failed)`));
  const note =
    allocating.length === 0
      ? `no built-in allocates in steady state (worst: ${worst?.name}; least of up to ${MAX_ALLOCATION_RUNS} runs of ${steps} steps)`
      : `allocating: ${allocating.join(', ')}`;
  return worst
    ? valueRow('schedulers', 'lrkit', ALLOC_METRIC, worst.bytes, 'B/step', note)
    : { ...unavailableRow('schedulers', 'lrkit', ALLOC_METRIC, 'B/step', note), status: 'failed' };
}
