// The metadata a served model is trusted with is checked once, when the file is read.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Preprocessing } from '../types';
import { encodeOnnx, loadOnnxModel, OnnxModelError } from './index';
import { namesProblem } from './metadata';
import { getModelProtoType } from './onnx-proto';
import { readModelInfo } from './read-model';
import { randomMlp } from './test-support';

const dir = mkdtempSync(join(tmpdir(), 'lrkit-onnx-meta-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const pre: Preprocessing = { featureNames: ['a', 'b', 'c'], mean: [0, 0, 0], scale: [1, 1, 1], labels: ['no', 'yes'], target: 'y' };
const model = randomMlp([3, 4, 1], ['relu', 'linear']);

/** The exported model's bytes with some metadata values replaced (or removed, for undefined). */
function tampered(changes: Record<string, string | undefined>): Uint8Array {
  const type = getModelProtoType();
  const decoded = type.decode(encodeOnnx(model, pre)) as unknown as { metadata_props: { key: string; value: string }[] };
  decoded.metadata_props = decoded.metadata_props
    .filter((p) => !(p.key in changes) || changes[p.key] !== undefined)
    .map((p) => (p.key in changes ? { key: p.key, value: changes[p.key]! } : p));
  return type.encode(decoded).finish();
}

function refusal(bytes: Uint8Array): string {
  try {
    readModelInfo(bytes, 'm.onnx');
  } catch (err) {
    expect(err).toBeInstanceOf(OnnxModelError);
    expect((err as OnnxModelError).exitCode).toBe(2);
    return (err as Error).message;
  }
  throw new Error('expected an OnnxModelError, the metadata was accepted');
}

describe('ONNX metadata is validated when a model is read', () => {
  it('accepts what exportOnnx writes', () => {
    expect(readModelInfo(encodeOnnx(model, pre), 'm.onnx')).toMatchObject({ featureNames: ['a', 'b', 'c'], labels: ['no', 'yes'], target: 'y' });
  });

  it('refuses feature names listed more than once, naming them (one column would feed every input)', () => {
    expect(refusal(tampered({ feature_names: JSON.stringify(['a', 'a', 'a']) }))).toBe(
      "m.onnx: metadata 'feature_names' names 'a' 3 times; each name must appear once",
    );
    expect(refusal(tampered({ feature_names: JSON.stringify(['a', 'b', 'a', 'b', 'c']) }))).toMatch(/'a' 2 times, 'b' 2 times/);
  });

  it('refuses missing or empty names, equal labels, a missing target and a target among the features', () => {
    expect(refusal(tampered({ feature_names: '[]' }))).toBe("m.onnx: metadata 'feature_names' names nothing");
    expect(refusal(tampered({ feature_names: JSON.stringify(['a', '', 'c']) }))).toBe("m.onnx: metadata 'feature_names' holds an empty name");
    expect(refusal(tampered({ labels: JSON.stringify(['yes', 'yes']) }))).toMatch(/metadata 'labels' names 'yes' 2 times/);
    expect(refusal(tampered({ target: undefined }))).toBe("m.onnx: no 'target' metadata (the column the model predicts)");
    expect(refusal(tampered({ feature_names: JSON.stringify(['a', 'y', 'c']) }))).toBe("m.onnx: metadata 'feature_names' lists the target 'y' as a feature");
  });

  it('namesProblem: a list passes exactly when its names are non-empty and distinct', () => {
    const lists = [[], ['x'], ['x', 'y'], ['x', 'x'], ['x', ' '], ['p', 'q', 'p', 'r'], ['é', 'e\u0301']];
    for (const names of lists) {
      const ok = names.length > 0 && new Set(names).size === names.length && names.every((n) => n.trim() !== '');
      expect(namesProblem(names, 'k') === undefined, JSON.stringify(names)).toBe(ok);
    }
  });
});

describe('loadOnnxModel reads only a regular file of bounded size', () => {
  it('refuses /dev/zero at once (it used to read until out of memory)', async () => {
    await expect(loadOnnxModel('/dev/zero')).rejects.toThrow(new OnnxModelError('/dev/zero', 'is a device'));
  });

  it('refuses a directory and a file over maxBytes, naming the path', async () => {
    await expect(loadOnnxModel(dir)).rejects.toThrow(`${dir}: is a directory`);
    const path = join(dir, 'm.onnx');
    writeFileSync(path, encodeOnnx(model, pre));
    await expect(loadOnnxModel(path, { maxBytes: 100 })).rejects.toThrow(/m\.onnx: is \d+ bytes, over the 100 bytes limit$/);
  });
});
