import { Mlp } from '../nn/mlp';
import type { MlpJSON, Preprocessing } from '../types';
import { probabilities, unscale } from './evaluate';

/**
 * The model's output for raw feature rows (rows*cols, row-major, in `preprocessing.featureNames` order), on
 * the active tfjs backend, with training's scaling ((x - mean) / scale in float64, then float32) and the same
 * forward pass: P(label 1) per row for 2 classes, k probabilities per row for more, and for regression the
 * predictions in the target's units.
 */
export async function predictProba(model: MlpJSON, preprocessing: Preprocessing, x: Float64Array, rows: number): Promise<Float32Array | Float64Array> {
  const cols = preprocessing.mean.length;
  if (x.length !== rows * cols) throw new Error(`expected ${rows} rows of ${cols} features (${rows * cols} values), got ${x.length}`);
  const scaled = new Float32Array(x.length);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const i = r * cols + c;
      scaled[i] = (x[i]! - preprocessing.mean[c]!) / preprocessing.scale[c]!;
    }
  }
  const mlp = Mlp.fromJSON(model);
  try {
    const out = probabilities(mlp, scaled, rows);
    return mlp.output === 'linear' ? unscale(out, preprocessing) : out;
  } finally {
    mlp.dispose();
  }
}
