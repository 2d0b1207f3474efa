// The tabular jobs of the seed suite: the seed's recipe (MLP in-64-out, Adam 1e-3, StepLR(10, 0.1), 50 epochs,
// batch 32) on a multi-class and a regression data set, lrkit's `train()` beside PyTorch's same recipe
// (python/tabular_peer.py, after shared/reference/tabular_torch.py).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { train, trainDefaults } from '@lrkit/train';
import type { Contender } from '../measure';
import { ratiosAgainst } from '../measure';
import { PythonPeer } from '../python';
import { measuredRow, unavailableRow, type MetricSpec } from '../rows';
import type { BenchResult } from '../types';
import { measure, startPeer, usableBackends, type SuiteContext } from './context';

export interface TabularJob {
  name: string;
  /** A file in packages/train/fixtures (small CC BY 4.0 copies; see that folder's README). */
  file: string;
  target: string;
  task: 'classification' | 'regression';
}

export const TABULAR_JOBS: readonly TabularJob[] = [
  { name: 'wine (3 classes)', file: 'wine.csv', target: 'cultivar', task: 'classification' },
  { name: 'friedman1 (regression)', file: 'friedman1.csv', target: 'y', task: 'regression' },
];

const TABULAR_SEED = 1;

export function tabularLoop(job: TabularJob): MetricSpec {
  return { key: 'loopMs', metric: `${job.name}: training loop (50 epochs)`, unit: 'ms', better: 'lower' };
}

/**
 * The fixture's path in the lrkit checkout: the first folder above this module (src/suites/ in tests,
 * dist/ in the built bin) that holds packages/train/fixtures; undefined outside a checkout.
 */
export function fixturePath(file: string): string | undefined {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const path = join(dir, 'packages', 'train', 'fixtures', file);
    if (existsSync(path)) return path;
    if (dirname(dir) === dir) return undefined;
  }
}

/** The test metric a job's note shows: accuracy, or R^2 for regression. */
function quality(job: TabularJob, s: Record<string, number> | undefined): string | undefined {
  if (!s) return undefined;
  const v = job.task === 'regression' ? s.r2 : s.accuracy;
  return v === undefined ? undefined : `test ${job.task === 'regression' ? 'R^2' : 'accuracy'} ${v.toFixed(3)}`;
}

function lrkitContender(backend: string, threads: number, job: TabularJob, path: string): Contender {
  return {
    impl: `lrkit/${backend}`,
    async sample() {
      // The seed's recipe written out: a data file of its own would take the own-data default.
      const r = await train({ data: path, target: job.target, task: job.task, backend, threads, seed: TABULAR_SEED, lr: trainDefaults.lr, schedule: trainDefaults.schedule });
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
      const a = await peer.request({ op: 'job', data: path, target: job.target, task: job.task, seed: TABULAR_SEED });
      const key = job.task === 'regression' ? 'r2' : 'accuracy';
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
      const path = fixturePath(job.file);
      if (path === undefined) {
        const why = `no packages/train/fixtures/${job.file} above the bench: the tabular jobs run from an lrkit checkout`;
        for (const b of [...backends.map((x) => `lrkit/${x}`), 'pytorch/cpu']) rows.push(unavailableRow('seed', b, spec.metric, spec.unit, why));
        continue;
      }
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
