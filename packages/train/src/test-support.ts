import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tf } from '@lrkit/core';
import { expect } from 'vitest';
import { createOptimizer } from './optim/create';
import type { OptimizerOptions } from './types';

/** The backends every numeric test runs on: lrkit's fused kernels exist for both. */
export const testBackends = ['cpu', 'wasm'] as const;

/** PyTorch's numbers for the same inputs (fixtures/make_fixtures.py, Debian python3-torch 1.13). */
export function torchFixtures(): TorchFixtures {
  const path = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'torch-fixtures.json');
  return JSON.parse(readFileSync(path, 'utf8')) as TorchFixtures;
}

export interface OptimizerFixture {
  name: string;
  optimizer: 'adam' | 'adamw' | 'sgd';
  options: Record<string, unknown>;
  initial: number[];
  grads: number[][];
  lrs: number[];
  betas1: number[] | null;
  momenta: number[] | null;
  after: number[][];
}

export interface MlpFixture {
  name: string;
  sizes: number[];
  rows: number;
  loss: 'sigmoid-bce' | 'softmax-ce';
  x: number[];
  labels: number[];
  weights: number[][];
  biases: number[][];
  logits: number[];
  value: number;
  weightGrads: number[][];
  biasGrads: number[][];
}

export interface TorchFixtures {
  torch: string;
  optimizers: OptimizerFixture[];
  mlps: MlpFixture[];
}

/** Largest |a - b| / max(1, |b|) over two arrays of the same length. */
export function maxRelDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`length ${a.length} vs ${b.length}`);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!) / Math.max(1, Math.abs(b[i]!)));
  return worst;
}

/**
 * What the automatic choice must give in this checkout, worked out apart from the code under test: native
 * where its addon loads (the workspace builds it where a C++ compiler is), else wasm.
 */
export async function expectedAutoBackend(): Promise<'native' | 'wasm'> {
  const { checkNativeAvailability } = await import('@lrkit/backend-native');
  return checkNativeAvailability().available ? 'native' : 'wasm';
}

/**
 * Runs an optimizer fixture on the active backend: four steps with the group's rate (and betas or momentum)
 * changed between them, each compared with PyTorch's parameters after it. float32 throughout, rounding after
 * each op as torch does: agreement to a few ulps (1e-6 relative) on every backend.
 */
export function checkOptimizerFixture(c: OptimizerFixture): void {
  const param = tf.variable(tf.tensor1d(c.initial, 'float32'));
  const opt = createOptimizer(c.optimizer, [param], c.options as OptimizerOptions);
  for (let s = 0; s < c.grads.length; s++) {
    const group = opt.paramGroups[0]!;
    group.lr = c.lrs[s]!;
    if (c.betas1) group.betas = [c.betas1[s]!, group.betas![1]];
    if (c.momenta) group.momentum = c.momenta[s]!;
    const grad = tf.tensor1d(c.grads[s]!, 'float32');
    opt.step([grad]);
    grad.dispose();
    expect(maxRelDiff(param.dataSync(), c.after[s]!)).toBeLessThan(1e-6);
  }
  expect(opt.stepCount).toBe(c.grads.length);
  opt.dispose();
  param.dispose();
}
