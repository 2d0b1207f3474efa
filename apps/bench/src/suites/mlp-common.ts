// Shared by the MLP suite's contenders: FLOP counting, synthetic data and step-count calibration.
import { createRng } from '@lrkit/core';

/** A way to run n training steps on one fixed batch: what each contender gives the measuring loop. */
export interface Stepper {
  steps(n: number): Promise<void>;
  dispose(): void;
}

/**
 * Training FLOPs per sample of a dense MLP, the products a training step computes: forward 2·in·out per
 * layer, backward 2·in·out for the weight gradient and, past the first layer, 2·in·out for the input
 * gradient (the network's input needs none: neither lrkit nor PyTorch computes it). So 6·Σ in·out less
 * 2·in·out of the first layer; runs before 2026-11-30 counted that too (784-512-512-10: 1.25x these figures,
 * the same ratios). Bias, activations, loss and optimizer are left out (they are O(Σ out), small beside the
 * matmuls), as is usual for GFLOP/s figures.
 */
export function trainFlopsPerSample(sizes: readonly number[]): number {
  let macs = 0;
  for (let i = 0; i + 1 < sizes.length; i++) macs += sizes[i]! * sizes[i + 1]!;
  return 6 * macs - (sizes.length >= 2 ? 2 * sizes[0]! * sizes[1]! : 0);
}

/** One synthetic batch: uniform [0, 1) features, random classes (as indices and one-hot). */
export function syntheticBatch(sizes: readonly number[], batch: number, seed = 7) {
  const rng = createRng(seed);
  const inputs = sizes[0]!;
  const classes = sizes[sizes.length - 1]!;
  const x = new Float32Array(batch * inputs);
  for (let i = 0; i < x.length; i++) x[i] = rng.next();
  const labels = new Int32Array(batch);
  const oneHot = new Float32Array(batch * classes);
  for (let i = 0; i < batch; i++) {
    const c = rng.int(classes);
    labels[i] = c;
    oneHot[i * classes + c] = 1;
  }
  return { x, labels, oneHot, inputs, classes };
}

/**
 * How many steps make a sample last about `targetMs`, from the time of one step: at least `min` (2 by
 * default; --quick allows 1 for steps that take longer than the target), at most 1000.
 */
export function stepsFor(targetMs: number, oneStepMs: number, min = 2): number {
  if (!(oneStepMs > 0)) return 1000;
  return Math.max(min, Math.min(1000, Math.round(targetMs / oneStepMs)));
}
