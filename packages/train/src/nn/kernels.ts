import { LrkitColumnSums, LrkitMatMul, tf } from '@lrkit/core';

// Thin calls straight into tfjs's kernel registry. The public ops (tf.matMul, tf.fused.matMul, ...)
// reshape to rank 3 and back, convert and check their inputs and wrap fused matmul in a custom-gradient
// scope on every call; lrkit keeps its activations and weights at rank 3 already and computes gradients
// by hand, so one training step is one kernel dispatch per operation and nothing else.

type Tensor = tf.Tensor;

export type FusedActivation = 'linear' | 'relu' | 'sigmoid';

export interface MatMulOptions {
  transposeA?: boolean;
  transposeB?: boolean;
  /** Rank-1 bias added to every row (before the activation). */
  bias?: Tensor;
  activation?: FusedActivation;
}

/**
 * Below this many rows, a product without transposes stays on tfjs's _FusedMatMul where LrkitMatMul exists:
 * XNNPACK keeps a weight's packed form for as long as the weight lives, so a held model predicting a few rows
 * at a time pays for packing once, while LrkitMatMul packs on every call. Measured on the 784-512-512-10
 * forward with fixed weights, on a quiet machine: XNNPACK 2.4x faster at 1 row, 1.2x at 16, even at 32;
 * from there LrkitMatMul about even to faster (0.96x and 1.08x at 64 rows in two runs, 1.2x at 256). In
 * training every step has new weights, so both pack every time.
 */
const packOnceRows = 32;

/**
 * Backends whose _FusedMatMul reads a transposed operand in place at no cost: their product takes tfjs's
 * transposeA/transposeB flags straight to the BLAS (or to its own GEMM's packing, which reads either layout).
 * The one place this rule is written. native: measured side by side on the 784-512-512-10 training step
 * (apps/bench/scripts/native-transpose-step.mjs: the copies were ~1 ms of a ~8.5 ms step at one thread).
 * Not tfjs-wasm, whose products with flags leave XNNPACK (10-25x slower); cpu and cuda copy as before (not
 * measured with flags).
 *
 * Bits: the own GEMM packs a transposed operand into the same panels as its copy, so it gives the copies'
 * bits. OpenBLAS gives them on the large products (that step's weights are identical after 150 steps), but its
 * small-matrix kernels (products up to about a million multiply-adds, 100x100x100) sum a transposed operand in another order, so
 * small networks' numbers on native moved in their last bits when this changed (the seed job: the same
 * metrics over seeds 1-8, losses within 1e-4 relative). Still the same bits run to run and at any thread count.
 */
const takesTransposeFlags: ReadonlySet<string> = new Set(['native']);

/**
 * a [1, m, k] x b [1, k, n] -> [1, m, n] (transposes applied first), plus bias, then activation.
 *
 * Where the backend registers @lrkit/core's LrkitMatMul (wasm), the product runs there, transposed operands
 * read in place (except a plain product of fewer than `packOnceRows` rows). On the backends in
 * `takesTransposeFlags` (native), tfjs's _FusedMatMul with the flags. Elsewhere _FusedMatMul with any
 * transposed operand copied first: tfjs-wasm takes transposeA/B flags outside XNNPACK (10-25x slower) and the
 * other backends were measured and tested this way; one transpose dispatch costs little beside the product.
 * Both give the same bits on wasm (LrkitMatMul's tests compare them); on native, see `takesTransposeFlags`.
 */
export function matMul(a: Tensor, b: Tensor, options: MatMulOptions = {}): Tensor {
  const transposeA = options.transposeA ?? false;
  const transposeB = options.transposeB ?? false;
  const activation = options.activation ?? 'linear';
  const inputs: Record<string, Tensor> = { a, b };
  if (options.bias) inputs.bias = options.bias;
  const rows = transposeA ? a.shape[a.rank - 1]! : a.shape[a.rank - 2]!;
  const lrkitsOwn = activation !== 'sigmoid' && (transposeA || transposeB || rows >= packOnceRows);
  if (lrkitsOwn && tf.getKernel(LrkitMatMul, tf.getBackend())) {
    return tf.engine().runKernel(LrkitMatMul, inputs, { transposeA, transposeB, activation }) as Tensor;
  }
  if (takesTransposeFlags.has(tf.getBackend())) {
    return tf.engine().runKernel(tf._FusedMatMul, inputs, { transposeA, transposeB, activation, leakyreluAlpha: 0 }) as Tensor;
  }
  if (transposeA) inputs.a = transposeLast2(a);
  if (transposeB) inputs.b = transposeLast2(b);
  try {
    return tf.engine().runKernel(tf._FusedMatMul, inputs, {
      transposeA: false,
      transposeB: false,
      activation,
      leakyreluAlpha: 0,
    }) as Tensor;
  } finally {
    if (inputs.a !== a) inputs.a!.dispose();
    if (inputs.b !== b) inputs.b!.dispose();
  }
}

/**
 * x [1, rows, cols] -> [1, 1, cols], each column summed over the rows (a bias gradient). Where the backend
 * registers @lrkit/core's LrkitColumnSums (wasm), one pass over x; elsewhere 1ᵀ·x, a product against a row
 * of ones, which is cheaper than a reduction over two axes. The same bits either way on wasm.
 */
export function columnSums(x: Tensor): Tensor {
  if (tf.getKernel(LrkitColumnSums, tf.getBackend())) return tf.engine().runKernel(LrkitColumnSums, { x }) as Tensor;
  return matMul(onesRow(x.shape[x.rank - 2]!), x);
}

// A [1, 1, rows] row of ones per backend and batch size, kept for the process.
const onesByRows = new Map<string, Tensor>();
function onesRow(rows: number): Tensor {
  const key = `${tf.getBackend()}:${rows}`;
  let t = onesByRows.get(key);
  if (!t || t.isDisposed) {
    t = tf.keep(tf.ones([1, 1, rows], 'float32'));
    onesByRows.set(key, t);
  }
  return t;
}

/** [1, m, n] -> [1, n, m]. */
export function transposeLast2(x: Tensor): Tensor {
  return tf.engine().runKernel(tf.Transpose, { x }, { perm: [0, 2, 1] }) as Tensor;
}

export function mul(a: Tensor, b: Tensor): Tensor {
  return tf.engine().runKernel(tf.Multiply, { a, b }) as Tensor;
}

/** 1 where x > 0, else 0: the ReLU derivative, taken from the ReLU's output. */
export function positiveMask(x: Tensor): Tensor {
  return tf.engine().runKernel(tf.Step, { x }, { alpha: 0 }) as Tensor;
}

export function sigmoid(x: Tensor): Tensor {
  return tf.engine().runKernel(tf.Sigmoid, { x }) as Tensor;
}

export function runFused(kernelName: string, inputs: Record<string, Tensor>, attrs: object = {}): Tensor[] {
  const backend = tf.getBackend();
  if (!tf.getKernel(kernelName, backend)) {
    throw new Error(
      `kernel '${kernelName}' is not registered for backend '${backend}': lrkit's training step needs it ` +
        `(a backend plugin must register every kernel in @lrkit/core's lrkitKernelNames)`,
    );
  }
  const out = tf.engine().runKernel(kernelName, inputs, attrs as tf.NamedAttrMap) as Tensor | Tensor[];
  return Array.isArray(out) ? out : [out];
}
