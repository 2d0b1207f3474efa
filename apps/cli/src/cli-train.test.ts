// `lrkit train` end to end: the seed job, --json, seeds, schedules, layouts, export.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { embeddedDataPath } from '@lrkit/data';
import { expectedAutoBackend, fixtureDir, lines, lrkit } from './test-support';

const fx = fixtureDir('lrkit-cli-train-');
afterAll(() => fx.remove());

const epochLine = /^Epoch \[(\d+)\/(\d+)\], Loss: (\d+\.\d{4}), LR: (\S+)$/;

function jsonLine(stdout: string): Record<string, unknown> {
  const out = lines(stdout);
  expect(out).toHaveLength(1); // with --json, stdout is the JSON line alone
  return JSON.parse(out[0]!) as Record<string, unknown>;
}

describe('lrkit train (no flags): the seed job', () => {
  it('runs 50 epochs with StepLR(10, 0.1) and reports the test metrics', () => {
    const r = lrkit(['train']);
    expect(r.status, r.stderr).toBe(0);
    const out = lines(r.stdout);
    const epochs = out.filter((l) => epochLine.test(l)).map((l) => epochLine.exec(l)!);
    expect(epochs.map((m) => Number(m[1]))).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(epochs.every((m) => m[2] === '50')).toBe(true);
    const lrs = epochs.map((m) => Number(m[4]));
    expect(lrs.slice(0, 10).every((lr) => lr === 1e-3)).toBe(true);
    expect(lrs.slice(10, 20).every((lr) => lr === 1e-4)).toBe(true);
    expect(lrs[49]).toBe(1e-7);
    const acc = /^Test Accuracy: (\d\.\d{4})$/m.exec(r.stdout);
    expect(acc).not.toBeNull();
    expect(Number(acc![1])).toBeGreaterThan(0.9); // PyTorch's range on this job is 0.947-0.991
    expect(r.stdout).toMatch(/^Precision: \d\.\d{4}, Recall: \d\.\d{4}, F1: \d\.\d{4}, ROC AUC: \d\.\d{4}/m);
    expect(r.stdout).toMatch(/^ +actual B +\d+ +\d+$/m);
    expect(r.stdout).toMatch(/455 training rows, 114 test rows/);
    // stdout is not a terminal here: no progress bar.
    expect(r.stdout).not.toMatch(/training \[/);
  });
});

describe('lrkit train --json', () => {
  it('ends with one JSON line on stdout; the epoch lines go to stderr', async () => {
    const r = lrkit(['train', '--epochs', '2', '--json']);
    expect(r.status, r.stderr).toBe(0);
    const j = jsonLine(r.stdout);
    expect(j).toMatchObject({ backend: await expectedAutoBackend(), epochs: 2, batchSize: 32, optimizer: 'adam', lr: 0.001, hidden: [64] });
    for (const k of ['accuracy', 'precision', 'recall', 'f1', 'rocAuc', 'loss', 'testLoss', 'trainMs', 'seed']) {
      expect(typeof j[k], k).toBe('number');
    }
    expect(j.accuracy as number).toBeGreaterThanOrEqual(0);
    expect(j.accuracy as number).toBeLessThanOrEqual(1);
    expect(j.trainMs as number).toBeGreaterThan(0);
    expect(j).toHaveProperty('confusion.tp');
    expect(j).toMatchObject({ trainSize: 455, testSize: 114, labels: ['B', 'M'] });
    expect(lines(r.stderr).filter((l) => epochLine.test(l))).toHaveLength(2);
  });

  it('the same seed gives the same numbers; another seed, others', () => {
    const run = (seed: string) => jsonLine(lrkit(['train', '--epochs', '2', '--json', '--seed', seed]).stdout);
    const a = run('7');
    const b = run('7');
    const c = run('8');
    expect(a.seed).toBe(7);
    expect([a.loss, a.testLoss, a.accuracy]).toEqual([b.loss, b.testLoss, b.accuracy]);
    expect(c.loss).not.toBe(a.loss);
  });

  it('takes every flag', () => {
    const r = lrkit([
      'train', '--epochs', '3', '--batch-size', '16', '--optimizer', 'sgd', '--lr', '0.05', '--hidden', '16,8',
      '--seed', '3', '--schedule', '{"type":"step","stepSize":1,"gamma":0.5}', '--json',
    ]);
    expect(r.status, r.stderr).toBe(0);
    expect(jsonLine(r.stdout)).toMatchObject({ epochs: 3, batchSize: 16, optimizer: 'sgd', lr: 0.05, hidden: [16, 8], seed: 3 });
    const lrs = lines(r.stderr).map((l) => epochLine.exec(l)?.[4]).filter(Boolean);
    expect(lrs).toEqual(['0.05', '0.025', '0.0125']);
  });

  it('a bad --schedule is exit 2 with one line', () => {
    const r = lrkit(['train', '--epochs', '1', '--schedule', '{"type":"step","stepSize":0}']);
    expect(r.status).toBe(2);
    expect(lines(r.stderr)).toHaveLength(1);
    expect(r.stderr).toMatch(/^lrkit: .*stepSize/);
  });

  it('fills a --schedule length left out from the run, prints it, and records the filled spec in --json', () => {
    const human = lrkit(['train', '--epochs', '2', '--schedule', '{"type":"cosine-annealing","interval":"step"}']);
    expect(human.status).toBe(0);
    const line = lines(human.stdout).find((l) => l.startsWith('Schedule: '));
    expect(line).toMatch(/^Schedule: schedule\.tMax = (\d+), from the run \(2 epochs x (\d+) steps\)$/);
    const [, tMax, perEpoch] = /= (\d+), .*x (\d+) steps/.exec(line!)!;
    expect(Number(tMax)).toBe(2 * Number(perEpoch));
    const json = jsonLine(lrkit(['train', '--epochs', '2', '--json', '--schedule', '{"type":"cosine-annealing","interval":"step"}']).stdout);
    expect(json.schedule).toEqual({ type: 'cosine-annealing', interval: 'step', tMax: Number(tMax) });
  });
});

describe('--plugin', () => {
  // A third-party schedule as the plugin contract allows: a plain object, no import from lrkit.
  const plugin = fx.file(
    'halve.mjs',
    `export default { name: 'halve', apiVersion: 1, parse: (o) => o,\n` +
      `  create: (options, groups) => ({ lr: (step) => groups.map((g) => g.baseLr / 2 ** step) }) };\n`,
  );

  it('loads a plugin module that a --schedule then names', () => {
    const r = lrkit(['train', '--epochs', '3', '--plugin', plugin, '--schedule', '{"type":"halve"}', '--json']);
    expect(r.status, r.stderr).toBe(0);
    const lrs = lines(r.stderr).map((l) => epochLine.exec(l)?.[4]).filter(Boolean);
    expect(lrs).toEqual(['0.001', '0.0005', '0.00025']);
  });

  it('a plugin that cannot be imported, or an unknown schedule type: exit 2, one line', () => {
    const missing = lrkit(['train', '--epochs', '1', '--plugin', `${fx.dir}/nope.mjs`]);
    expect(missing.status).toBe(2);
    expect(lines(missing.stderr)).toHaveLength(1);
    expect(missing.stderr).toMatch(/^lrkit: --plugin .*nope\.mjs/);
    const unknown = lrkit(['train', '--epochs', '1', '--schedule', '{"type":"halve"}']);
    expect(unknown.status).toBe(2);
    expect(lines(unknown.stderr)).toHaveLength(1);
    // The schedule may be a plugin's: the command that can load one says how.
    expect(unknown.stderr).toMatch(/unknown schedule 'halve'.*; a plugin's schedule\? load its module with --plugin <package or file>$/m);
  });
});

describe('CSV layouts through the CLI', () => {
  it('trains on the Kaggle data.csv layout (id, quoted headers, trailing comma, CRLF)', () => {
    const [header, ...rows] = readFileSync(embeddedDataPath, 'utf8').trim().split('\n');
    const quoted = ['id', ...header!.split(',')].map((h) => `"${h}"`).join(',');
    const path = fx.file('data.csv', [`${quoted},`, ...rows.map((r, i) => `${9000 + i},${r},`)].join('\r\n') + '\r\n');
    const kaggle = lrkit(['train', '--data', path, '--epochs', '2', '--json']);
    // The same file as the embedded data, given by --data as the Kaggle one is (both take the own-data default).
    const embedded = lrkit(['train', '--data', embeddedDataPath, '--epochs', '2', '--json']);
    expect(kaggle.status, kaggle.stderr).toBe(0);
    // Same values, same seed: the same run.
    const k = jsonLine(kaggle.stdout);
    const e = jsonLine(embedded.stdout);
    expect([k.loss, k.accuracy]).toEqual([e.loss, e.accuracy]);
  });
});

describe('--export', () => {
  it('writes an ONNX file and names it in the JSON', () => {
    const path = `${fx.dir}/model.onnx`;
    const r = lrkit(['train', '--epochs', '1', '--export', path, '--opset', '17', '--json']);
    expect(r.status, r.stderr).toBe(0);
    expect(jsonLine(r.stdout)).toMatchObject({ exported: path });
    expect(existsSync(path)).toBe(true);
    expect(statSync(path).size).toBeGreaterThan(30 * 64 * 4);
  });
});
