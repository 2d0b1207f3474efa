import { Mlp } from '../nn/mlp';
import type { MlpJSON, Preprocessing } from '../types';
import { probabilities } from './evaluate';

/**
 * P(label 1) for raw feature rows (rows*cols, row-major, in `preprocessing.featureNames` order), on the
 * active tfjs backend: the scaling of training ((x - mean) / scale, in float64, then float32) and the
 * same forward pass.
 */
export async function predictProba(model: MlpJSON, preprocessing: Preprocessing, x: Float64Array, rows: number): Promise<Float32Array> {
  const cols = preprocessing.mean.length;
  if (x.length !== rows * cols) throw new Error(`expected ${rows} rows of ${cols} features (${rows * cols} values), got ${x.length}`);
  if (model.output !== 'sigmoid') throw new Error(`unsupported model output '${String(model.output)}'`);
  const scaled = new Float32Array(x.length);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const i = r * cols + c;
      scaled[i] = (x[i]! - preprocessing.mean[c]!) / preprocessing.scale[c]!;
    }
  }
  const mlp = Mlp.fromJSON(model);
  try {
    return probabilities(mlp, scaled, rows);
  } finally {
    mlp.dispose();
  }
}
