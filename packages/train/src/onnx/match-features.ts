// Puts a table's columns into the model's feature order by name: CSV column order need not match training's.
import { MissingFeatureError } from './errors';
import type { FeatureTable } from './types';

/**
 * Row-major float32 [rows][modelFeatures.length], columns taken from `table` by name: every row, or the rows
 * `start` (inclusive) to `end` (exclusive), so that a caller feeding a model in batches copies one batch.
 */
export function matchFeatures(modelFeatures: readonly string[], table: FeatureTable, range: { start: number; end: number } = { start: 0, end: table.rows }): Float32Array {
  const columnOf = new Map<string, number>();
  table.featureNames.forEach((name, j) => {
    if (!columnOf.has(name)) columnOf.set(name, j);
  });
  const missing = modelFeatures.filter((name) => !columnOf.has(name));
  if (missing.length > 0) throw new MissingFeatureError(missing, [...table.featureNames]);
  if (table.x.length !== table.rows * table.cols) {
    throw new RangeError(`feature table: ${table.x.length} values are not ${table.rows} rows of ${table.cols} columns`);
  }
  const { start, end } = range;
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start || end > table.rows) {
    throw new RangeError(`feature table: rows ${start} to ${end} are not within its ${table.rows} rows`);
  }
  const f = modelFeatures.length;
  const sources = modelFeatures.map((name) => columnOf.get(name)!);
  const out = new Float32Array((end - start) * f);
  for (let r = start; r < end; r++) {
    const from = r * table.cols;
    const to = (r - start) * f;
    for (let j = 0; j < f; j++) out[to + j] = table.x[from + sources[j]!]!;
  }
  return out;
}
