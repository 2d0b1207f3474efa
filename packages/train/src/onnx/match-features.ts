// Puts a table's columns into the model's feature order by name: CSV column order need not match training's.
import { MissingFeatureError } from './errors';
import type { FeatureTable } from './types';

/** Row-major float32 [rows][modelFeatures.length], columns taken from `table` by name. */
export function matchFeatures(modelFeatures: readonly string[], table: FeatureTable): Float32Array {
  const columnOf = new Map<string, number>();
  table.featureNames.forEach((name, j) => {
    if (!columnOf.has(name)) columnOf.set(name, j);
  });
  const missing = modelFeatures.filter((name) => !columnOf.has(name));
  if (missing.length > 0) throw new MissingFeatureError(missing, [...table.featureNames]);
  if (table.x.length !== table.rows * table.cols) {
    throw new RangeError(`feature table: ${table.x.length} values are not ${table.rows} rows of ${table.cols} columns`);
  }
  const f = modelFeatures.length;
  const sources = modelFeatures.map((name) => columnOf.get(name)!);
  const out = new Float32Array(table.rows * f);
  for (let r = 0; r < table.rows; r++) {
    const from = r * table.cols;
    const to = r * f;
    for (let j = 0; j < f; j++) out[to + j] = table.x[from + sources[j]!]!;
  }
  return out;
}
