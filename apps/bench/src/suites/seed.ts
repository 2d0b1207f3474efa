// The seed job (breast-cancer MLP 30-64-1, Adam 1e-3, StepLR(10, 0.1), 50 epochs, batch 32: @lrkit/train's
// trainDefaults) per backend, beside PyTorch's same job and tfjs-layers' model.fit of the same model,
// optimizer and schedule.
import * as tfl from '@tensorflow/tfjs-layers';
import { tf } from '@lrkit/core';
import { createScheduler } from '@lrkit/schedulers';
import { prepareData, train, trainDefaults, type BatchSource } from '@lrkit/train/internal';
import { activate } from '../backends';
import type { Contender } from '../measure';
import { ratiosAgainst } from '../measure';
import { PythonPeer } from '../python';
import { measuredRow, type MetricSpec } from '../rows';
import type { BenchResult } from '../types';
import { lrkitPeers, measureWithPeer, now, startPeer, type Suite, usableBackends } from './context';
import { tabularRows } from './tabular';

/** The seed job is train()'s defaults; the bench runs it with seed 1 (PyTorch's peer uses the same). */
export const SEED = { ...trainDefaults, seed: 1 } as const;

export const SEED_LOOP: MetricSpec = { key: 'loopMs', metric: `training loop (${SEED.epochs} epochs)`, unit: 'ms', better: 'lower' };
export const SEED_JOB: MetricSpec = { key: 'jobMs', metric: 'whole job (data to test accuracy)', unit: 'ms', better: 'lower' };

/** tfjs-layers' model.fit of the seed job on lrkit's own training split; the schedule from @lrkit/schedulers, per epoch. */
function tfjsLayersContender(backend: string, threads: number, d: BatchSource): Contender {
  return {
    impl: `tfjs-layers/${backend}`,
    async sample() {
      await activate(backend, threads);
      const model = tfl.sequential({
        layers: [
          ...SEED.hidden.map((units, i) => tfl.layers.dense({ ...(i === 0 ? { inputShape: [d.cols] } : {}), units, activation: 'relu' })),
          tfl.layers.dense({ units: 1, activation: 'sigmoid' }),
        ],
      });
      const optimizer = tf.train.adam(SEED.lr);
      model.compile({ optimizer, loss: 'binaryCrossentropy' });
      const x = tf.tensor2d(d.x, [d.rows, d.cols]);
      const y = tf.tensor2d(d.y, [d.rows, 1]);
      // The schedule steps a param group; tfjs' AdamOptimizer reads its (protected) learningRate on every
      // step, so setting it from the group is the only way in.
      const group = { paramGroups: [{ lr: SEED.lr, weightDecay: 0 }] };
      const schedule = createScheduler(SEED.schedule, group);
      try {
        const t0 = now();
        await model.fit(x, y, {
          epochs: SEED.epochs,
          batchSize: SEED.batchSize,
          shuffle: true,
          verbose: 0,
          callbacks: {
            onEpochEnd: async () => {
              schedule.step();
              (optimizer as unknown as { learningRate: number }).learningRate = group.paramGroups[0]!.lr;
            },
          },
        });
        return { loopMs: now() - t0 };
      } finally {
        x.dispose();
        y.dispose();
        model.dispose();
        optimizer.dispose();
      }
    },
  };
}

function lrkitContender(backend: string, threads: number): Contender {
  return {
    impl: `lrkit/${backend}`,
    async sample() {
      const t0 = now();
      const r = await train({ backend, threads, seed: SEED.seed });
      // The seed job is a classification: its metrics always carry accuracy.
      return { jobMs: now() - t0, loopMs: r.trainMs, accuracy: r.metrics.kind === 'regression' ? Number.NaN : r.metrics.accuracy };
    },
  };
}

function torchContender(peer: PythonPeer): Contender {
  return {
    impl: 'pytorch/cpu',
    async sample() {
      const a = await peer.request({ op: 'job', seed: SEED.seed });
      return { jobMs: PythonPeer.num(a, 'job_ms'), loopMs: PythonPeer.num(a, 'loop_ms'), accuracy: PythonPeer.num(a, 'accuracy') };
    },
  };
}

export const seedSuite: Suite = async (ctx) => {
  const rows: BenchResult[] = [];
  const contenders: Contender[] = [];
  const lrkitImpls: string[] = [];
  // The seed's training split, scaled, as lrkit's train() prepares it: what tfjs-layers trains on.
  const split = (await prepareData(undefined, { target: SEED.target, testFraction: SEED.testFraction, seed: SEED.seed })).train;
  const usable = await usableBackends(ctx, 'seed', (b) => [`lrkit/${b}`, `tfjs-layers/${b}`], [SEED_LOOP]);
  rows.push(...usable.rows);
  for (const b of usable.backends) {
    contenders.push(lrkitContender(b, ctx.options.threads), tfjsLayersContender(b, ctx.options.threads, split));
    lrkitImpls.push(`lrkit/${b}`);
  }
  const started = await startPeer(ctx, 'seed', 'seed_peer.py', ['--threads', String(ctx.options.threads)]);
  const runs = await measureWithPeer(ctx, 'seed', contenders, started, torchContender, SEED_LOOP, rows);
  const measured: BenchResult[] = [];
  for (const run of runs) {
    const peers = lrkitImpls.includes(run.impl) ? lrkitPeers(run.impl) : [];
    // tfjs-layers has no whole-job time: its pair is left out of the job row's ratios.
    const loopRatios = ratiosAgainst(run, runs, peers, 'loopMs', 'lower');
    const jobRatios = ratiosAgainst(run, runs, peers, 'jobMs', 'lower');
    const acc = run.samples.find((s) => s?.accuracy !== undefined)?.accuracy;
    const note = acc !== undefined ? `test accuracy ${acc.toFixed(3)} (seed ${SEED.seed})` : undefined;
    measured.push(measuredRow('seed', run, SEED_LOOP, { ratios: loopRatios, ...(note ? { note } : {}) }));
    if (run.impl.startsWith('tfjs-layers/')) continue;
    measured.push(measuredRow('seed', run, SEED_JOB, { ratios: jobRatios }));
  }
  return [...measured, ...rows, ...(await tabularRows(ctx))];
};
