// `lrkit train` and `lrkit predict` on every task, end to end: multi-class (iris), regression (friedman1)
// and the binary seed data; predict checked against an independent numpy evaluation of the exported graph.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { embeddedDataPath } from '@lrkit/data';
import { fixtureDir, lines, lrkit } from './test-support';

const fx = fixtureDir('lrkit-cli-tabular-');
afterAll(() => fx.remove());

const here = dirname(fileURLToPath(import.meta.url));
const fixtures = join(here, '..', '..', '..', 'packages', 'train', 'fixtures');
const iris = join(fixtures, 'iris.csv');
const friedman = join(fixtures, 'friedman1.csv');
const evaluator = join(here, 'onnx_numpy_eval.py');

// Debian's python3-onnx and numpy evaluate the graph independently of onnxruntime; skipped where missing.
const python = '/usr/bin/python3';
const pythonReason = (() => {
  if (!existsSync(python)) return `${python} not found`;
  const r = spawnSync(python, ['-c', 'import onnx, numpy'], { encoding: 'utf8' });
  return r.status === 0 ? null : `${python} cannot import onnx and numpy (apt install python3-onnx)`;
})();
if (pythonReason) console.warn(`skipping the numpy evaluation of exported graphs: ${pythonReason}`);

function json(stdout: string): Record<string, unknown> {
  const out = lines(stdout);
  expect(out).toHaveLength(1);
  return JSON.parse(out[0]!) as Record<string, unknown>;
}

function numpyOutputs(model: string, data: string): number[][] {
  const r = spawnSync(python, [evaluator, model, data], { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`the numpy evaluator failed: ${r.stderr}`);
  return (JSON.parse(r.stdout) as { outputs: number[][] }).outputs;
}

/** Largest |a - b| / max(1, |b|). */
function maxRelDiff(a: number[], b: number[]): number {
  expect(a.length).toBe(b.length);
  return Math.max(...a.map((v, i) => Math.abs(v - b[i]!) / Math.max(1, Math.abs(b[i]!))));
}

describe('lrkit train + predict, 3 classes (iris)', () => {
  const model = join(fx.dir, 'iris.onnx');
  it('trains softmax on a stratified split; --json says the task, why, and the classes', () => {
    const r = lrkit(['train', '--data', iris, '--target', 'species', '--epochs', '20', '--lr', '0.01', '--export', model, '--json']);
    expect(r.status, r.stderr).toBe(0);
    const j = json(r.stdout);
    expect(j).toMatchObject({ task: 'classification', classes: ['setosa', 'versicolor', 'virginica'], trainSize: 120, testSize: 30 });
    expect(j.taskReason).toMatch(/non-numeric/);
    for (const k of ['accuracy', 'precision', 'recall', 'f1', 'logLoss', 'loss', 'testLoss', 'trainMs']) expect(typeof j[k], k).toBe('number');
    expect((j.confusion as number[][]).map((row) => row.reduce((a, b) => a + b, 0))).toEqual([10, 10, 10]);
  });

  it('predict --json prints classes, a label and k probabilities per row, and the metrics against the target', () => {
    const r = lrkit(['predict', '--model', model, '--data', iris, '--json']);
    expect(r.status, r.stderr).toBe(0);
    const j = json(r.stdout);
    expect(j.classes).toEqual(['setosa', 'versicolor', 'virginica']);
    const probs = j.probabilities as number[][];
    expect(probs).toHaveLength(150);
    for (const row of probs) {
      expect(row).toHaveLength(3);
      expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    }
    const labels = j.labels as string[];
    labels.forEach((l, i) => expect(l).toBe((j.classes as string[])[probs[i]!.indexOf(Math.max(...probs[i]!))]));
    expect(j.accuracy as number).toBeGreaterThan(0.7);
    expect(j).toHaveProperty('f1');
    expect(j).toHaveProperty('confusion');
  });

  it.skipIf(pythonReason !== null)('predict matches numpy evaluating the graph to 1e-5', () => {
    const j = json(lrkit(['predict', '--model', model, '--data', iris, '--json']).stdout);
    const ours = (j.probabilities as number[][]).flat();
    expect(maxRelDiff(ours, numpyOutputs(model, iris).flat())).toBeLessThan(1e-5);
  });
});

describe('lrkit train + predict, regression (friedman1)', () => {
  const model = join(fx.dir, 'friedman.onnx');
  it('trains on the standardised target; --json has rmse, mae, r2 in target units', () => {
    const r = lrkit(['train', '--data', friedman, '--target', 'y', '--epochs', '10', '--lr', '0.005', '--export', model, '--json']);
    expect(r.status, r.stderr).toBe(0);
    const j = json(r.stdout);
    expect(j).toMatchObject({ task: 'regression', trainSize: 800, testSize: 200 });
    expect(j).not.toHaveProperty('classes');
    expect(j).not.toHaveProperty('accuracy');
    expect(j.r2 as number).toBeGreaterThan(0.5);
    expect(j.rmse as number).toBeGreaterThan(j.mae as number);
  });

  it('predict --json prints predictions in target units and the metrics; text mode a table', () => {
    const r = lrkit(['predict', '--model', model, '--data', friedman, '--json']);
    expect(r.status, r.stderr).toBe(0);
    const j = json(r.stdout);
    expect(Object.keys(j)).toEqual(['predictions', 'rmse', 'mae', 'r2', 'runtime']);
    expect(j.predictions as number[]).toHaveLength(1000);
    expect(j.r2 as number).toBeGreaterThan(0.5);
    const text = lines(lrkit(['predict', '--model', model, '--data', friedman]).stdout);
    expect(text[0]).toBe('row\ty');
    expect(text.at(-1)).toMatch(/^RMSE \d+\.\d{4}, MAE \d+\.\d{4}, R\^2 0\.\d{4} \(1000 rows, against 'y'\)$/);
  });

  it.skipIf(pythonReason !== null)('predict matches numpy evaluating the graph (inverse scaling included) to 1e-5', () => {
    const j = json(lrkit(['predict', '--model', model, '--data', friedman, '--json']).stdout);
    expect(maxRelDiff(j.predictions as number[], numpyOutputs(model, friedman).flat())).toBeLessThan(1e-5);
  });
});

describe('lrkit train + predict, 2 classes (the seed data)', () => {
  it.skipIf(pythonReason !== null)('predict keeps its binary output and matches numpy to 1e-5', () => {
    const model = join(fx.dir, 'seed.onnx');
    expect(lrkit(['train', '--epochs', '3', '--export', model]).status).toBe(0);
    const j = json(lrkit(['predict', '--model', model, '--data', embeddedDataPath, '--json']).stdout);
    expect(Object.keys(j)).toEqual(['probabilities', 'labels', 'accuracy', 'runtime']);
    expect(maxRelDiff(j.probabilities as number[], numpyOutputs(model, embeddedDataPath).flat())).toBeLessThan(1e-5);
  });
});

describe('lrkit train: bad input is one line, exit 2, nothing written', () => {
  it('a regression target with a non-numeric cell', () => {
    const path = fx.file('bad-y.csv', 'a,y\n1,2.5\n2,abc\n3,1\n4,2\n5,3\n');
    const r = lrkit(['train', '--data', path, '--target', 'y', '--task', 'regression']);
    expect(r.status).toBe(2);
    expect(lines(r.stderr)).toEqual([`lrkit: target 'y': data row 2 holds 'abc', which is not a number; regression needs a numeric target`]);
  });

  it('a classification target with one class; a class too small to stratify', () => {
    const one = fx.file('one.csv', 'a,k\n1,x\n2,x\n3,x\n');
    expect(lines(lrkit(['train', '--data', one, '--target', 'k']).stderr)).toEqual([
      "lrkit: target: 'k' has 1 class ('x'); classification needs at least 2",
    ]);
    const small = fx.file('small.csv', 'a,k\n1,x\n2,x\n3,x\n4,y\n5,y\n6,z\n');
    const r = lrkit(['train', '--data', small, '--target', 'k']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^lrkit: class 'z' of 'k' has only 1 row: too few to stratify the test split/);
  });

  it('a diverging run stops with the epoch and the rate, exit 2, and exports nothing', () => {
    const out = join(fx.dir, 'diverged', 'm.onnx');
    mkdirSync(dirname(out));
    const r = lrkit(['train', '--lr', '1e30', '--optimizer', 'sgd', '--epochs', '5', '--export', out]);
    expect(r.status).toBe(2);
    expect(lines(r.stderr)).toEqual([expect.stringMatching(/^lrkit: training diverged: the training loss is NaN in epoch 1\/5 at lr 1e\+30; lower the learning rate/)]);
    expect(readdirSync(dirname(out))).toEqual([]);
  });

  it('--hidden 100000000 is refused in well under a second, naming hidden and the number', () => {
    const t0 = Date.now();
    const r = lrkit(['train', '--hidden', '100000000']);
    expect(r.status).toBe(2);
    expect(lines(r.stderr)).toEqual(['lrkit: hidden[0]: 100000000 is more than lrkit allows (at most 65536)']);
    // Process start and imports included; the old behaviour ran for minutes.
    expect(Date.now() - t0).toBeLessThan(10_000);
  });

  it('--resume without --checkpoint-dir, or without a checkpoint there; an unwritable checkpoint directory', () => {
    expect(lines(lrkit(['train', '--resume']).stderr)).toEqual(['lrkit: --resume needs --checkpoint-dir <dir> (the directory to resume from)']);
    const empty = join(fx.dir, 'no-checkpoint');
    expect(lines(lrkit(['train', '--checkpoint-dir', empty, '--resume']).stderr)).toEqual([
      `lrkit: resume: there is no checkpoint to resume from in '${empty}' (no checkpoint.json)`,
    ]);
    const file = fx.file('a-file', 'x');
    const r = lrkit(['train', '--checkpoint-dir', join(file, 'sub')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^lrkit: checkpoint\.dir: '.*' cannot hold checkpoints: ENOTDIR/);
  });
});

describe('the default schedule, said where it is not the seed\'s', () => {
  it("a run on your own data takes the range test's rate and a cosine over the run, and says so; the seed job prints what it always has", () => {
    const own = lrkit(['train', '--data', iris, '--target', 'species', '--epochs', '3']);
    expect(own.status, own.stderr).toBe(0);
    const said = lines(own.stdout).filter((l) => /^(Schedule|Learning rate)/.test(l));
    expect(said[0]).toMatch(/^Learning rate \S+: the LR range test's valley suggestion/);
    expect(said[1]).toMatch(/^Schedule: \{"type":"cosine-annealing","tMax":3\} at lr \S+, the default on your own data, chosen by measurement .*; --schedule and --lr choose others$/);
    const j = json(lrkit(['train', '--data', iris, '--target', 'species', '--epochs', '3', '--json']).stdout);
    expect(j).toMatchObject({ scheduleDefault: 'own data', schedule: { type: 'cosine-annealing', tMax: 3 } });
    expect(typeof j.lr).toBe('number');
    const seed = lrkit(['train', '--epochs', '2']);
    expect(lines(seed.stdout).filter((l) => /^(Schedule|Learning rate)/.test(l))).toEqual([]);
    expect(json(lrkit(['train', '--epochs', '2', '--json']).stdout)).not.toHaveProperty('scheduleDefault');
  });

  it('a schedule-free run is warmed up, then holds its rate', () => {
    const r = lrkit(['train', '--optimizer', 'adamw-schedule-free', '--epochs', '1']);
    expect(r.status, r.stderr).toBe(0);
    expect(lines(r.stdout)).toContain(
      'Schedule: {"type":"warmup","interval":"epoch","warmupSteps":5,"startFactor":0.2,"schedule":{"type":"constant"}} at lr 0.0025, the schedule-free optimizers\' default (warmed up, then held: their averaging does the decay); --schedule and --lr choose others',
    );
  });
});
