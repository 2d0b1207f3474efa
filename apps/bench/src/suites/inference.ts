// The exported model served by onnxruntime-node and by onnxruntime-web (its WebAssembly build, lrkit's
// default runtime) against lrkit's tfjs forward pass of the same model (scaling included on every side):
// batch-1 latency and batch-4096 throughput.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRng } from '@lrkit/core';
import { createPredictor, exportOnnx, loadOnnxModel, train, type Predictor } from '@lrkit/train';
import { activate } from '../backends';
import type { Contender, ContenderRun } from '../measure';
import { pairRatio } from '../measure';
import { measuredRow, unavailableRow, type MetricSpec } from '../rows';
import type { BenchResult, Ratio } from '../types';
import { measure, now, type Suite, usableBackends } from './context';
import { stepsFor } from './mlp-common';

export const BIG_BATCH = 4096;
export const LATENCY: MetricSpec = { key: 'usPerCall', metric: 'batch 1 latency', unit: 'us', better: 'lower' };
export const THROUGHPUT: MetricSpec = { key: 'rowsPerSec', metric: `batch ${BIG_BATCH} throughput`, unit: 'rows/s', better: 'higher' };
/** The onnxruntimes measured; the first one that loads is the peer every ratio is taken against. */
const ORT_RUNTIMES = ['onnxruntime-node', 'onnxruntime-web'] as const;

type Forward = (rows: number) => Promise<unknown>;
type OnnxModel = Awaited<ReturnType<typeof loadOnnxModel>>;

/** Times `calls` forward passes of `rows` rows; the first sample is one call, which sets the count. */
function forwardContender(impl: string, forward: Forward, rows: number, targetMs: number, before = async () => {}): Contender {
  let calls = 0;
  return {
    impl,
    async sample() {
      await before();
      const n = calls === 0 ? 1 : calls;
      const t0 = now();
      for (let i = 0; i < n; i++) await forward(rows);
      const ms = now() - t0;
      if (calls === 0) calls = stepsFor(targetMs, ms);
      return { usPerCall: (ms * 1000) / n, rowsPerSec: (n * rows) / (ms / 1000) };
    },
  };
}

function randomRows(rows: number, cols: number, mean: readonly number[], scale: readonly number[]): Float64Array {
  // Raw feature rows around the training data's own mean and spread, as a caller would send them.
  const rng = createRng(11);
  const x = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) x[i * cols + j] = mean[j]! + scale[j]! * rng.uniform(-2, 2);
  }
  return x;
}

export const inferenceSuite: Suite = async (ctx) => {
  const targetMs = ctx.options.quick ? 200 : 600;
  const threads = ctx.options.threads;
  const rows: BenchResult[] = [];
  // The seed model: a short training run is enough, the weights' values do not change the timing.
  ctx.progress.note('inference: training and exporting the seed model (5 epochs)');
  const trained = await train({ backend: 'wasm', seed: 1, epochs: 5 });
  const dir = mkdtempSync(join(tmpdir(), 'lrkit-bench-'));
  const sessions = new Map<string, OnnxModel>();
  const cleanup: (() => void)[] = [];
  try {
    const path = join(dir, 'seed.onnx');
    await exportOnnx(trained.model, trained.preprocessing, { path });
    for (const runtime of ORT_RUNTIMES) {
      try {
        sessions.set(runtime, await loadOnnxModel(path, { runtime, sessionOptions: { intraOpNumThreads: threads, interOpNumThreads: 1 } }));
      } catch (error) {
        for (const m of [LATENCY, THROUGHPUT]) rows.push(unavailableRow('inference', runtime, m.metric, m.unit, (error as Error).message));
      }
    }
    const { mean, scale, featureNames } = trained.preprocessing;
    const cols = featureNames.length;
    // The same rows for both: float64 for predictProba (it scales in float64, as training does),
    // float32 for onnxruntime (the graph's input type).
    const inputs = new Map([1, BIG_BATCH].map((n) => {
      const x64 = randomRows(n, cols, mean, scale);
      return [n, { x64, x32: Float32Array.from(x64) }] as const;
    }));
    const ortForward = (session: OnnxModel): Forward => (n) => session.run(inputs.get(n)!.x32, n);
    // The model is built once per backend (as a server holds it); each call scales the raw rows, runs the
    // forward pass and the output activation, and reads the probabilities back.
    const held = new Map<string, Predictor>();
    const heldForward = (b: string): Forward => async (n) => {
      let p = held.get(b);
      if (!p) held.set(b, (p = createPredictor(trained.model, trained.preprocessing)));
      return p.predict(inputs.get(n)!.x64, n);
    };
    cleanup.push(() => held.forEach((p) => p.dispose()));
    const groups: { spec: MetricSpec; rows: number }[] = [
      { spec: LATENCY, rows: 1 },
      { spec: THROUGHPUT, rows: BIG_BATCH },
    ];
    const usable = await usableBackends(ctx, 'inference', (b) => [`lrkit/${b}`], groups.map((g) => g.spec));
    const backends = usable.backends;
    rows.push(...usable.rows);
    for (const g of groups) {
      const contenders: Contender[] = [...sessions].map(([runtime, session]) => forwardContender(runtime, ortForward(session), g.rows, targetMs));
      for (const b of backends) contenders.push(forwardContender(`lrkit/${b}`, heldForward(b), g.rows, targetMs, () => activate(b, threads)));
      const runs: ContenderRun[] = await measure(ctx, `inference ${g.spec.metric}`, contenders);
      // Contenders keep their order: the first is the onnxruntime every ratio is taken against.
      const ortRun = runs[0]!;
      const ratios: Ratio[] = [];
      for (const run of runs.slice(1)) {
        const r = pairRatio(ortRun, run, g.spec.key, g.spec.better);
        if (r) ratios.push(r);
      }
      const ortNote = `${threads} intra-op thread${threads > 1 ? 's' : ''}; seed model ${cols}-${trained.model.layers.map((l) => l.outputSize).join('-')}, scaling in the graph`;
      const noteOf = (run: ContenderRun) => (sessions.has(run.impl) ? ortNote : 'tfjs forward of the held model, scaling included');
      rows.push(measuredRow('inference', ortRun, g.spec, { ratios, note: noteOf(ortRun) }));
      for (const run of runs.slice(1)) rows.push(measuredRow('inference', run, g.spec, { note: noteOf(run) }));
    }
  } finally {
    for (const c of cleanup) c();
    for (const session of sessions.values()) await session.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
};
