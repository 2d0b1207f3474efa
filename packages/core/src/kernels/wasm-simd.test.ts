// The wasm backend's optimizer updates run as a WebAssembly SIMD kernel (wasm/updates.wat) on the
// backend's heap; the cpu backend runs the TypeScript loop. Both round every op to float32 in the same
// order, so they must agree bit for bit: on odd sizes (the scalar remainder after the 4-lane loop) and with
// every branch of the update. Also: the committed module is what the .wat assembles to.
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import '../index';
import { useBackend } from '../registry';
import { createRng } from '../rng';
import { LrkitAdamUpdate } from './adamUpdate';
import { LrkitSgdUpdate } from './sgdUpdate';

function values(n: number, seed: string, lo: number, hi: number): Float32Array {
  const rng = createRng(5).fork(seed);
  return Float32Array.from({ length: n }, () => rng.uniform(lo, hi));
}

/** Runs one update on `backend` and returns the bits of every output and in-place state. */
async function bits(backend: string, kernel: string, n: number, attrs: Record<string, unknown>, withBuffer: boolean): Promise<Uint32Array[]> {
  await useBackend(backend);
  const param = tf.tensor1d(values(n, 'p', -2, 2));
  const grad = tf.tensor1d(values(n, 'g', -1, 1));
  const state = kernel === LrkitAdamUpdate
    ? { expAvg: tf.tensor1d(values(n, 'm', -0.1, 0.1)), expAvgSq: tf.tensor1d(values(n, 'v', 0, 0.1)) }
    : withBuffer ? { momentumBuffer: tf.tensor1d(values(n, 'b', -1, 1)) } : {};
  const out = tf.engine().runKernel(kernel, { param, grad, ...state } as unknown as tf.NamedTensorMap, attrs as tf.NamedAttrMap) as tf.Tensor;
  const result = [out, ...Object.values(state)].map((t) => new Uint32Array((t.dataSync() as Float32Array).slice().buffer));
  tf.dispose([param, grad, out, ...Object.values(state)]);
  return result;
}

describe('wasm SIMD optimizer updates', () => {
  for (const n of [1, 3, 4, 7, 1029]) {
    for (const [decoupledWeightDecay, weightDecay] of [[false, 0], [false, 0.05], [true, 0.01]] as const) {
      it(`LrkitAdamUpdate, ${n} elements, decoupled ${decoupledWeightDecay}, weight decay ${weightDecay}: the same bits as cpu`, async () => {
        const attrs = { lr: 0.01, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay, step: 3, decoupledWeightDecay };
        expect(await bits('wasm', LrkitAdamUpdate, n, attrs, false)).toEqual(await bits('cpu', LrkitAdamUpdate, n, attrs, false));
      });
    }
    for (const [momentum, nesterov, initializeBuffer, weightDecay] of [[0, false, false, 0], [0.9, false, true, 0.01], [0.9, true, false, 0], [0.5, false, false, 0.1]] as const) {
      it(`LrkitSgdUpdate, ${n} elements, momentum ${momentum}, nesterov ${nesterov}, init ${initializeBuffer}: the same bits as cpu`, async () => {
        const attrs = { lr: 0.1, momentum, dampening: 0.1, nesterov, weightDecay, initializeBuffer };
        expect(await bits('wasm', LrkitSgdUpdate, n, attrs, momentum !== 0)).toEqual(await bits('cpu', LrkitSgdUpdate, n, attrs, momentum !== 0));
      });
    }
  }

  it('the committed modules are what wasm/updates.wat and matmul.wat assemble to (scripts/build-wasm.mjs --check)', () => {
    const script = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'scripts', 'build-wasm.mjs');
    const report = execFileSync(process.execPath, [script, '--check'], { encoding: 'utf8' });
    expect(report).toMatch(/^wasm-updates\.ts matches wasm\/updates\.wat/m);
    expect(report).toMatch(/^wasm-matmul\.ts matches wasm\/matmul\.wat/m);
  });
});
