// A model that holds its column plan: the exported graph on raw rows (text, gaps, levels never seen, dates)
// gives what applyColumnPlan plus the network's forward pass give, in both onnxruntimes.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRng } from '@lrkit/core';
import { applyColumnPlan, DataError, fitColumnPlan, planInputs, readTable, type ColumnPlan, type PlannedRows, type RawColumn, type RawTable } from '@lrkit/data';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { MlpJSON, Preprocessing } from '../types';
import { encodeOnnx, exportOnnx, loadOnnxModel, ONNX_RUNTIMES, OnnxExportError, OnnxModelError, predictOnnx, predictOnnxTable } from './index';
import { getModelProtoType } from './onnx-proto';
import { planTestRecords } from './plan-fixtures.test-util';
import { hasOnnxChecker, maxAbsDiff, randomMlp, runOnnxChecker } from './test-support';

const dir = mkdtempSync(join(tmpdir(), 'lrkit-onnx-plan-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function writeJson(name: string, records: unknown[]): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(records));
  return path;
}

const { training: trainingRecords, predict: predictRecords } = planTestRecords;
const trainPath = writeJson('train.json', trainingRecords(240));
const predictPath = writeJson('predict.json', predictRecords);
const trainTable = await readTable(trainPath);

/** A random network for `plan`, with random embeddings: the first layer takes floats then the vectors. */
function modelFor(plan: ColumnPlan, output: MlpJSON['output'], outputs: number, seed: number): MlpJSON {
  const rng = createRng(seed);
  const planned = planInputs(plan);
  const embeddings = planned.embeddings.map((e) => ({ ...e, weight: Array.from({ length: e.cardinality * e.size }, () => rng.uniform(-1, 1)) }));
  const width = planned.inputNames.length + embeddings.reduce((w, e) => w + e.size, 0);
  const mlp = randomMlp([width, 12, outputs], ['tanh', 'linear'], seed);
  return { ...mlp, embeddings, output };
}

function preprocessingFor(plan: ColumnPlan): Preprocessing {
  const names = planInputs(plan).inputNames;
  const pre: Preprocessing = { featureNames: names, mean: names.map(() => 0), scale: names.map(() => 1), labels: [], target: plan.target.name, plan };
  if (plan.target.task === 'classification') pre.labels = plan.target.labels;
  else Object.assign(pre, { task: 'regression', targetMean: 250, targetScale: 140 });
  return pre;
}

/** The network on applyColumnPlan's rows, in float64: the reference the graph must match. */
function referenceForward(model: MlpJSON, pre: Preprocessing, planned: PlannedRows): Float64Array {
  const out: number[] = [];
  const embeddings = model.embeddings ?? [];
  for (let r = 0; r < planned.rows; r++) {
    let h = Array.from(planned.x.subarray(r * planned.cols, (r + 1) * planned.cols));
    embeddings.forEach((e, k) => {
      const code = planned.codes[r * embeddings.length + k]!;
      h.push(...e.weight.slice(code * e.size, (code + 1) * e.size));
    });
    for (const layer of model.layers) {
      const next = layer.bias.slice();
      for (let i = 0; i < layer.inputSize; i++) for (let o = 0; o < layer.outputSize; o++) next[o]! += h[i]! * layer.weight[i * layer.outputSize + o]!;
      h = layer.activation === 'tanh' ? next.map(Math.tanh) : next;
    }
    if (model.output === 'sigmoid') out.push(1 / (1 + Math.exp(-h[0]!)));
    else if (model.output === 'linear') out.push(h[0]! * pre.targetScale! + pre.targetMean!);
    else {
      const m = Math.max(...h);
      const e = h.map((v) => Math.exp(v - m));
      const sum = e.reduce((a, b) => a + b, 0);
      out.push(...e.map((v) => v / sum));
    }
  }
  return Float64Array.from(out);
}

const plan = fitColumnPlan(trainTable, { target: 'tier', categorical: ['grade'], ignore: ['spend'] });
const model = modelFor(plan, 'softmax', 3, 21);
const pre = preprocessingFor(plan);
const modelPath = join(dir, 'tier.onnx');
await exportOnnx(model, pre, { path: modelPath });

describe('a model holding its column plan', () => {
  it('the plan under test has every kind of step', () => {
    const roles = new Map(plan.columns.map((s) => [s.name, s.role === 'categorical' ? `${s.role}/${s.encoding}` : s.role]));
    expect(Object.fromEntries(roles)).toEqual({
      id: 'ignored',
      age: 'numeric',
      income: 'numeric',
      city: 'categorical/embedding',
      color: 'categorical/one-hot',
      grade: 'categorical/one-hot',
      joined: 'date',
      spend: 'ignored',
    });
    const city = plan.columns.find((s) => s.name === 'city');
    expect(city).toMatchObject({ missing: true, rare: ['Faro', 'Oulu'] });
  });

  it.each(ONNX_RUNTIMES)('%s: raw rows (gaps, unseen levels, no target) equal applyColumnPlan + the forward pass', async (runtime) => {
    const table = await readTable(predictPath, { na: plan.na });
    const reference = referenceForward(model, pre, applyColumnPlan(plan, table));
    const loaded = await loadOnnxModel(modelPath, { runtime });
    try {
      expect(loaded.plan).toEqual(plan);
      const prediction = await predictOnnxTable(loaded, table);
      if (prediction.task !== 'classification') throw new Error('expected classification');
      expect(prediction.probabilities).toHaveLength(predictRecords.length * 3);
      expect(maxAbsDiff(prediction.probabilities, reference)).toBeLessThan(1e-5);
      // The training rows too: every level, the rare ones, every gap.
      const train = await predictOnnxTable(loaded, trainTable);
      const trainReference = referenceForward(model, pre, applyColumnPlan(plan, trainTable));
      expect(maxAbsDiff((train as { probabilities: Float32Array }).probabilities, trainReference)).toBeLessThan(1e-5);
    } finally {
      await loaded.close();
    }
  });

  it('both runtimes give the same numbers', async () => {
    const table = await readTable(predictPath, { na: plan.na });
    const outs = [];
    for (const runtime of ONNX_RUNTIMES) {
      const loaded = await loadOnnxModel(modelPath, { runtime });
      outs.push((await predictOnnxTable(loaded, trainTable)) as { probabilities: Float32Array }, (await predictOnnxTable(loaded, table)) as { probabilities: Float32Array });
      await loaded.close();
    }
    expect(maxAbsDiff(outs[0]!.probabilities, outs[2]!.probabilities)).toBeLessThan(1e-6);
    expect(maxAbsDiff(outs[1]!.probabilities, outs[3]!.probabilities)).toBeLessThan(1e-6);
  });

  it.each(ONNX_RUNTIMES)('%s: rows fed in batches give what one run over every row gives, one session.run a batch', async (runtime) => {
    const loaded = await loadOnnxModel(modelPath, { runtime });
    try {
      const whole = (await predictOnnxTable(loaded, trainTable, { batchRows: trainTable.rows })) as { probabilities: Float32Array; labels: string[] };
      const run = vi.spyOn(loaded.session, 'run');
      // 240 rows of 3 classes by 7: 34 full batches and a last one of 2 rows.
      const batched = (await predictOnnxTable(loaded, trainTable, { batchRows: 7 })) as { probabilities: Float32Array; labels: string[] };
      expect(run).toHaveBeenCalledTimes(Math.ceil(trainTable.rows / 7));
      expect(Array.from(batched.probabilities)).toEqual(Array.from(whole.probabilities));
      expect(batched.labels).toEqual(whole.labels);
      await expect(predictOnnxTable(loaded, trainTable, { batchRows: 0 })).rejects.toThrow(/batchRows is 0/);
    } finally {
      await loaded.close();
    }
  });

  it('regression and binary plans: the target mapped back, P(class 1)', async () => {
    const table = await readTable(predictPath, { na: plan.na });
    const regression = fitColumnPlan(trainTable, { target: 'spend', ignore: ['tier'] });
    const binaryTable: RawTable = {
      ...trainTable,
      columns: trainTable.columns.map((c): RawColumn => (c.name === 'tier' && c.kind === 'text' ? { ...c, values: c.values.map((v) => (v === 'hi' ? 'hi' : 'other')) } : c)),
    };
    const binary = fitColumnPlan(binaryTable, { target: 'tier', ignore: ['spend'] });
    for (const [p, output, outputs] of [[regression, 'linear', 1], [binary, 'sigmoid', 1]] as const) {
      const m = modelFor(p, output, outputs, 8);
      const path = join(dir, `${output}.onnx`);
      await exportOnnx(m, preprocessingFor(p), { path });
      const loaded = await loadOnnxModel(path, { runtime: 'onnxruntime-web' });
      const got = await predictOnnxTable(loaded, table);
      await loaded.close();
      const values = got.task === 'regression' ? got.predictions : got.probabilities;
      const reference = referenceForward(m, preprocessingFor(p), applyColumnPlan(p, table));
      expect(maxAbsDiff(values, reference)).toBeLessThan(output === 'linear' ? 1e-3 : 1e-5);
    }
  });

  it.each([13, 23])('opset %i: the same graph, the same numbers', async (opset) => {
    const table = await readTable(predictPath, { na: plan.na });
    const path = join(dir, `opset${opset}.onnx`);
    await exportOnnx(model, pre, { path, opset });
    const loaded = await loadOnnxModel(path, { runtime: 'onnxruntime-node' });
    const got = await predictOnnxTable(loaded, table);
    await loaded.close();
    expect(loaded.opset).toBe(opset);
    expect(maxAbsDiff((got as { probabilities: Float32Array }).probabilities, referenceForward(model, pre, applyColumnPlan(plan, table)))).toBeLessThan(1e-5);
  });

  it('metadata_props hold the plan and what each raw input takes', async () => {
    const loaded = await loadOnnxModel(modelPath);
    const inputs = JSON.parse(loaded.metadata.inputs!) as { name: string; type: string; shape: unknown[]; gap: string }[];
    await loaded.close();
    expect(inputs.map((i) => `${i.name}:${i.type}[${i.shape.join(',')}] gap '${i.gap}'`)).toEqual([
      "age:double[N,1] gap 'NaN'",
      "income:double[N,1] gap 'NaN'",
      "city:string[N,1] gap ''",
      "color:string[N,1] gap ''",
      "grade:string[N,1] gap ''",
      "joined:double[N,5] gap 'NaN'",
    ]);
    expect(JSON.parse(loaded.metadata.column_plan!)).toEqual(plan);
  });
});

describe('bad input', () => {
  it('a column the model needs, missing from the rows: a DataError naming it', async () => {
    const path = writeJson('no-city.json', predictRecords.map(({ city: _, joined: __, ...rest }) => rest));
    const loaded = await loadOnnxModel(modelPath, { runtime: 'onnxruntime-web' });
    const error = await predictOnnxTable(loaded, await readTable(path)).catch((e: unknown) => e);
    await loaded.close();
    expect(error).toBeInstanceOf(DataError);
    expect((error as DataError).exitCode).toBe(2);
    expect((error as Error).message).toMatch(/no-city\.json: the model needs the columns 'city', 'joined', which the data lacks; its columns are: 'age', 'income', 'color', 'grade'/);
  });

  it('a plan model is fed raw columns, a matrix model a matrix', async () => {
    const loaded = await loadOnnxModel(modelPath, { runtime: 'onnxruntime-web' });
    const error = await predictOnnx(loaded, { featureNames: ['age'], x: [1], rows: 1, cols: 1 }).catch((e: unknown) => e);
    await loaded.close();
    expect(error).toBeInstanceOf(OnnxModelError);
    expect((error as Error).message).toMatch(/holds its column plan and takes raw columns/);
  });

  it('export refuses a model whose embeddings or features disagree with its plan', () => {
    expect(() => encodeOnnx({ ...model, embeddings: [] }, pre)).toThrow(/the plan embeds 1 columns but the model has 0 embeddings/);
    expect(() => encodeOnnx(model, { ...pre, featureNames: pre.featureNames.slice(1) })).toThrow(OnnxExportError);
    expect(() => encodeOnnx(model, { ...pre, mean: pre.mean.map(() => 1) })).toThrow(/must be 0 and 1/);
    const clash = { ...plan, columns: plan.columns.map((s) => (s.name === 'income' ? { ...s, name: 'plan.inputs' } : s)) };
    const clashPre = { ...preprocessingFor(clash) };
    expect(() => encodeOnnx(model, clashPre)).toThrow(/column 'plan\.inputs' has the name of a value inside the graph/);
  });

  it('a damaged column_plan in the metadata is an OnnxModelError naming the field', async () => {
    const type = getModelProtoType();
    const decoded = type.decode(encodeOnnx(model, pre)) as unknown as { metadata_props: Array<{ key: string; value: string }> };
    const entry = decoded.metadata_props.find((p) => p.key === 'column_plan')!;
    entry.value = entry.value.replace('"role":"numeric"', '"role":"numerical"');
    const path = join(dir, 'damaged.onnx');
    writeFileSync(path, type.encode(decoded).finish());
    const error = await loadOnnxModel(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OnnxModelError);
    expect((error as Error).message).toMatch(/damaged\.onnx: metadata 'column_plan': column plan: columns\[1\]\.role is not/);
  });
});

describe.skipIf(!hasOnnxChecker)('onnx.checker (system python3-onnx)', () => {
  it('accepts the plan model: string inputs, ai.onnx.ml LabelEncoder, double filling', () => {
    const run = runOnnxChecker(modelPath, '[(i.name, i.type.tensor_type.elem_type) for i in m.graph.input], [(o.domain, o.version) for o in m.opset_import]');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe(
      "[('age', 11), ('income', 11), ('city', 8), ('color', 8), ('grade', 8), ('joined', 11)] [('', 17), ('ai.onnx.ml', 3)]",
    );
  });
});
