// A numeric table is read column by column into each split's rows: the same rows, in the same order, as
// gathering them from a row-major copy, and the fingerprint of the row-major bytes a checkpoint records.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createRng } from '@lrkit/core';
import { loadCsv } from '@lrkit/data';
import { prepareData } from './prepare';
import { forEachRowBlock, partsFromBlocks } from './row-blocks';

/** `rows` x `cols` values, row-major, and the same as columns. */
function table(rows: number, cols: number): { x: Float64Array; columns: Float64Array[] } {
  const x = Float64Array.from({ length: rows * cols }, (_, k) => Math.sin(k) * 1000);
  return { x, columns: Array.from({ length: cols }, (_, j) => Float64Array.from({ length: rows }, (_, i) => x[i * cols + j]!)) };
}

describe('forEachRowBlock and partsFromBlocks', () => {
  it('hand each part its rows in its order, over many blocks, as a gather from the row-major values does', () => {
    const rows = 5000;
    const cols = 3;
    const { x, columns } = table(rows, cols);
    const order = createRng(7).permutation(rows);
    const parts = [order.subarray(0, 3000), order.subarray(3000, 4000), order.subarray(4000)];
    const { xs, place } = partsFromBlocks(rows, cols, parts);
    const seen: number[] = [];
    forEachRowBlock(columns, rows, (block, first, count) => {
      expect(block).toEqual(x.subarray(first * cols, (first + count) * cols));
      seen.push(first);
      place(block, first, count);
    });
    expect(seen.length).toBeGreaterThan(2);
    parts.forEach((part, p) => {
      const gathered = new Float64Array(part.length * cols);
      part.forEach((i, r) => gathered.set(x.subarray(i * cols, (i + 1) * cols), r * cols));
      expect(xs[p]).toEqual(gathered);
    });
  });

  it('refuses a row listed twice or out of range', () => {
    expect(() => partsFromBlocks(4, 2, [Int32Array.of(0, 1), Int32Array.of(1, 2)])).toThrow('row 1 is listed twice among the parts');
    expect(() => partsFromBlocks(4, 2, [Int32Array.of(0, 4)])).toThrow('row index 4 is out of range for a data set of 4 rows');
  });
});

describe('prepareData on a numeric data set', () => {
  it('fingerprints the names, the row-major float64 features and the classes, as checkpoints have recorded them', async () => {
    const ds = loadCsv(undefined, { target: 'diagnosis' });
    const prepared = await prepareData(ds, { target: 'diagnosis', testFraction: 0.2, seed: 3, fingerprint: true });
    const h = createHash('sha256');
    h.update(JSON.stringify([ds.featureNames, ds.target, ds.labels, ds.rows, ds.cols]));
    h.update(new Uint8Array(ds.x.buffer, ds.x.byteOffset, ds.x.byteLength));
    h.update(new Uint8Array(ds.y.buffer, ds.y.byteOffset, ds.y.byteLength));
    expect(prepared.fingerprint).toBe(h.digest('hex'));
    // Not asked for, it is not computed: a run without checkpoints skips a hash over every value.
    expect((await prepareData(ds, { target: 'diagnosis', testFraction: 0.2, seed: 3 })).fingerprint).toBeUndefined();
  });
});
