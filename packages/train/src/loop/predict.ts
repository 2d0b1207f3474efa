import { applyColumnPlan, type RawTable } from '@lrkit/data';
import { Mlp } from '../nn/mlp';
import type { MlpJSON, Preprocessing } from '../types';
import { probabilities, unscale } from './evaluate';

/** A model held for repeated predictions (a server's model): built once, then `predict` per request. */
export interface Predictor {
  /**
   * The model's output for raw feature rows (rows*cols, row-major, in `preprocessing.featureNames` order), on
   * the active tfjs backend: see predictProba.
   */
  predict(x: Float64Array, rows: number): Float32Array | Float64Array;
  /**
   * A model holding its column plan: the output for every row of a table as read (readTable), raw columns
   * through the plan (gaps, levels never seen, as applyColumnPlan), then the forward pass. The target column
   * is not read, so a row whose target is a gap is predicted too.
   */
  predictTable(table: RawTable): Float32Array | Float64Array;
  /** Frees the model's tensors; the predictor is unusable afterwards. */
  dispose(): void;
}

/** Builds the model once (its weights become tensors on the active backend) for many `predict` calls. */
export function createPredictor(model: MlpJSON, preprocessing: Preprocessing): Predictor {
  const mlp = Mlp.fromJSON(model);
  const cols = preprocessing.mean.length;
  return {
    predict(x, rows) {
      if (x.length !== rows * cols) throw new Error(`expected ${rows} rows of ${cols} features (${rows * cols} values), got ${x.length}`);
      const scaled = new Float32Array(x.length);
      for (let r = 0; r < rows; r++) {
        for (let c = 0; c < cols; c++) {
          const i = r * cols + c;
          scaled[i] = (x[i]! - preprocessing.mean[c]!) / preprocessing.scale[c]!;
        }
      }
      const out = probabilities(mlp, scaled, rows);
      return mlp.output === 'linear' ? unscale(out, preprocessing) : out;
    },
    predictTable(table) {
      const { plan } = preprocessing;
      if (plan === undefined) throw new TypeError('the model holds no column plan: predict() takes its feature matrix');
      const inputs = { ...table, columns: table.columns.filter((c) => c.name !== plan.target.name) };
      const planned = applyColumnPlan(plan, inputs);
      const out = probabilities(mlp, planned.x, planned.rows, planned.embeddings.length > 0 ? planned.codes : undefined);
      return mlp.output === 'linear' ? unscale(out, preprocessing) : out;
    },
    dispose() {
      mlp.dispose();
    },
  };
}

/**
 * The model's output for raw feature rows (rows*cols, row-major, in `preprocessing.featureNames` order), on
 * the active tfjs backend, with training's scaling ((x - mean) / scale in float64, then float32) and the same
 * forward pass: P(label 1) per row for 2 classes, k probabilities per row for more, and for regression the
 * predictions in the target's units. One call, one model: hold a `createPredictor` for many calls.
 */
export async function predictProba(model: MlpJSON, preprocessing: Preprocessing, x: Float64Array, rows: number): Promise<Float32Array | Float64Array> {
  const predictor = createPredictor(model, preprocessing);
  try {
    return predictor.predict(x, rows);
  } finally {
    predictor.dispose();
  }
}
