import { mkdtempSync, readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useBackend } from '@lrkit/core';
import { fitStandardScaler, loadCsv } from '@lrkit/data';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { version } from '../../package.json';
import { predictProba } from '../loop/predict';
import { train } from '../loop/train';
import type { DenseLayerJSON, MlpJSON, Preprocessing } from '../types';
import {
  encodeOnnx,
  exportOnnx,
  type ExportOnnxResult,
  loadOnnxModel,
  MissingFeatureError,
  OnnxExportError,
  OnnxModelError,
  predictOnnx,
} from './index';
import { getModelProtoType } from './onnx-proto';
import { classified, hasOnnxChecker, maxAbsDiff, randomMlp, referenceForward, runOnnxChecker } from './test-support';

const dir = mkdtempSync(join(tmpdir(), 'lrkit-onnx-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// The embedded breast-cancer data: 569 rows, 30 features spanning 0.001 .. 4000.
const table = loadCsv();
const scaler = fitStandardScaler(table);
const pre: Preprocessing = {
  featureNames: table.featureNames,
  mean: Array.from(scaler.mean),
  scale: Array.from(scaler.scale),
  labels: table.labels,
  target: table.target,
};
const model = randomMlp([30, 64, 16, 1], ['relu', 'relu', 'linear']);
const config = { epochs: 50, optimizer: 'adam', lr: 0.001, schedule: { type: 'cosine', tMax: 50, etaMin: 1e-5 } };
const metrics = { accuracy: 0.9736842105263158, rocAuc: 0.996, confusion: { tp: 41, fp: 1, tn: 70, fn: 2 } };

function expectUserError(error: unknown, type: new (...args: never[]) => Error, message: RegExp): void {
  expect(error).toBeInstanceOf(type);
  expect((error as { exitCode?: number }).exitCode).toBe(2);
  expect((error as Error).message).toMatch(message);
}

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('exportOnnx + loadOnnxModel', () => {
  const path = join(dir, 'model.onnx');
  let exported: ExportOnnxResult;
  beforeAll(async () => {
    exported = await exportOnnx(model, pre, { path, metadata: { config, metrics } });
  });

  it('matches the float64 forward pass on every row to 1e-5', async () => {
    expect(exported).toMatchObject({ path, opset: 17, irVersion: 8 });
    const loaded = await loadOnnxModel(path);
    try {
      const { probabilities, labels } = classified(await predictOnnx(loaded, table));
      const reference = referenceForward(model, pre, table.x, table.rows);
      expect(probabilities).toHaveLength(table.rows);
      const diff = maxAbsDiff(probabilities, reference);
      console.log(`ONNX vs float64 reference: max abs diff ${diff.toExponential(2)} over ${table.rows} rows`);
      expect(diff).toBeLessThan(1e-5);
      // The fixture must not be degenerate: both classes predicted.
      expect(new Set(labels)).toEqual(new Set(['B', 'M']));
      labels.forEach((label, i) => expect(label).toBe(reference[i]! > 0.5 ? 'M' : 'B'));
    } finally {
      await loaded.close();
    }
  });

  it('feeds the rows in batches: the same numbers as one run, one session.run a batch', async () => {
    const loaded = await loadOnnxModel(path);
    try {
      const whole = classified(await predictOnnx(loaded, table, { batchRows: table.rows }));
      const run = vi.spyOn(loaded.session, 'run');
      // 569 rows by 100: 5 full batches and a last one of 69 rows.
      const batched = classified(await predictOnnx(loaded, table, { batchRows: 100 }));
      expect(run).toHaveBeenCalledTimes(6);
      expect(Array.from(batched.probabilities)).toEqual(Array.from(whole.probabilities));
      expect(batched.labels).toEqual(whole.labels);
    } finally {
      await loaded.close();
    }
  });

  // The parity bar: onnxruntime vs training's own forward pass (predictProba), every row, 1e-5.
  it.each(['wasm', 'cpu'])('matches predictProba on the %s backend on every row to 1e-5', async (name) => {
    await useBackend(name);
    const loaded = await loadOnnxModel(path);
    const onnx = classified(await predictOnnx(loaded, table)).probabilities;
    await loaded.close();
    const tfjs = await predictProba(model, pre, table.x, table.rows);
    const diff = maxAbsDiff(onnx, tfjs);
    console.log(`ONNX vs predictProba (${name}): max abs diff ${diff.toExponential(2)} over ${table.rows} rows`);
    expect(diff).toBeLessThan(1e-5);
  });

  it('matches predictProba for a model that train() produced', async () => {
    const result = await train({ backend: 'wasm', epochs: 3, seed: 1, hidden: [32, 16] });
    const p = join(dir, 'trained.onnx');
    await exportOnnx(result.model, result.preprocessing, {
      path: p,
      metadata: { config: result.config, metrics: result.metrics },
    });
    const loaded = await loadOnnxModel(p);
    const onnx = classified(await predictOnnx(loaded, table)).probabilities;
    await loaded.close();
    const tfjs = await predictProba(result.model, result.preprocessing, table.x, table.rows);
    const diff = maxAbsDiff(onnx, tfjs);
    console.log(`trained model, ONNX vs predictProba (wasm): max abs diff ${diff.toExponential(2)}`);
    expect(diff).toBeLessThan(1e-5);
    expect(JSON.parse(loaded.metadata.config!)).toEqual(JSON.parse(JSON.stringify(result.config)));
  });

  // Training's fused kernels do relu and linear; the exporter also maps tanh and sigmoid layers.
  it('covers tanh and sigmoid layers and a batch of one (dynamic batch dimension)', async () => {
    const sigmoidModel = randomMlp([30, 16, 8, 1], ['tanh', 'sigmoid', 'linear'], 5);
    const p = join(dir, 'sigmoid.onnx');
    await exportOnnx(sigmoidModel, pre, { path: p });
    const loaded = await loadOnnxModel(p);
    const row = Float32Array.from(table.x.subarray(30 * 3, 30 * 4));
    const [one] = await loaded.run(row, 1);
    const [reference] = referenceForward(sigmoidModel, pre, table.x.subarray(30 * 3, 30 * 4), 1);
    expect(Math.abs(one! - reference!)).toBeLessThan(1e-5);
    const all = classified(await predictOnnx(loaded, table)).probabilities;
    expect(maxAbsDiff(all, referenceForward(sigmoidModel, pre, table.x, table.rows))).toBeLessThan(1e-5);
    expect(await loaded.run(new Float32Array(0), 0)).toHaveLength(0);
    await loaded.close();
  });

  it('matches features by name whatever the column order, ignoring extra columns', async () => {
    const loaded = await loadOnnxModel(path);
    // Reverse the columns and add one the model never saw.
    const cols = table.cols + 1;
    const names = ['patient_age', ...[...table.featureNames].reverse()];
    const x = new Float64Array(table.rows * cols);
    for (let r = 0; r < table.rows; r++) {
      x[r * cols] = 40 + r;
      for (let j = 0; j < table.cols; j++) x[r * cols + 1 + j] = table.x[r * table.cols + (table.cols - 1 - j)]!;
    }
    const shuffled = classified(await predictOnnx(loaded, { featureNames: names, x, rows: table.rows, cols }));
    const ordered = classified(await predictOnnx(loaded, table));
    expect(Array.from(shuffled.probabilities)).toEqual(Array.from(ordered.probabilities));
    await loaded.close();
  });

  it('names every missing feature', async () => {
    const loaded = await loadOnnxModel(path);
    const names = table.featureNames.map((n) => (n === 'area_mean' || n === 'concavity_worst' ? `${n} (renamed)` : n));
    const error = await caught(predictOnnx(loaded, { ...table, featureNames: names }));
    expectUserError(error, MissingFeatureError, /lacks features 'area_mean', 'concavity_worst' that the model needs/);
    await loaded.close();
  });

  it('round-trips the metadata', async () => {
    const loaded = await loadOnnxModel(path);
    expect(loaded.featureNames).toEqual(pre.featureNames);
    expect(loaded.labels).toEqual(['B', 'M']);
    expect(loaded.target).toBe('diagnosis');
    expect(loaded.lrkitVersion).toBe(version);
    expect(loaded.opset).toBe(17);
    expect(loaded.irVersion).toBe(8);
    expect(JSON.parse(loaded.metadata.config!)).toEqual(config);
    expect(JSON.parse(loaded.metadata.metrics!)).toEqual(metrics);
    await loaded.close();
  });

  it('writes the opset asked for, with its IR version', async () => {
    const p = join(dir, 'opset21.onnx');
    expect(await exportOnnx(model, pre, { path: p, opset: 21 })).toMatchObject({ opset: 21, irVersion: 10 });
    const loaded = await loadOnnxModel(p);
    expect([loaded.opset, loaded.irVersion]).toEqual([21, 10]);
    const reference = referenceForward(model, pre, table.x, table.rows);
    expect(maxAbsDiff(classified(await predictOnnx(loaded, table)).probabilities, reference)).toBeLessThan(1e-5);
    await loaded.close();
    await expect(exportOnnx(model, pre, { path: p, opset: 12 })).rejects.toThrow(/opset must be an integer from 13/);
  });
});

describe.skipIf(!hasOnnxChecker)('onnx.checker (system python3-onnx)', () => {
  // Debian's onnx 1.12 knows IR 8 / opset 17 at most: the default export is what it must accept.
  it('accepts the default export (opset 17, IR 8)', async () => {
    const path = join(dir, 'checked.onnx');
    await exportOnnx(model, pre, { path, metadata: { config, metrics } });
    const run = runOnnxChecker(path, 'onnx.__version__, m.ir_version, m.graph.output[0].type.tensor_type.shape');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/dim_param: "N"/);
  });
});

describe('errors', () => {
  it('rejects a file that is not an ONNX model, with exit code 2', async () => {
    const csv = join(dir, 'data.csv');
    writeFileSync(csv, 'id,diagnosis,radius_mean\n842302,M,17.99\n');
    expectUserError(await caught(loadOnnxModel(csv)), OnnxModelError, /data\.csv: is not an ONNX model/);
    const empty = join(dir, 'empty.onnx');
    writeFileSync(empty, '');
    expectUserError(await caught(loadOnnxModel(empty)), OnnxModelError, /is not an ONNX model \(the file is empty\)/);
    const noise = join(dir, 'noise.onnx');
    writeFileSync(noise, Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 2654435761) % 251)));
    expectUserError(await caught(loadOnnxModel(noise)), OnnxModelError, /is not an ONNX model/);
    expectUserError(await caught(loadOnnxModel(join(dir, 'absent.onnx'))), OnnxModelError, /absent\.onnx: no such file/);
  });

  it('rejects an ONNX model that lrkit did not export', async () => {
    const type = getModelProtoType();
    const bytes = encodeOnnx(model, pre);
    const decoded = type.decode(bytes) as unknown as { metadata_props: unknown[] };
    decoded.metadata_props = [];
    const path = join(dir, 'foreign.onnx');
    writeFileSync(path, type.encode(decoded).finish());
    expectUserError(await caught(loadOnnxModel(path)), OnnxModelError, /no 'feature_names' metadata/);
  });

  it('rejects a model whose metadata disagrees with its graph', async () => {
    const type = getModelProtoType();
    const decoded = type.decode(encodeOnnx(model, pre)) as unknown as {
      metadata_props: Array<{ key: string; value: string }>;
    };
    const names = decoded.metadata_props.find((p) => p.key === 'feature_names')!;
    names.value = JSON.stringify(pre.featureNames.slice(1));
    const path = join(dir, 'tampered.onnx');
    writeFileSync(path, type.encode(decoded).finish());
    expectUserError(
      await caught(loadOnnxModel(path)),
      OnnxModelError,
      /tampered\.onnx: the graph takes 30 features but its metadata names 29/,
    );
  });

  it('leaves no file behind when the export fails', async () => {
    const out = join(dir, 'failed');
    mkdirSync(out);
    const path = join(out, 'bad.onnx');
    const broken = { ...model, layers: [{ ...model.layers[0]!, weight: [1, 2, 3] }, ...model.layers.slice(1)] };
    expectUserError(await caught(exportOnnx(broken, pre, { path })), OnnxExportError, /layer 0 weight has 3 values/);
    // The target is a directory: refused before anything is written.
    const blocker = join(out, 'taken.onnx');
    mkdirSync(blocker);
    expectUserError(await caught(exportOnnx(model, pre, { path: blocker })), OnnxExportError, /is a directory/);
    expect(readdirSync(out)).toEqual(['taken.onnx']);
    expectUserError(
      await caught(exportOnnx(model, pre, { path: join(dir, 'no-such-dir', 'm.onnx') })),
      OnnxExportError,
      /the directory '.*no-such-dir' does not exist/,
    );
  });

  it('names what is wrong with the model it is given', () => {
    const [first, second, last] = model.layers as [DenseLayerJSON, DenseLayerJSON, DenseLayerJSON];
    const withLayers = (...layers: DenseLayerJSON[]): MlpJSON => ({ ...model, layers });
    const twoOutputs = { ...last, outputSize: 2, bias: [0, 0], weight: [...last.weight, ...last.weight] };
    expect(() => encodeOnnx(withLayers(first, second, twoOutputs), pre)).toThrow(/last layer must have 1 output/);
    const nanBias = { ...first, bias: first.bias.map((b, i) => (i === 2 ? NaN : b)) };
    expect(() => encodeOnnx(withLayers(nanBias, second, last), pre)).toThrow(/layer 0 bias\[2\] is not a finite/);
    expect(() => encodeOnnx(withLayers(second, last), pre)).toThrow(/layer 0 takes 64 inputs but receives 30/);
    const zeroScale = { ...pre, scale: pre.scale.map((s, j) => (j === 4 ? 0 : s)) };
    expect(() => encodeOnnx(model, zeroScale)).toThrow(/scale\[4\] is 0/);
    expect(() => encodeOnnx(model, { ...pre, mean: pre.mean.slice(1) })).toThrow(/30 features but 29 means/);
    expect(() => encodeOnnx(model, pre, { metadata: { labels: 'x' } })).toThrow(/metadata key 'labels' is reserved/);
  });
});
