import type { KernelConfig, TensorInfo } from '@tensorflow/tfjs-core';
import { wasmAccess } from './access';
import { requireInput } from './define';

/**
 * A dense layer's product on the wasm backend: act(bias + op(a) · op(b)), where op transposes when asked,
 * without copying the transposed operand first. Registered for `wasm` only: it exists because
 * tfjs-wasm's _FusedMatMul sends transposed operands outside XNNPACK (10-25x slower), and its XNNPACK
 * products ran at 22-27 GFLOP/s on the MLP's shapes where these run at 28-32 (wasm/matmul.wat).
 * Other backends run _FusedMatMul, which is fast there; this is not one of the kernels a backend
 * plugin must register (`lrkitKernelNames`).
 */
export const LrkitMatMul = 'LrkitMatMul';

/**
 * Inputs: `a` [1, m, k] (with transposeA [1, k, m]), `b` [1, k, n] (with transposeB [1, n, k]), float32;
 * optional `bias` [n]. Output [1, m, n]. The same bits as tfjs-wasm's _FusedMatMul on the same product:
 * each output starts from its bias and adds the products in k order, rounding each op to float32.
 */
export interface LrkitMatMulAttrs {
  transposeA: boolean;
  transposeB: boolean;
  activation: 'linear' | 'relu';
}

const name = LrkitMatMul;

/** [1, rows, cols] (or [rows, cols]) -> [rows, cols], naming the input otherwise. */
function matrixDims(t: TensorInfo, what: string): [number, number] {
  const s = t.shape;
  if (t.dtype !== 'float32') throw new Error(`${name}: ${what} must be float32, got ${t.dtype}`);
  if (s.length === 2) return [s[0]!, s[1]!];
  if (s.length === 3 && s[0] === 1) return [s[1]!, s[2]!];
  throw new Error(`${name}: ${what} must be [rows, cols] or [1, rows, cols], got [${s.join(', ')}]`);
}

export const matMulConfig: KernelConfig = {
  kernelName: name,
  backendName: 'wasm',
  kernelFunc: ({ inputs, attrs, backend }) => {
    const { transposeA, transposeB, activation } = attrs as unknown as LrkitMatMulAttrs;
    if (activation !== 'linear' && activation !== 'relu') {
      throw new Error(`${name}: activation must be 'linear' or 'relu', got '${String(activation)}'`);
    }
    const a = requireInput(inputs, 'a', name);
    const b = requireInput(inputs, 'b', name);
    const bias = inputs.bias;
    const [aRows, aCols] = matrixDims(a, 'a');
    const [bRows, bCols] = matrixDims(b, 'b');
    const [m, k] = transposeA ? [aCols, aRows] : [aRows, aCols];
    const [kb, n] = transposeB ? [bCols, bRows] : [bRows, bCols];
    if (k !== kb) throw new Error(`${name}: a gives ${k} columns to multiply, b ${kb} rows`);
    if (bias && (bias.dtype !== 'float32' || bias.shape.length !== 1 || bias.shape[0] !== n)) {
      throw new Error(`${name}: bias must be float32 [${n}], got ${bias.dtype} [${bias.shape.join(', ')}]`);
    }
    const heap = wasmAccess.heap!;
    const kernels = heap.matmul(backend);
    // Allocate the output and scratch before reading any offset's memory (growth moves nothing, but keep
    // the rule of every lrkit kernel: allocate first).
    const out = wasmAccess.alloc(backend, a.shape.length === 3 ? [1, m, n] : [m, n], 'float32');
    if (m === 0 || n === 0) return out;
    const packed = heap.malloc(backend, kernels.packedBytes(k, n));
    const packedA = transposeA ? heap.malloc(backend, kernels.packedABytes(m, k)) : 0;
    try {
      const at = (t: TensorInfo) => heap.offset(backend, t);
      kernels.pack(at(b), k, n, transposeB ? 1 : 0, bias ? at(bias) : 0, bias ? 1 : 0, packed);
      const relu = activation === 'relu' ? 1 : 0;
      if (transposeA) {
        // Aᵀ is repacked into blocks of 4 rows (see packA): read in place, a power-of-two m would step
        // through the cache on a handful of sets.
        kernels.packA(at(a), m, k, packedA);
        kernels.gemm(packedA, 4, 16, 16 * k, m, k, n, packed, at(out), relu);
      } else {
        kernels.gemm(at(a), 4 * k, 4, 16 * k, m, k, n, packed, at(out), relu);
      }
    } finally {
      heap.free(backend, packed);
      if (packedA) heap.free(backend, packedA);
    }
    return out;
  },
};
