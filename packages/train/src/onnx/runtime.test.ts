// Both runtimes serve the same model to the same numbers; the choice is explicit, reported, and validated.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCsv, fitStandardScaler } from '@lrkit/data';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportOnnx, loadOnnxModel, ONNX_RUNTIMES, OnnxRuntimeError, predictOnnx } from './index';
import { resolveOnnxRuntime } from './runtime';
import { maxAbsDiff, randomMlp, referenceForward } from './test-support';

const dir = mkdtempSync(join(tmpdir(), 'lrkit-onnx-runtime-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const table = loadCsv();
const path = join(dir, 'model.onnx');
const model = randomMlp([30, 16, 1], ['relu', 'linear'], 3);
const scaler = fitStandardScaler(table);
const pre = {
  featureNames: table.featureNames,
  mean: Array.from(scaler.mean),
  scale: Array.from(scaler.scale),
  labels: table.labels,
  target: table.target,
};

beforeAll(async () => {
  await exportOnnx(model, pre, { path });
});

describe('onnxruntime choice', () => {
  it.each(ONNX_RUNTIMES)('%s serves the model within 1e-5 of the float64 reference', async (runtime) => {
    const loaded = await loadOnnxModel(path, { runtime });
    try {
      expect(loaded.runtime).toBe(runtime);
      const prediction = await predictOnnx(loaded, table);
      if (prediction.task !== 'classification') throw new Error(`expected a classification model, got ${prediction.task}`);
      expect(maxAbsDiff(prediction.probabilities, referenceForward(model, pre, table.x, table.rows))).toBeLessThan(1e-5);
    } finally {
      await loaded.close();
    }
  });

  it('auto takes onnxruntime-node where it is installed (it is, as a devDependency here)', async () => {
    const loaded = await loadOnnxModel(path, { runtime: 'auto' });
    expect(loaded.runtime).toBe('onnxruntime-node');
    await loaded.close();
  });

  it("onnxruntime-web's one thread pool: a later session asking for another size is refused", async () => {
    // The first web session above sized the pool (onnxruntime's default).
    const error = await loadOnnxModel(path, { runtime: 'onnxruntime-web', sessionOptions: { intraOpNumThreads: 3 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OnnxRuntimeError);
    expect((error as Error).message).toMatch(/thread pool was sized at its first session \(default threads\); intraOpNumThreads 3 cannot change it/);
  });

  it('the option wins over LRKIT_ONNX_RUNTIME, which wins over auto', () => {
    expect(resolveOnnxRuntime(undefined, {})).toBe('auto');
    expect(resolveOnnxRuntime(undefined, { LRKIT_ONNX_RUNTIME: 'onnxruntime-web' })).toBe('onnxruntime-web');
    expect(resolveOnnxRuntime('onnxruntime-node', { LRKIT_ONNX_RUNTIME: 'onnxruntime-web' })).toBe('onnxruntime-node');
  });

  it('an unknown runtime is a user error naming where it came from', async () => {
    expect(() => resolveOnnxRuntime(undefined, { LRKIT_ONNX_RUNTIME: 'tensorrt' })).toThrow(
      /^LRKIT_ONNX_RUNTIME: unknown onnxruntime 'tensorrt' \(expected auto, onnxruntime-node, onnxruntime-web\)$/,
    );
    const error = await loadOnnxModel(path, { runtime: 'webgpu' as never }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OnnxRuntimeError);
    expect((error as OnnxRuntimeError).exitCode).toBe(2);
    expect((error as Error).message).toMatch(/the 'runtime' option: unknown onnxruntime 'webgpu'/);
  });
});
