// The tabular jobs of the seed suite: the seed's recipe (MLP in-64-out, Adam 1e-3, StepLR(10, 0.1), 50 epochs,
// batch 32) on a multi-class and a regression data set, lrkit's `train()` beside PyTorch's same recipe
// (python/tabular_peer.py, after shared/reference/tabular_torch.py).
import { exampleData, exampleDataInfo, type ExampleDataName } from '@lrkit/data';
import { train, trainDefaults } from '@lrkit/train';
import type { Contender } from '../measure';
import { ratiosAgainst } from '../measure';
import { PythonPeer } from '../python';
import { measuredRow, unavailableRow, type MetricSpec } from '../rows';
import type { BenchResult } from '../types';
import { measure, startPeer, usableBackends, type SuiteContext } from './context';

export interface TabularJob {
  name: string;
  /** One of @lrkit/data's example data sets (they ship in the package: the jobs run from an npm install). */
  data: ExampleDataName;
}

export const TABULAR_JOBS: readonly TabularJob[] = [
  { name: 'wine (3 classes)', data: 'wine' },
  { name: 'friedman1 (regression)', data: 'friedman1' },
];

const TABULAR_SEED = 1;

export function tabularLoop(job: TabularJob): MetricSpec {
  return { key: 'loopMs', metric: `${job.name}: training loop (50 epochs)`, unit: 'ms', better: 'lower' };
}

/** The test metric a job's note shows: accuracy, or R^2 for regression. */
function quality(job: TabularJob, s: Record<string, number> | undefined): string | undefined {
  if (!s) return undefined;
  const regression = exampleDataInfo(job.data).task === 'regression';
  const v = regression ? s.r2 : s.accuracy;
  return v === undefined ? undefined : `test ${regression ? 'R^2' : 'accuracy'} ${v.toFixed(3)}`;
}

function lrkitContender(backend: string, threads: number, job: TabularJob, path: string): Contender {
  return {
    impl: `lrkit/${backend}`,
    async sample() {
      const { target, task } = exampleDataInfo(job.data);
      // The seed's recipe written out: a data file of its own would take the own-data default.
      const r = await train({ data: path, target, task, backend, threads, seed: TABULAR_SEED, lr: trainDefaults.lr, schedule: trainDefaults.schedule });
      const m = r.metrics;
      const sample: Record<string, number> = { loopMs: r.trainMs };
      if (m.kind === 'regression') sample.r2 = m.r2;
      else sample.accuracy = m.accuracy;
      return sample;
    },
  };
}

function torchContender(peer: PythonPeer, job: TabularJob, path: string): Contender {
  return {
    impl: 'pytorch/cpu',
    async sample() {
      const { target, task } = exampleDataInfo(job.data);
      const a = await peer.request({ op: 'job', data: path, target, task, seed: TABULAR_SEED });
      const key = task === 'regression' ? 'r2' : 'accuracy';
      return { loopMs: PythonPeer.num(a, 'loop_ms'), [key]: PythonPeer.num(a, key) };
    },
  };
}

/** Every tabular job, each measured on its own (lrkit per backend and PyTorch interleaved). */
export async function tabularRows(ctx: SuiteContext): Promise<BenchResult[]> {
  const metrics = TABULAR_JOBS.map(tabularLoop);
  const { backends, rows } = await usableBackends(ctx, 'seed', (b) => [`lrkit/${b}`], metrics);
  const started = await startPeer(ctx, 'seed', 'tabular_peer.py', ['--threads', String(ctx.options.threads)], ', tabular jobs');
  const peer = 'peer' in started ? started.peer : undefined;
  const peerAbsent = 'why' in started ? started.why : undefined;
  try {
    for (const job of TABULAR_JOBS) {
      const spec = tabularLoop(job);
      const path = exampleData(job.data);
      const contenders = backends.map((b) => lrkitContender(b, ctx.options.threads, job, path));
      if (peer) contenders.push(torchContender(peer, job, path));
      else rows.push(unavailableRow('seed', 'pytorch/cpu', spec.metric, spec.unit, peerAbsent ?? 'no PyTorch peer'));
      if (contenders.length === 0) continue;
      const runs = await measure(ctx, `seed: ${job.name}`, contenders);
      for (const run of runs) {
        const ratios = run.impl === 'pytorch/cpu' ? [] : ratiosAgainst(run, runs, ['pytorch/cpu'], 'loopMs', 'lower');
        const note = quality(job, run.samples.find((s) => s !== undefined));
        rows.push(measuredRow('seed', run, spec, { ratios, ...(note ? { note: `${note} (seed ${TABULAR_SEED})` } : {}) }));
      }
    }
  } finally {
    peer?.close();
  }
  return rows;
}
