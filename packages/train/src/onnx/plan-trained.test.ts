// End to end with a trained model: train() on a table with text, gaps, a date and a many-level (embedded)
// column, export, and the graph on raw rows equals the training code's own forward pass on the planned rows.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyColumnPlan, readTable } from '@lrkit/data';
import { afterAll, describe, expect, it } from 'vitest';
import { createPredictor } from '../loop/predict';
import { train } from '../loop/train';
import { Mlp } from '../nn/mlp';
import { exportOnnx, loadOnnxModel, ONNX_RUNTIMES, predictOnnxTable } from './index';
import { planTestRecords } from './plan-fixtures.test-util';
import { maxAbsDiff } from './test-support';

const dir = mkdtempSync(join(tmpdir(), 'lrkit-onnx-trained-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a trained model holding its column plan', () => {
  it.each(ONNX_RUNTIMES)('%s: the exported graph on raw rows equals the training forward pass', async (runtime) => {
    const data = join(dir, 'train.json');
    writeFileSync(data, JSON.stringify(planTestRecords.training(240)));
    const r = await train({ data, target: 'tier', ignore: ['spend'], categorical: ['grade'], hidden: [8], epochs: 3, seed: 3 });
    expect(r.model.embeddings?.map((e) => e.name)).toEqual(['city']);
    const path = join(dir, `${runtime}.onnx`);
    await exportOnnx(r.model, r.preprocessing, { path });
    const rows = join(dir, 'predict.json');
    writeFileSync(rows, JSON.stringify(planTestRecords.predict));
    const table = await readTable(rows, { na: r.preprocessing.plan!.na });
    // The training code's forward pass on applyColumnPlan's rows: logits, then softmax.
    const planned = applyColumnPlan(r.preprocessing.plan!, table);
    const mlp = Mlp.fromJSON(r.model);
    const logits = mlp.forward(mlp.input(planned.x, planned.rows, planned.codes));
    const z = logits.dataSync() as Float32Array;
    logits.dispose();
    const expected = Array.from({ length: planned.rows }, (_, i) => {
      const row = Array.from(z.subarray(i * 3, i * 3 + 3));
      const m = Math.max(...row);
      const e = row.map((v) => Math.exp(v - m));
      return e.map((v) => v / e.reduce((a, b) => a + b, 0));
    }).flat();
    const model = await loadOnnxModel(path, { runtime });
    const got = await predictOnnxTable(model, table);
    await model.close();
    if (got.task !== 'classification') throw new Error('expected classification');
    expect(maxAbsDiff(got.probabilities, expected)).toBeLessThan(1e-5);
    // The JS predictor on the same raw table, the target column present with a gap: every row predicted.
    const withGap = planTestRecords.training(240).map((rec, i) => (i === 0 ? { ...rec, tier: null } : rec));
    writeFileSync(join(dir, 'labelled.json'), JSON.stringify(withGap));
    const labelled = await readTable(join(dir, 'labelled.json'), { na: r.preprocessing.plan!.na });
    const predictor = createPredictor(r.model, r.preprocessing);
    const fromJs = predictor.predictTable(labelled);
    predictor.dispose();
    const onnx = await loadOnnxModel(path, { runtime });
    const fromOnnx = await predictOnnxTable(onnx, labelled);
    await onnx.close();
    expect(fromJs).toHaveLength(labelled.rows * 3);
    expect(maxAbsDiff(fromJs, (fromOnnx as { probabilities: Float32Array }).probabilities)).toBeLessThan(1e-5);
  });
});
