// Learned embeddings of categorical codes (the column plan's 'embedding' encoding), gathered and
// scatter-added in JavaScript: the kernels lrkit dispatches have no gather or scatter, and a table's
// embeddings are small (a few hundred codes of a few dozen floats), so the lookup is a copy of rows into
// the first layer's input, and the gradient a sum of that input's gradient rows into the codes' rows, in
// row order (the same bits on every backend).
import { tf, type Rng } from '@lrkit/core';
import type { EmbeddingJSON } from '../types';

export interface EmbeddingParams {
  name: string;
  cardinality: number;
  size: number;
  /** [cardinality, size]: code c's vector is row c. */
  weight: tf.Variable;
}

export interface EmbeddingSpec {
  name: string;
  cardinality: number;
  size: number;
}

/** Keras's default Embedding initialiser: uniform in [-0.05, 0.05], float32, row-major. */
export function initEmbedding(spec: EmbeddingSpec, rng: Rng): EmbeddingJSON {
  const weight = Array.from({ length: spec.cardinality * spec.size }, () => Math.fround(rng.uniform(-0.05, 0.05)));
  return { ...spec, weight };
}

export function embeddingFromJSON(json: EmbeddingJSON, i: number): EmbeddingParams {
  const { name, cardinality, size } = json;
  if (!Number.isInteger(cardinality) || cardinality < 1 || !Number.isInteger(size) || size < 1 || json.weight.length !== cardinality * size) {
    throw new Error(`embedding ${i} ('${name}'): weight does not match ${cardinality}x${size}`);
  }
  const initial = tf.tensor2d(Float32Array.from(json.weight), [cardinality, size], 'float32');
  const weight = tf.variable(initial, true);
  initial.dispose();
  return { name, cardinality, size, weight };
}

/**
 * The first layer's input: each row's `floats` float inputs, then each embedding's vector for the row's code.
 * `codes` is row-major [rows][embeddings]; a code outside an embedding's table is an error.
 */
export function gatherInput(x: ArrayLike<number>, floats: number, codes: Int32Array, rows: number, embeddings: readonly EmbeddingParams[]): Float32Array {
  const k = embeddings.length;
  if (codes.length !== rows * k) throw new Error(`expected ${rows} rows of ${k} codes, got ${codes.length}`);
  const tables = embeddings.map((e) => e.weight.dataSync() as Float32Array);
  const width = floats + embeddings.reduce((w, e) => w + e.size, 0);
  const out = new Float32Array(rows * width);
  for (let r = 0; r < rows; r++) {
    const o = r * width;
    for (let j = 0; j < floats; j++) out[o + j] = x[r * floats + j]!;
    let at = o + floats;
    for (let e = 0; e < k; e++) {
      const { cardinality, size, name } = embeddings[e]!;
      const c = codes[r * k + e]!;
      if (!(c >= 0 && c < cardinality)) throw new Error(`row ${r}: code ${c} of embedding '${name}' is outside [0, ${cardinality})`);
      out.set(tables[e]!.subarray(c * size, (c + 1) * size), at);
      at += size;
    }
  }
  return out;
}

/**
 * Each embedding's gradient from the gradient of the first layer's input `dInput` [rows][width]: the rows of
 * its slice summed into the rows of their codes (a scatter-add), in row order.
 */
export function scatterGrads(dInput: Float32Array, floats: number, codes: Int32Array, rows: number, embeddings: readonly EmbeddingParams[]): tf.Tensor[] {
  const k = embeddings.length;
  const width = dInput.length / rows;
  let offset = floats;
  return embeddings.map((e, i) => {
    const grad = new Float32Array(e.cardinality * e.size);
    for (let r = 0; r < rows; r++) {
      const c = codes[r * k + i]!;
      const from = r * width + offset;
      for (let j = 0; j < e.size; j++) grad[c * e.size + j]! += dInput[from + j]!;
    }
    offset += e.size;
    return tf.tensor2d(grad, [e.cardinality, e.size], 'float32');
  });
}
