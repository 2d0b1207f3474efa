// Test fixtures for the ONNX tests: seeded models and a float64 reference forward pass.
// Not exported from the package.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRng } from '@lrkit/core';
import type { Activation, MlpJSON, Preprocessing } from '../types';
import type { ClassificationPrediction, OnnxPrediction } from './types';

/** A seeded MLP: `sizes` = [inputs, hidden..., 1], Glorot-uniform weights, small random biases. */
export function randomMlp(sizes: number[], activations: Activation[], seed = 11): MlpJSON {
  const rng = createRng(seed);
  const layers = sizes.slice(1).map((outputSize, i) => {
    const inputSize = sizes[i]!;
    const limit = Math.sqrt(6 / (inputSize + outputSize));
    return {
      inputSize,
      outputSize,
      activation: activations[i] ?? 'linear',
      weight: Array.from({ length: inputSize * outputSize }, () => rng.uniform(-limit, limit)),
      bias: Array.from({ length: outputSize }, () => rng.uniform(-0.1, 0.1)),
    };
  });
  return { layers, output: 'sigmoid' };
}

const ACTIVATE: Record<Activation, (v: number) => number> = {
  relu: (v) => Math.max(0, v),
  sigmoid: (v) => 1 / (1 + Math.exp(-v)),
  tanh: Math.tanh,
  linear: (v) => v,
};

/** P(class 1) per row in float64: the reference the exported graph must match. */
export function referenceForward(model: MlpJSON, pre: Preprocessing, x: Float64Array, rows: number): Float64Array {
  const f = pre.featureNames.length;
  const out = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    let h = Array.from({ length: f }, (_, j) => (x[r * f + j]! - pre.mean[j]!) / pre.scale[j]!);
    for (const layer of model.layers) {
      const next = layer.bias.slice();
      for (let i = 0; i < layer.inputSize; i++) {
        for (let o = 0; o < layer.outputSize; o++) next[o]! += h[i]! * layer.weight[i * layer.outputSize + o]!;
      }
      h = next.map(ACTIVATE[layer.activation]);
    }
    out[r] = ACTIVATE.sigmoid(h[0]!);
  }
  return out;
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`length ${a.length} vs ${b.length}`);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]! - b[i]!));
  return max;
}


/** A classification prediction, or a test failure saying what came instead. */
export function classified(p: OnnxPrediction): ClassificationPrediction {
  if (p.task !== 'classification') throw new Error(`expected a classification prediction, got ${p.task}`);
  return p;
}

const python = '/usr/bin/python3';
/** Whether the system python3 has onnx (Debian's python3-onnx), whose checker the export tests run. */
export const hasOnnxChecker = existsSync(python) && spawnSync(python, ['-c', 'import onnx'], { stdio: 'ignore' }).status === 0;
if (!hasOnnxChecker) console.warn(`skipping the onnx.checker tests: ${python} cannot import onnx (python3-onnx)`);

/** Runs onnx.checker (full check) on the model at `path`, then prints the python expression `show` of it (`m`). */
export function runOnnxChecker(path: string, show: string): { status: number | null; stdout: string; stderr: string } {
  const script = ['import sys, onnx', 'm = onnx.load(sys.argv[1])', 'onnx.checker.check_model(m, full_check=True)', `print(${show})`].join('\n');
  return spawnSync(python, ['-c', script, path], { encoding: 'utf8' });
}
