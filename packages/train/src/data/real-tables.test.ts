// Tables as people have them (vega-datasets' penguins and cars): text columns, gaps, a name per row, a date,
// trained through a column plan fitted on the training rows, with learned embeddings for many-level columns.
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createRng, tf, useBackend } from '@lrkit/core';
import type { CheckpointFile } from '../checkpoint/format';
import { train } from '../loop/train';
import { lossAndGrad } from '../nn/losses';
import { Mlp } from '../nn/mlp';

const vega = (name: string) => fileURLToPath(new URL(`../../node_modules/vega-datasets/data/${name}`, import.meta.url));
const penguins = { data: vega('penguins.json'), target: 'Species', hidden: [16], seed: 1, lr: 0.01 };
const cars = { data: vega('cars.json'), target: 'Miles_per_Gallon', hidden: [16], seed: 1, lr: 0.01 };
const dir = mkdtempSync(join(tmpdir(), 'lrkit-tables-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('real tables through a column plan', () => {
  it('a table of numbers through the plan (any column option asks for one) trains exactly as the numeric path', async () => {
    const { irisPath } = await import('../test-data');
    const config = { data: irisPath, target: 'species', epochs: 3, seed: 2 };
    const numeric = await train(config);
    const planned = await train({ ...config, na: ['NA'] });
    expect(numeric.preprocessing.plan).toBeUndefined();
    expect(planned.preprocessing.plan!.columns.map((c) => c.role)).toEqual(['numeric', 'numeric', 'numeric', 'numeric']);
    expect(planned.model).toEqual(numeric.model);
    expect(planned.metrics).toEqual(numeric.metrics);
    expect(planned.history).toEqual(numeric.history);
  });

  it("Kaggle's layout (every line ends with a comma) trains as the same file without it, with or without a column option", async () => {
    const { irisPath } = await import('../test-data');
    const trailing = join(dir, 'iris-trailing.csv');
    writeFileSync(trailing, readFileSync(irisPath, 'utf8').replace(/\r?\n/g, ',\n'));
    const config = { target: 'species', epochs: 2, seed: 2 };
    for (const extra of [{}, { ignore: ['petal_width_cm'] }]) {
      const plain = await train({ ...config, ...extra, data: irisPath });
      const kaggle = await train({ ...config, ...extra, data: trailing });
      expect(kaggle.preprocessing.featureNames).toEqual(plain.preprocessing.featureNames);
      expect(kaggle.model).toEqual(plain.model);
      expect(kaggle.history).toEqual(plain.history);
    }
  });

  it('penguins (JSON): island and sex one-hot, gaps filled with indicators, 3 species learned', async () => {
    const r = await train({ ...penguins, epochs: 15 });
    const plan = r.preprocessing.plan!;
    expect(plan.columns.map((c) => `${c.name}:${c.role}`)).toEqual([
      'Island:categorical', 'Beak Length (mm):numeric', 'Beak Depth (mm):numeric', 'Flipper Length (mm):numeric', 'Body Mass (g):numeric', 'Sex:categorical',
    ]);
    expect(r.preprocessing.featureNames).toContain('Beak Length (mm) (missing)');
    expect(r.preprocessing.featureNames).toContain('Island=Biscoe');
    expect(r.classes).toEqual(['Adelie', 'Chinstrap', 'Gentoo']);
    expect(r.trainSize + r.testSize).toBe(344);
    expect(r.metrics.kind !== 'regression' && r.metrics.accuracy).toBeGreaterThan(0.9);
  });

  it('penguins as JSON and as CSV (gaps as empty cells) train to the same numbers, bit for bit', async () => {
    const records = JSON.parse(readFileSync(penguins.data, 'utf8')) as Record<string, string | number | null>[];
    const names = Object.keys(records[0]!);
    const csv = join(dir, 'penguins.csv');
    writeFileSync(csv, [names.join(','), ...records.map((r) => names.map((n) => r[n] ?? '').join(','))].join('\n') + '\n');
    const fromJson = await train({ ...penguins, epochs: 3 });
    const fromCsv = await train({ ...penguins, data: csv, epochs: 3 });
    expect(fromCsv.preprocessing).toEqual(fromJson.preprocessing);
    expect(fromCsv.model).toEqual(fromJson.model);
    expect(fromCsv.metrics).toEqual(fromJson.metrics);
  });

  it('cars (JSON): regression, the name ignored as an identifier, the 8 rows without a target dropped', async () => {
    const r = await train({ ...cars, epochs: 20 });
    const plan = r.preprocessing.plan!;
    expect(plan.droppedTargetGaps).toBe(8);
    expect(plan.columns.find((c) => c.name === 'Name')).toMatchObject({ role: 'ignored' });
    expect(r.trainSize + r.testSize).toBe(398);
    expect(r.task).toBe('regression');
    expect(r.metrics.kind === 'regression' && r.metrics.r2).toBeGreaterThan(0.75);
  });

  it('embeds a many-level column: the same seed gives the same numbers, and a resume ends as the uninterrupted run, bit for bit', async () => {
    const config = { ...cars, categorical: ['Name'], epochs: 4 };
    const whole = await train(config);
    expect(whole.model.embeddings).toEqual([expect.objectContaining({ name: 'Name', cardinality: 14, size: 7 })]);
    expect(whole.model.layers[0]!.inputSize).toBe(whole.preprocessing.featureNames.length + 7);
    expect((await train(config)).model).toEqual(whole.model);
    const ck = join(dir, 'cars');
    await train({ ...config, checkpoint: { dir: ck } }, { hooks: [{ onEpoch: (log) => (log.epoch === 2 ? 'stop' : undefined) }] });
    const saved = JSON.parse(readFileSync(join(ck, 'checkpoint.json'), 'utf8')) as CheckpointFile;
    expect(saved.plan).toEqual(whole.preprocessing.plan);
    expect(saved.model.embeddings).toHaveLength(1);
    const resumed = await train({ ...config, checkpoint: { dir: ck }, resume: true });
    expect(resumed.resumedFromEpoch).toBe(2);
    expect(resumed.model).toEqual(whole.model);
    expect(resumed.history).toEqual(whole.history);
    expect(resumed.metrics).toEqual(whole.metrics);
  });

  it('refuses to fine-tune from a checkpoint whose plan gives other inputs, naming the first', async () => {
    const from = join(dir, 'init');
    await train({ ...cars, epochs: 1, ignore: ['Displacement'], checkpoint: { dir: from } });
    // As many inputs, other columns: the plan's inputs are compared by name.
    await expect(train({ ...cars, epochs: 1, ignore: ['Cylinders'], initFrom: from })).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringMatching(/^initFrom: the checkpoint '.*' was trained with input 1 'Cylinders', this run has 'Displacement'/),
    });
    expect((await train({ ...cars, epochs: 1, ignore: ['Displacement'], initFrom: from })).history).toHaveLength(1);
  });
});

describe('embedding gradients', () => {
  it("are the loss's own: a central difference on a linear model (quadratic loss) matches the scatter-added gradient", async () => {
    await useBackend('cpu');
    const model = Mlp.create({ sizes: [2 + 3, 1], rng: createRng(3), output: 'linear', embeddings: [{ name: 'c', cardinality: 4, size: 3 }] });
    const x = Float32Array.from([0.5, -1, 1, 0.25, -0.5, 2]);
    const codes = Int32Array.from([2, 0, 2]);
    const y = tf.tensor3d([1, -1, 0.5], [1, 3, 1]);
    const lossAt = () => {
      const input = model.input(x, 3, codes);
      const out = lossAndGrad('mse', model.forward(input), y);
      return out.loss.dataSync()[0]!;
    };
    const input = model.input(x, 3, codes);
    const cache = { inputs: [], outputs: [], codes };
    const { dLogits } = lossAndGrad('mse', model.forward(input, cache), y);
    const grads = model.backward(cache, dLogits);
    const dE = grads.at(-1)!.dataSync();
    expect(grads).toHaveLength(3);
    const table = model.embeddings[0]!.weight;
    const base = Float32Array.from(table.dataSync());
    for (const i of [0, 6, 7, 8, 3]) {
      const h = 0.25;
      const at = (d: number) => {
        const w = base.slice();
        w[i]! += d;
        table.assign(tf.tensor2d(w, [4, 3]));
        return lossAt();
      };
      const numeric = (at(h) - at(-h)) / (2 * h);
      expect(dE[i]).toBeCloseTo(numeric, 4);
    }
    // Codes never seen in the batch (1, 3) get no gradient; code 2, seen twice, the sum of both rows'.
    expect(Array.from(dE.slice(3, 6))).toEqual([0, 0, 0]);
    expect(Math.abs(dE[6]!)).toBeGreaterThan(0);
  });
});
