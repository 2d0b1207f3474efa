// The exported model served by onnxruntime-node against lrkit's tfjs forward pass of the same model
// (scaling included on both sides): batch-1 latency and batch-4096 throughput.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRng } from '@lrkit/core';
import { loadPackage } from '../api';
import { activate, backendStatus } from '../backends';
import type { MlpJSON, Preprocessing, TrainApi } from '../lrkit-api';
import type { Contender, ContenderRun } from '../measure';
import { pairRatio } from '../measure';
import { measuredRow, unavailableRow, type MetricSpec } from '../rows';
import type { BenchResult, Ratio } from '../types';
import { measure, now, type Suite } from './context';
import { stepsFor } from './mlp-common';

interface OnnxModel {
  run(x: Float32Array, rows: number): Promise<Float32Array>;
  close(): Promise<void>;
}
interface InferenceApi {
  train: TrainApi['train'];
  exportOnnx(model: MlpJSON, preprocessing: Preprocessing, options: { path: string }): Promise<unknown>;
  loadOnnxModel(path: string, options?: { sessionOptions?: Record<string, unknown> }): Promise<OnnxModel>;
  predictProba(model: MlpJSON, preprocessing: Preprocessing, x: Float32Array, rows: number): Float32Array | Promise<Float32Array>;
}

export const BIG_BATCH = 4096;
export const LATENCY: MetricSpec = { key: 'usPerCall', metric: 'batch 1 latency', unit: 'us', better: 'lower' };
export const THROUGHPUT: MetricSpec = { key: 'rowsPerSec', metric: `batch ${BIG_BATCH} throughput`, unit: 'rows/s', better: 'higher' };

type Forward = (x: Float32Array, rows: number) => Promise<unknown>;

/** Times `calls` forward passes of `rows` rows; the call count is calibrated on first use. */
function forwardContender(impl: string, forward: Forward, rows: number, x: Float32Array, targetMs: number, before = async () => {}): Contender {
  let calls = 0;
  return {
    impl,
    async sample() {
      await before();
      if (calls === 0) {
        const t = now();
        await forward(x, rows);
        calls = stepsFor(targetMs, now() - t);
      }
      const t0 = now();
      for (let i = 0; i < calls; i++) await forward(x, rows);
      const ms = now() - t0;
      return { usPerCall: (ms * 1000) / calls, rowsPerSec: (calls * rows) / (ms / 1000) };
    },
  };
}

function randomRows(rows: number, cols: number, mean: readonly number[], scale: readonly number[]): Float32Array {
  // Raw feature rows around the training data's own mean and spread, as a caller would send them.
  const rng = createRng(11);
  const x = new Float32Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) x[i * cols + j] = mean[j]! + scale[j]! * rng.uniform(-2, 2);
  }
  return x;
}

export const inferenceSuite: Suite = async (ctx) => {
  const api = await loadPackage<InferenceApi>('@lrkit/train', ['train', 'exportOnnx', 'loadOnnxModel', 'predictProba']);
  const impls = ['onnxruntime-node', ...ctx.options.backends.map((b) => `lrkit/${b}`)];
  if (!api.ok) {
    return impls.flatMap((impl) => [LATENCY, THROUGHPUT].map((m) => unavailableRow('inference', impl, m.metric, m.unit, api.reason)));
  }
  const targetMs = ctx.options.quick ? 200 : 600;
  const threads = ctx.options.threads;
  const rows: BenchResult[] = [];
  // The seed model: a short training run is enough, the weights' values do not change the timing.
  ctx.progress.note('inference: training and exporting the seed model (5 epochs)');
  const trained = await api.mod.train({ backend: 'wasm', seed: 1, epochs: 5 });
  const dir = mkdtempSync(join(tmpdir(), 'lrkit-bench-'));
  let onnx: OnnxModel | undefined;
  try {
    const path = join(dir, 'seed.onnx');
    await api.mod.exportOnnx(trained.model, trained.preprocessing, { path });
    onnx = await api.mod.loadOnnxModel(path, { sessionOptions: { intraOpNumThreads: threads, interOpNumThreads: 1 } });
    const { mean, scale, featureNames } = trained.preprocessing;
    const cols = featureNames.length;
    const one = randomRows(1, cols, mean, scale);
    const big = randomRows(BIG_BATCH, cols, mean, scale);
    const session = onnx;
    const ort: Forward = (x, n) => session.run(x, n);
    const groups: { spec: MetricSpec; rows: number; x: Float32Array }[] = [
      { spec: LATENCY, rows: 1, x: one },
      { spec: THROUGHPUT, rows: BIG_BATCH, x: big },
    ];
    const backends: string[] = [];
    for (const b of ctx.options.backends) {
      const status = await backendStatus(b);
      if (status.available) backends.push(b);
      else for (const g of groups) rows.push(unavailableRow('inference', `lrkit/${b}`, g.spec.metric, g.spec.unit, `backend ${b}: ${status.reason}`));
    }
    for (const g of groups) {
      const contenders: Contender[] = [forwardContender('onnxruntime-node', ort, g.rows, g.x, targetMs)];
      for (const b of backends) {
        const forward: Forward = async (x, n) => api.mod.predictProba(trained.model, trained.preprocessing, x, n);
        contenders.push(forwardContender(`lrkit/${b}`, forward, g.rows, g.x, targetMs, () => activate(b)));
      }
      const runs: ContenderRun[] = await measure(ctx, `inference ${g.spec.metric}`, contenders);
      const ortRun = runs[0]!;
      const ratios: Ratio[] = [];
      for (const run of runs.slice(1)) {
        const r = pairRatio(ortRun, run, g.spec.key, g.spec.better);
        if (r) ratios.push(r);
      }
      const note = `${threads} intra-op thread${threads > 1 ? 's' : ''}; seed model ${cols}-${trained.model.layers.map((l) => l.outputSize).join('-')}, scaling in the graph`;
      rows.push(measuredRow('inference', ortRun, g.spec, { ratios, note }));
      for (const run of runs.slice(1)) rows.push(measuredRow('inference', run, g.spec, { note: 'predictProba (tfjs forward, scaling included)' }));
    }
  } finally {
    await onnx?.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
};
