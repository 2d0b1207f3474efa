// A model whose output is not a finite number answers nothing: predictOnnx refuses it, naming the model and
// the first data row, instead of thresholding NaN into a label or printing a regression's NaN as null.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fitStandardScaler, loadCsv } from '@lrkit/data';
import { afterAll, describe, expect, it } from 'vitest';
import { train } from '../loop/train';
import type { MlpJSON, Preprocessing } from '../types';
import { exportOnnx, loadOnnxModel, OnnxModelError, predictOnnx } from './index';
import { randomMlp } from './test-support';

const dir = mkdtempSync(join(tmpdir(), 'lrkit-nonfinite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const table = loadCsv();
const scaler = fitStandardScaler(table);
const pre: Preprocessing = { featureNames: table.featureNames, mean: Array.from(scaler.mean), scale: Array.from(scaler.scale), labels: table.labels, target: table.target };

async function refusal(model: MlpJSON, preprocessing: Preprocessing, name: string): Promise<unknown> {
  const path = join(dir, name);
  await exportOnnx(model, preprocessing, { path });
  const loaded = await loadOnnxModel(path);
  try {
    return await predictOnnx(loaded, table).then(() => 'answered', (e: unknown) => e);
  } finally {
    await loaded.close();
  }
}

describe('predictOnnx refuses outputs that are not finite numbers', () => {
  it('a classifier whose weights overflow float32 (Inf - Inf = NaN)', async () => {
    // Two identical hidden units of huge weight, subtracted: NaN wherever they overflow.
    const model: MlpJSON = {
      output: 'sigmoid',
      layers: [
        { inputSize: 30, outputSize: 2, activation: 'relu', weight: Array(60).fill(3e38), bias: [0, 0] },
        { inputSize: 2, outputSize: 1, activation: 'linear', weight: [1, -1], bias: [0] },
      ],
    };
    const e = await refusal(model, pre, 'nan.onnx');
    expect(e).toBeInstanceOf(OnnxModelError);
    expect(e).toMatchObject({ exitCode: 2, message: expect.stringMatching(/nan\.onnx: the model's output for data row \d+ is NaN/) });
  });

  it('a regression model whose stored target scaling overflows float32', async () => {
    const model = { ...randomMlp([30, 4, 1], ['relu', 'linear']), output: 'linear' as const };
    const e = await refusal(model, { ...pre, labels: [], task: 'regression', targetMean: 0, targetScale: 1e39 }, 'inf.onnx');
    expect(e).toMatchObject({ exitCode: 2, message: expect.stringMatching(/inf\.onnx: the model's output for data row 1 is -?Infinity/) });
  });
});

describe('training refuses a regression target whose scaling float32 cannot hold', () => {
  const rows = Array.from({ length: 40 }, (_, i) => `${i},${i % 7},${(i + 1) * 1e38}`);

  it('from a file, the table reader refuses values past what lrkit trains on, naming the column', async () => {
    const { writeFileSync } = await import('node:fs');
    const path = join(dir, 'huge.csv');
    writeFileSync(path, `a,b,y\n${rows.join('\n')}\n`);
    await expect(train({ data: path, target: 'y', task: 'regression', epochs: 1, backend: 'cpu' })).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringMatching(/column 'y'.*beyond the ±1\.8e19 lrkit can train on/),
    });
  });

  it('in memory, values near 1e39 (finite in float64, Infinity in float32) are refused by the scaling check', async () => {
    const x = new Float64Array(rows.length * 2);
    rows.forEach((_, i) => {
      x[2 * i] = i;
      x[2 * i + 1] = i % 7;
    });
    const dataset = {
      x,
      y: Int32Array.from(rows, (_, i) => i),
      rows: rows.length,
      cols: 2,
      featureNames: ['a', 'b'],
      target: 'y',
      labels: rows.map((_, i) => String((i + 1) * 1e38)),
    };
    await expect(train({ target: 'y', task: 'regression', epochs: 1, backend: 'cpu' }, { dataset })).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringMatching(/^target: 'y' holds values whose mean \(.*\) or spread \(.*\) float32 cannot hold/),
    });
  });
});
