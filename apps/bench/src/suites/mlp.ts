// A compute-bound MLP (default 784-512-512-10, batch 256, softmax cross-entropy, Adam): training
// throughput per backend, beside PyTorch at the same thread count and tfjs-layers on the same backend.
import { tf } from '@lrkit/core';
import * as tfl from '@tensorflow/tfjs-layers';
import { activate } from '../backends';
import { describeMachine } from '../machine';
import type { Contender } from '../measure';
import { ratiosAgainst } from '../measure';
import { PythonPeer } from '../python';
import { measureSimdPeak, type SimdPeak } from '../simd-peak';
import { measuredRow, unavailableRow, valueRow, type MetricSpec } from '../rows';
import type { BenchResult } from '../types';
import { lrkitPeers, measureWithPeer, now, runnableBackend, startPeer, type Suite, type SuiteContext, usableBackends } from './context';
import { lrkitMlpStepper } from './mlp-lrkit';
import { matmulProfileRows } from './mlp-profile';
import { stepsFor, syntheticBatch, trainFlopsPerSample, type Stepper } from './mlp-common';

export const MLP_THROUGHPUT: MetricSpec = { key: 'samplesPerSec', metric: 'training throughput', unit: 'samples/s', better: 'higher' };
export const MLP_GFLOPS: MetricSpec = { key: 'gflops', metric: 'training GFLOP/s', unit: 'GFLOP/s', better: 'higher' };

export interface Pace {
  /** How long a sample should take. */
  targetMs: number;
  /** The fewest steps in a sample. */
  minSteps: number;
}

function rates(steps: number, ms: number, batch: number, flopsPerSample: number) {
  const samplesPerSec = (steps * batch) / (ms / 1000);
  return { samplesPerSec, gflops: (samplesPerSec * flopsPerSample) / 1e9 };
}

/**
 * A contender whose first sample is one step, which sets the step count of the later ones (so a sample
 * lasts about `pace.targetMs`); every sample reports samples/s and GFLOP/s. The first sample is
 * normally a warm-up, so the calibration costs no extra time.
 */
export function throughputContender(
  impl: string,
  make: () => Promise<Stepper>,
  batch: number,
  flopsPerSample: number,
  pace: Pace,
  before: () => Promise<void> = async () => {},
): Contender & { dispose(): void } {
  let stepper: Stepper | undefined;
  let n = 0;
  return {
    impl,
    async sample() {
      await before();
      stepper ??= await make();
      const steps = n === 0 ? 1 : n;
      const t0 = now();
      await stepper.steps(steps);
      const ms = now() - t0;
      if (n === 0) n = stepsFor(pace.targetMs, ms, pace.minSteps);
      return rates(steps, ms, batch, flopsPerSample);
    },
    dispose() {
      stepper?.dispose();
    },
  };
}

function tfjsLayersStepper(sizes: readonly number[], batch: number): Stepper {
  const data = syntheticBatch(sizes, batch);
  const layers: tfl.layers.Layer[] = [];
  for (let i = 1; i < sizes.length; i++) {
    const last = i === sizes.length - 1;
    layers.push(
      tfl.layers.dense({
        units: sizes[i]!,
        activation: last ? 'softmax' : 'relu',
        ...(i === 1 ? { inputShape: [sizes[0]!] } : {}),
      }),
    );
  }
  const model = tfl.sequential({ layers });
  model.compile({ optimizer: tf.train.adam(1e-3), loss: 'categoricalCrossentropy' });
  const x = tf.tensor2d(data.x, [batch, data.inputs]);
  const y = tf.tensor2d(data.oneHot, [batch, data.classes]);
  return {
    async steps(n) {
      for (let i = 0; i < n; i++) await model.trainOnBatch(x, y);
    },
    dispose() {
      x.dispose();
      y.dispose();
      model.dispose();
    },
  };
}

/** Throughput measured by the peer itself (its own clock around its steps, no IPC in the timing). */
function torchContender(peer: PythonPeer, batch: number, flopsPerSample: number, pace: Pace): Contender {
  let n = 0;
  return {
    impl: 'pytorch/cpu',
    async sample() {
      const steps = n === 0 ? 1 : n;
      const ms = PythonPeer.num(await peer.request({ op: 'run', steps }), 'ms');
      if (n === 0) n = stepsFor(pace.targetMs, ms, pace.minSteps);
      return rates(steps, ms, batch, flopsPerSample);
    },
  };
}

export const WASM_SIMD_PEAK = 'wasm SIMD peak, measured, one core';

function peakRows(ctx: SuiteContext, measured: SimdPeak): BenchResult[] {
  const peak = describeMachine(ctx.python).peakGflops;
  const measuredPeak = valueRow('mlp', 'machine', WASM_SIMD_PEAK, measured.gflops, 'GFLOP/s', measured.how);
  if (!peak) return [unavailableRow('mlp', 'machine', 'fp32 peak estimate', 'GFLOP/s', 'no clock speed or core count reported'), measuredPeak];
  return [
    valueRow('mlp', 'machine', 'fp32 peak estimate, one core', peak.perCore, 'GFLOP/s', peak.assumption),
    valueRow('mlp', 'machine', 'fp32 peak estimate, all cores', peak.allCores, 'GFLOP/s'),
    valueRow('mlp', 'machine', 'fp32 peak estimate, wasm SIMD one core', peak.wasmSimdPerCore, 'GFLOP/s', 'assumes an FMA wasm SIMD lacks, at the nominal clock'),
    measuredPeak,
  ];
}

/** lrkit/wasm's GFLOP/s as a share of the measured wasm SIMD peak, for its row's note. */
function shareOfPeak(row: BenchResult, peak: SimdPeak): string | undefined {
  if (row.value === null || !(peak.gflops > 0)) return undefined;
  return `${Math.round((100 * row.value) / peak.gflops)}% of the measured wasm SIMD peak (${peak.gflops.toFixed(1)} GFLOP/s)`;
}

export const mlpSuite: Suite = async (ctx) => {
  const { mlpSizes: sizes, mlpBatch: batch, threads, quick } = ctx.options;
  const flops = trainFlopsPerSample(sizes);
  const pace: Pace = quick ? { targetMs: 300, minSteps: 1 } : { targetMs: 1000, minSteps: 2 };
  const shape = `${sizes.join('-')}, batch ${batch}`;
  const contenders: (Contender & { dispose?(): void })[] = [];
  const lrkitImpls: string[] = [];
  const usable = await usableBackends(ctx, 'mlp', (b) => [`lrkit/${b}`, `tfjs-layers/${b}`], [MLP_THROUGHPUT]);
  const rows = usable.rows;
  for (const b of usable.backends) {
    contenders.push(throughputContender(`lrkit/${b}`, () => lrkitMlpStepper(sizes, batch), batch, flops, pace, () => activate(b, threads)));
    lrkitImpls.push(`lrkit/${b}`);
    contenders.push(
      throughputContender(`tfjs-layers/${b}`, async () => tfjsLayersStepper(sizes, batch), batch, flops, pace, () => activate(b, threads)),
    );
  }
  const args = ['--sizes', sizes.join(','), '--batch', String(batch), '--threads', String(threads)];
  const started = await startPeer(ctx, 'mlp', 'mlp_peer.py', args, `, ${threads} thread${threads > 1 ? 's' : ''}`);
  const runs = await measureWithPeer(ctx, 'mlp', contenders, started, (peer) => torchContender(peer, batch, flops, pace), MLP_THROUGHPUT, rows);
  // Timed right after the contenders, so at the same clock as they ran.
  ctx.progress.note('mlp: measuring the wasm SIMD peak (wasm/simd-peak.wat)');
  const simdPeak = measureSimdPeak();
  const measured: BenchResult[] = [];
  for (const run of runs) {
    const ratios = lrkitImpls.includes(run.impl) ? ratiosAgainst(run, runs, lrkitPeers(run.impl), 'samplesPerSec', 'higher') : [];
    const threadNote = run.impl === 'pytorch/cpu' || run.impl.endsWith('/native') ? `${threads} thread${threads > 1 ? 's' : ''}` : run.impl.endsWith('/wasm') ? '1 thread (tfjs wasm under Node)' : undefined;
    measured.push(measuredRow('mlp', run, MLP_THROUGHPUT, { ratios, note: [shape, threadNote].filter(Boolean).join(', ') }));
    const gflops = measuredRow('mlp', run, MLP_GFLOPS);
    const share = run.impl === 'lrkit/wasm' ? shareOfPeak(gflops, simdPeak) : undefined;
    if (share) gflops.note = share;
    measured.push(gflops);
  }
  // The profile of the first hidden layer's matmuls, on wasm (the backend the target is about).
  const profile: BenchResult[] = [];
  if (ctx.options.backends.includes('wasm') && (await runnableBackend(ctx, 'wasm')).available && sizes.length >= 2) {
    ctx.progress.note('mlp: profiling the matmul shapes of one training step on wasm');
    profile.push(...(await matmulProfileRows('wasm', threads, batch, sizes[0]!, sizes[1]!, quick ? 3 : 7)));
  }
  return [...peakRows(ctx, simdPeak), ...measured, ...profile, ...rows];
};
