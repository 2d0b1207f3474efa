// `lrkit predict` with a model that holds its column plan: raw rows (text, gaps, levels never seen, no
// target column) from any table format, the same numbers from each format and from both onnxruntimes.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRng } from '@lrkit/core';
import { fitColumnPlan, planInputs, readTable } from '@lrkit/data';
import { exportOnnx, type MlpJSON, type Preprocessing } from '@lrkit/train';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { afterAll, describe, expect, it } from 'vitest';
import { cliDir, fixtureDir, hasStackTrace, lrkit } from '../test-support';
import { runPredict } from './predict';

const fixtures = fixtureDir('lrkit-predict-plan-');
afterAll(() => fixtures.remove());

type Rec = Record<string, string | number | null>;
// vega-datasets exports no paths: its data folder is found where pnpm links it, beside this package.
const penguinsPath = join(cliDir, 'node_modules', 'vega-datasets', 'data', 'penguins.json');
const penguins = await readTable(penguinsPath);
const plan = fitColumnPlan(penguins, { target: 'Species' });

/** A seeded network for the plan (no training needed: the test is about feeding raw rows, not accuracy). */
function seededModel(): MlpJSON {
  const rng = createRng(4);
  const { inputNames, embeddings } = planInputs(plan);
  const inputs = inputNames.length + embeddings.reduce((w, e) => w + e.size, 0);
  const dense = (inputSize: number, outputSize: number, activation: 'relu' | 'linear') => ({
    inputSize,
    outputSize,
    activation,
    weight: Array.from({ length: inputSize * outputSize }, () => rng.uniform(-1, 1)),
    bias: Array.from({ length: outputSize }, () => rng.uniform(-0.1, 0.1)),
  });
  return { layers: [dense(inputs, 8, 'relu'), dense(8, 3, 'linear')], output: 'softmax' };
}

const names = planInputs(plan).inputNames;
const pre: Preprocessing = { featureNames: names, mean: names.map(() => 0), scale: names.map(() => 1), labels: plan.target.task === 'classification' ? plan.target.labels : [], target: 'Species', plan };
const modelPath = join(fixtures.dir, 'penguins.onnx');
await exportOnnx(seededModel(), pre, { path: modelPath });

// Rows to predict: no Species; gaps, the stray '.', an island and a sex never seen, a number as text.
const rows: Rec[] = [
  { Island: 'Biscoe', 'Beak Length (mm)': 45.2, 'Beak Depth (mm)': 15.8, 'Flipper Length (mm)': 215, 'Body Mass (g)': 5300, Sex: 'MALE' },
  { Island: 'Atlantis', 'Beak Length (mm)': null, 'Beak Depth (mm)': 18.1, 'Flipper Length (mm)': null, 'Body Mass (g)': 3700, Sex: null },
  { Island: null, 'Beak Length (mm)': 39.0, 'Beak Depth (mm)': null, 'Flipper Length (mm)': 190, 'Body Mass (g)': null, Sex: '.' },
  { Island: 'Dream', 'Beak Length (mm)': 49.9, 'Beak Depth (mm)': 16.1, 'Flipper Length (mm)': 213, 'Body Mass (g)': 5400, Sex: 'UNKNOWN' },
];
const columns = Object.keys(rows[0]!);
const csv = (sep: string) => [columns.join(sep), ...rows.map((r) => columns.map((c) => (r[c] === null ? '' : String(r[c]))).join(sep))].join('\n') + '\n';
const paths = {
  csv: fixtures.file('rows.csv', csv(',')),
  tsv: fixtures.file('rows.tsv', csv('\t')),
  json: fixtures.file('rows.json', JSON.stringify(rows)),
  ndjson: fixtures.file('rows.ndjson', rows.map((r) => JSON.stringify(r)).join('\n') + '\n'),
  parquet: join(fixtures.dir, 'rows.parquet'),
};
{
  const columnData = columns.map((name) => {
    const data = rows.map((r) => r[name] ?? null);
    return data.every((v) => v === null || typeof v === 'number') ? { name, data, type: 'DOUBLE' as const } : { name, data, type: 'STRING' as const };
  });
  writeFileSync(paths.parquet, new Uint8Array(parquetWriteBuffer({ columnData })));
}

describe('lrkit predict, a model holding its column plan', () => {
  it('reads raw rows from CSV, TSV, JSON, NDJSON and Parquet to the same predictions, in both runtimes', async () => {
    const node = await runPredict({ model: modelPath, data: paths.csv, runtime: 'onnxruntime-node' });
    expect(node.labels).toHaveLength(rows.length);
    expect(node.accuracy).toBeUndefined();
    for (const [format, path] of Object.entries(paths)) {
      for (const runtime of ['onnxruntime-node', 'onnxruntime-web'] as const) {
        const report = await runPredict({ model: modelPath, data: path, runtime });
        expect(report.labels, `${format} ${runtime}`).toEqual(node.labels);
        report.probabilities.forEach((p, i) => expect(Math.abs(p - node.probabilities[i]!), `${format} ${runtime}`).toBeLessThan(1e-6));
      }
    }
  });

  it('scores against the target where the data has it, leaving out rows whose target is a gap', async () => {
    const report = await runPredict({ model: modelPath, data: penguinsPath });
    expect(report.labels).toHaveLength(penguins.rows);
    const species = penguins.columns.find((c) => c.name === 'Species')!.values as (string | null)[];
    const scored = species.filter((s) => s !== null).length;
    const right = report.labels.filter((l, i) => l === species[i]).length;
    expect(report.accuracy).toBe(right / scored);
  });

  it('a column the model needs, missing: exit 2 naming it, nothing else printed', () => {
    const path = fixtures.file('no-island.csv', csv(',').replace(/^Island,/, 'Place,'));
    const run = lrkit(['predict', '--model', modelPath, '--data', path]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/no-island\.csv: the model needs the column 'Island', which the data lacks; its columns are: 'Place', /);
    expect(hasStackTrace(run.stderr)).toBe(false);
  });
});

describe('lrkit predict, more rows than a chunk of its output', () => {
  it.each(['onnxruntime-node', 'onnxruntime-web'])('%s: every line arrives through the work thread, in order', (runtime) => {
    const many = Array.from({ length: 5_000 }, () => rows).flat();
    const path = fixtures.file('many.ndjson', many.map((r) => JSON.stringify(r)).join('\n') + '\n');
    const run = lrkit(['predict', '--model', modelPath, '--data', path, '--runtime', runtime]);
    expect(run.status).toBe(0);
    const out = run.stdout.split('\n');
    // A header, a line per row, the runtime, and the last newline.
    expect(out).toHaveLength(many.length + 3);
    out.slice(1, -2).forEach((line, i) => expect(line.split('\t')[0]).toBe(String(i + 1)));
    expect(out.slice(-2)).toEqual([`runtime ${runtime}`, '']);
  });
});

describe('lrkit train --export on penguins.json, then lrkit predict on raw rows', () => {
  it('trains through the plan, exports it, and predicts raw rows alike in both runtimes', () => {
    const trainedPath = join(fixtures.dir, 'trained.onnx');
    const trained = lrkit(['train', '--data', penguinsPath, '--target', 'Species', '--epochs', '20', '--export', trainedPath, '--json']);
    expect(trained.status).toBe(0);
    expect(JSON.parse(trained.stdout).accuracy).toBeGreaterThan(0.9);
    const node = JSON.parse(lrkit(['predict', '--model', trainedPath, '--data', paths.csv, '--json', '--runtime', 'onnxruntime-node']).stdout);
    const web = JSON.parse(lrkit(['predict', '--model', trainedPath, '--data', paths.parquet, '--json', '--runtime', 'onnxruntime-web']).stdout);
    expect(node.labels).toHaveLength(rows.length);
    expect(web.labels).toEqual(node.labels);
    (web.probabilities as number[][]).flat().forEach((p, i) => expect(Math.abs(p - (node.probabilities as number[][]).flat()[i]!)).toBeLessThan(1e-6));
    // The data it trained on, scored against its own Species.
    const scored = lrkit(['predict', '--model', trainedPath, '--data', penguinsPath]);
    expect(scored.status).toBe(0);
    expect(scored.stdout).toMatch(/^accuracy 0\.9\d{3} \(\d+\/344 rows, against 'Species'\)$/m);
  });
});
