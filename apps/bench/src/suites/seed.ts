// The seed job (breast-cancer MLP 30-64-1, Adam 1e-3, StepLR(10, 0.1), 50 epochs, batch 32) per backend,
// beside PyTorch's same job and tfjs-layers' model.fit of the same model, optimizer and schedule.
import { createRng } from '@lrkit/core';
import * as tfl from '@tensorflow/tfjs-layers';
import { tf } from '@lrkit/core';
import { loadPackage } from '../api';
import { activate } from '../backends';
import type { DataApi, TrainApi } from '../lrkit-api';
import type { Contender, ContenderRun } from '../measure';
import { pairRatio } from '../measure';
import { PythonPeer, peerScript } from '../python';
import { measuredRow, unavailableRow, type MetricSpec } from '../rows';
import type { BenchResult, Ratio } from '../types';
import { measure, now, pythonPath, type Suite, runnableBackend } from './context';
import { tabularRows } from './tabular';

export const SEED = { epochs: 50, batchSize: 32, lr: 1e-3, stepSize: 10, gamma: 0.1, hidden: 64, seed: 1 } as const;

export const SEED_LOOP: MetricSpec = { key: 'loopMs', metric: 'training loop (50 epochs)', unit: 'ms', better: 'lower' };
export const SEED_JOB: MetricSpec = { key: 'jobMs', metric: 'whole job (data to test accuracy)', unit: 'ms', better: 'lower' };

interface SeedArrays {
  x: Float32Array;
  y: Float32Array;
  rows: number;
  cols: number;
}

/** The seed's training split, scaled, through @lrkit/data: what tfjs-layers trains on. */
async function seedTrainingSplit(): Promise<{ ok: true; data: SeedArrays } | { ok: false; reason: string }> {
  const data = await loadPackage<DataApi>('@lrkit/data', ['loadCsv', 'trainTestSplit', 'fitStandardScaler', 'applyScaler']);
  if (!data.ok) return data;
  const { loadCsv, trainTestSplit, fitStandardScaler, applyScaler } = data.mod;
  const split = trainTestSplit(loadCsv(), { testFraction: 0.2, rng: createRng(SEED.seed) });
  const train = applyScaler(split.train, fitStandardScaler(split.train));
  return {
    ok: true,
    data: { x: Float32Array.from(train.x), y: Float32Array.from(train.y), rows: train.rows, cols: train.cols },
  };
}

/** tfjs-layers' model.fit of the seed job; StepLR through a callback that sets Adam's learning rate. */
function tfjsLayersContender(backend: string, d: SeedArrays): Contender {
  return {
    impl: `tfjs-layers/${backend}`,
    async sample() {
      await activate(backend);
      const model = tfl.sequential({
        layers: [
          tfl.layers.dense({ inputShape: [d.cols], units: SEED.hidden, activation: 'relu' }),
          tfl.layers.dense({ units: 1, activation: 'sigmoid' }),
        ],
      });
      const optimizer = tf.train.adam(SEED.lr);
      model.compile({ optimizer, loss: 'binaryCrossentropy' });
      const x = tf.tensor2d(d.x, [d.rows, d.cols]);
      const y = tf.tensor2d(d.y, [d.rows, 1]);
      // tfjs' AdamOptimizer reads its (protected) learningRate on every step: setting it is the only way in.
      const setLr = (lr: number) => {
        (optimizer as unknown as { learningRate: number }).learningRate = lr;
      };
      try {
        const t0 = now();
        await model.fit(x, y, {
          epochs: SEED.epochs,
          batchSize: SEED.batchSize,
          shuffle: true,
          verbose: 0,
          callbacks: {
            onEpochEnd: async (epoch: number) => {
              setLr(SEED.lr * SEED.gamma ** Math.floor((epoch + 1) / SEED.stepSize));
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

function lrkitContender(backend: string, api: TrainApi): Contender {
  return {
    impl: `lrkit/${backend}`,
    async sample() {
      const t0 = now();
      const r = await api.train({ backend, seed: SEED.seed });
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
  const train = await loadPackage<TrainApi>('@lrkit/train', ['train']);
  const split = await seedTrainingSplit();
  for (const b of ctx.options.backends) {
    const status = await runnableBackend(ctx, b);
    if (!status.available) {
      rows.push(unavailableRow('seed', `lrkit/${b}`, SEED_LOOP.metric, SEED_LOOP.unit, `backend ${b}: ${status.reason}`));
      rows.push(unavailableRow('seed', `tfjs-layers/${b}`, SEED_LOOP.metric, SEED_LOOP.unit, `backend ${b}: ${status.reason}`));
      continue;
    }
    if (train.ok) {
      contenders.push(lrkitContender(b, train.mod));
      lrkitImpls.push(`lrkit/${b}`);
    } else rows.push(unavailableRow('seed', `lrkit/${b}`, SEED_LOOP.metric, SEED_LOOP.unit, train.reason));
    if (split.ok) contenders.push(tfjsLayersContender(b, split.data));
    else rows.push(unavailableRow('seed', `tfjs-layers/${b}`, SEED_LOOP.metric, SEED_LOOP.unit, split.reason));
  }
  let peer: PythonPeer | undefined;
  const py = pythonPath(ctx);
  if ('absent' in py) {
    rows.push(unavailableRow('seed', 'pytorch/cpu', SEED_LOOP.metric, SEED_LOOP.unit, `absent: ${py.absent}`));
  } else {
    try {
      ctx.progress.note(`seed: starting the PyTorch peer (${py.path})`);
      peer = (await PythonPeer.start(py.path, peerScript('seed_peer.py'), ['--threads', String(ctx.options.threads)])).peer;
      contenders.push(torchContender(peer));
    } catch (err) {
      rows.push(unavailableRow('seed', 'pytorch/cpu', SEED_LOOP.metric, SEED_LOOP.unit, (err as Error).message));
    }
  }
  let runs: ContenderRun[] = [];
  try {
    runs = contenders.length > 0 ? await measure(ctx, 'seed', contenders) : [];
  } finally {
    peer?.close();
  }
  const byImpl = new Map(runs.map((r) => [r.impl, r]));
  const torch = byImpl.get('pytorch/cpu');
  const measured: BenchResult[] = [];
  for (const run of runs) {
    const isLrkit = lrkitImpls.includes(run.impl);
    const backend = run.impl.split('/')[1];
    const loopRatios: Ratio[] = [];
    const jobRatios: Ratio[] = [];
    if (isLrkit) {
      const layers = byImpl.get(`tfjs-layers/${backend}`);
      const vsTorch = torch && pairRatio(run, torch, 'loopMs', 'lower');
      const vsLayers = layers && pairRatio(run, layers, 'loopMs', 'lower');
      if (vsTorch) loopRatios.push(vsTorch);
      if (vsLayers) loopRatios.push(vsLayers);
      const jobVsTorch = torch && pairRatio(run, torch, 'jobMs', 'lower');
      if (jobVsTorch) jobRatios.push(jobVsTorch);
      // native against wasm, round by round: the measurement behind the default backend's rule.
      const wasm = run.impl === 'lrkit/native' ? byImpl.get('lrkit/wasm') : undefined;
      const loopVsWasm = wasm && pairRatio(run, wasm, 'loopMs', 'lower');
      const jobVsWasm = wasm && pairRatio(run, wasm, 'jobMs', 'lower');
      if (loopVsWasm) loopRatios.push(loopVsWasm);
      if (jobVsWasm) jobRatios.push(jobVsWasm);
    }
    const acc = run.samples.find((s) => s?.accuracy !== undefined)?.accuracy;
    const note = acc !== undefined ? `test accuracy ${acc.toFixed(3)} (seed ${SEED.seed})` : undefined;
    measured.push(measuredRow('seed', run, SEED_LOOP, { ratios: loopRatios, ...(note ? { note } : {}) }));
    if (run.impl.startsWith('tfjs-layers/')) continue;
    measured.push(measuredRow('seed', run, SEED_JOB, { ratios: jobRatios }));
  }
  return [...measured, ...rows, ...(await tabularRows(ctx))];
};
