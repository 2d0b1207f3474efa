import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { embeddedDataPath, fitStandardScaler, loadCsv } from '@lrkit/data';
import { exportOnnx, MissingFeatureError, OnnxModelError, type MlpJSON, type Preprocessing } from '@lrkit/train';
import { register, runPredict } from './predict';

const dir = mkdtempSync(join(tmpdir(), 'lrkit-predict-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// A logistic regression that is good by construction: on scaled features, weight each one by how far the
// class means are apart. No training needed, yet accuracy is far above chance, so it means something.
const data = loadCsv();
const scaler = fitStandardScaler(data);
const pre: Preprocessing = {
  featureNames: data.featureNames,
  mean: Array.from(scaler.mean),
  scale: Array.from(scaler.scale),
  labels: data.labels,
  target: data.target,
};
const weight = data.featureNames.map((_, j) => {
  const sums = [0, 0];
  const counts = [0, 0];
  for (let r = 0; r < data.rows; r++) {
    const z = (data.x[r * data.cols + j]! - scaler.mean[j]!) / scaler.scale[j]!;
    sums[data.y[r]!]! += z;
    counts[data.y[r]!]!++;
  }
  return (sums[1]! / counts[1]! - sums[0]! / counts[0]!) / 4;
});
const model: MlpJSON = {
  layers: [{ inputSize: data.cols, outputSize: 1, activation: 'linear', weight, bias: [-0.5] }],
  output: 'sigmoid',
};
const modelPath = join(dir, 'model.onnx');
await exportOnnx(model, pre, { path: modelPath });

const lines = readFileSync(embeddedDataPath, 'utf8').trim().split('\n');
function csv(name: string, rows: string[][]): string {
  const path = join(dir, name);
  writeFileSync(path, `${rows.map((r) => r.join(',')).join('\n')}\n`);
  return path;
}
const cells = lines.map((l) => l.split(','));

async function cli(args: string[]): Promise<string> {
  const program = new Command().exitOverride();
  register(program);
  let out = '';
  // As a stream does: the chunk is taken, then the callback says so (predict waits for it).
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk, ...rest: unknown[]) => {
    out += String(chunk);
    (rest.find((a) => typeof a === 'function') as (() => void) | undefined)?.();
    return true;
  });
  try {
    await program.parseAsync(['node', 'lrkit', ...args]);
  } finally {
    spy.mockRestore();
  }
  return out;
}

describe('lrkit predict', () => {
  it('scores every row and reports accuracy against the target column', async () => {
    const report = await runPredict({ model: modelPath, data: embeddedDataPath });
    expect(report.probabilities).toHaveLength(569);
    const right = report.labels.filter((label, i) => label === data.labels[data.y[i]!]).length;
    expect(report.accuracy).toBe(right / 569);
    expect(report.accuracy).toBeGreaterThan(0.85);
  });

  it('reads the Kaggle layout: id column, quoted headers, columns reordered, trailing comma', async () => {
    // Reverse the feature columns, put an id first, quote the header, end every line with a comma.
    const header = cells[0]!;
    const order = [0, ...Array.from({ length: header.length - 1 }, (_, j) => header.length - 1 - j)];
    const rows = cells.map((row, i) => [i === 0 ? 'id' : String(840000 + i), ...order.map((c) => row[c]!), '']);
    rows[0] = rows[0]!.map((name) => (name === '' ? '' : `"${name}"`));
    const path = csv('kaggle.csv', rows);
    const kaggle = await runPredict({ model: modelPath, data: path });
    const plain = await runPredict({ model: modelPath, data: embeddedDataPath });
    expect(Array.from(kaggle.probabilities)).toEqual(Array.from(plain.probabilities));
    expect(kaggle.accuracy).toBe(plain.accuracy);
  });

  it('prints JSON with --json', async () => {
    const out = JSON.parse(await cli(['predict', '--model', modelPath, '--data', embeddedDataPath, '--json']));
    expect(Object.keys(out)).toEqual(['probabilities', 'labels', 'accuracy', 'runtime']);
    // onnxruntime-node is installed here (a devDependency of @lrkit/train): auto takes it.
    expect(out.runtime).toBe('onnxruntime-node');
    expect(out.probabilities).toHaveLength(569);
    expect(out.labels.every((l: string) => l === 'B' || l === 'M')).toBe(true);
    expect(out.accuracy).toBeGreaterThan(0.85);
  });

  it('prints a table by default', async () => {
    const out = (await cli(['predict', '--model', modelPath, '--data', embeddedDataPath])).trim().split('\n');
    expect(out[0]).toBe('row\tP(diagnosis=M)\tprediction');
    expect(out).toHaveLength(1 + 569 + 2);
    expect(out[1]).toMatch(/^1\t0\.\d{6}\t[BM]$/);
    expect(out[570]).toMatch(/^accuracy 0\.\d{4} \(\d+\/569 rows, against 'diagnosis'\)$/);
    expect(out[571]).toBe('runtime onnxruntime-node');
  });

  it('--runtime and LRKIT_ONNX_RUNTIME choose the runtime; both give the same predictions', async () => {
    const web = JSON.parse(await cli(['predict', '--model', modelPath, '--data', embeddedDataPath, '--json', '--runtime', 'onnxruntime-web']));
    vi.stubEnv('LRKIT_ONNX_RUNTIME', 'onnxruntime-node');
    let node;
    try {
      node = JSON.parse(await cli(['predict', '--model', modelPath, '--data', embeddedDataPath, '--json']));
    } finally {
      vi.unstubAllEnvs();
    }
    expect([web.runtime, node.runtime]).toEqual(['onnxruntime-web', 'onnxruntime-node']);
    expect(web.labels).toEqual(node.labels);
    web.probabilities.forEach((p: number, i: number) => expect(Math.abs(p - node.probabilities[i])).toBeLessThan(1e-6));
  });

  it('an unknown --runtime is a usage error naming the flag', async () => {
    await expect(cli(['predict', '--model', modelPath, '--data', embeddedDataPath, '--runtime', 'tensorrt'])).rejects.toThrow(
      /--runtime must be one of auto, onnxruntime-node, onnxruntime-web, got 'tensorrt'/,
    );
  });

  it('predicts a CSV without the target column, with no accuracy', async () => {
    const drop = cells[0]!.indexOf('diagnosis');
    const path = csv('unlabelled.csv', cells.map((row) => row.filter((_, c) => c !== drop)));
    const report = await runPredict({ model: modelPath, data: path });
    const labelled = await runPredict({ model: modelPath, data: embeddedDataPath });
    expect(report.probabilities.length).toBe(569);
    expect(Array.from(report.probabilities)).toEqual(Array.from(labelled.probabilities));
    expect(report.accuracy).toBeUndefined();
    expect(JSON.parse(await cli(['predict', '--model', modelPath, '--data', path, '--json']))).not.toHaveProperty('accuracy');
  });

  it('reads the same rows as JSON or NDJSON (readTable) to the same predictions and accuracy as the CSV', async () => {
    const [header, ...body] = cells;
    const records = body.map((row) => Object.fromEntries(header!.map((name, c) => [name, name === 'diagnosis' ? row[c] : Number(row[c])])));
    const json = join(dir, 'rows.json');
    writeFileSync(json, JSON.stringify(records));
    const ndjson = join(dir, 'rows.ndjson');
    writeFileSync(ndjson, records.map((r) => JSON.stringify(r)).join('\n'));
    const plain = await runPredict({ model: modelPath, data: embeddedDataPath });
    for (const path of [json, ndjson]) {
      const report = await runPredict({ model: modelPath, data: path });
      expect(Array.from(report.probabilities)).toEqual(Array.from(plain.probabilities));
      expect(report.accuracy).toBe(plain.accuracy);
    }
    // A matrix model takes numbers: text in a feature is named, exit 2.
    writeFileSync(json, JSON.stringify(records.map((r, i) => (i === 3 ? { ...r, radius_mean: 'big' } : r))));
    const error = await runPredict({ model: modelPath, data: json }).catch((e: unknown) => e);
    expect((error as { exitCode: number }).exitCode).toBe(2);
    expect((error as Error).message).toMatch(/rows\.json: feature 'radius_mean' holds text; this model takes numbers/);
  });

  it('names a missing feature', async () => {
    const drop = cells[0]!.indexOf('texture_worst');
    const path = csv('missing.csv', cells.map((row) => row.filter((_, c) => c !== drop)));
    const error = await runPredict({ model: modelPath, data: path }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MissingFeatureError);
    expect((error as MissingFeatureError).exitCode).toBe(2);
    expect((error as Error).message).toMatch(/lacks feature 'texture_worst'/);
  });

  it('refuses a file that is not an ONNX model, exit code 2', async () => {
    const error = await runPredict({ model: embeddedDataPath, data: embeddedDataPath }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OnnxModelError);
    expect((error as OnnxModelError).exitCode).toBe(2);
    expect((error as Error).message).toMatch(/breast-cancer-wisconsin\.csv: is not an ONNX model/);
  });
});
