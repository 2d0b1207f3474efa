import { tf } from '@lrkit/core';
import type { AddonBackend } from '../backend';
import { Binary, Unary } from '../native/codes';
import { binary, castTo, unary } from './elementwise';
import type { AddonKernelDef, TensorInfo } from './util';
import { broadcastTo, input, kernel, sizeOf } from './util';

/** tfjs's fused activations that fit in the GEMM epilogue (prelu needs a tensor and runs after it). */
const epilogueActivation: Record<string, number> = {
  linear: Unary.identity,
  relu: Unary.relu,
  relu6: Unary.relu6,
  elu: Unary.elu,
  sigmoid: Unary.sigmoid,
  leakyrelu: Unary.leakyRelu,
};

export interface MatMulOptions {
  transposeA: boolean;
  transposeB: boolean;
  /** Added along the last output axis (length N), fused into the GEMM's epilogue. */
  bias?: number;
  activation?: number;
  alpha?: number;
}

/** Batched float32 matrix product with tfjs's batch broadcasting: [...batch, M, K] x [...batch, K, N]. */
export function matMul(backend: AddonBackend, a: TensorInfo, b: TensorInfo, o: MatMulOptions, kernelName: string): TensorInfo {
  const ra = a.shape.length;
  const rb = b.shape.length;
  if (ra < 2 || rb < 2) throw new Error(`kernel ${kernelName}: inputs must have rank >= 2, got [${a.shape}] and [${b.shape}]`);
  const M = o.transposeA ? a.shape[ra - 1]! : a.shape[ra - 2]!;
  const K = o.transposeA ? a.shape[ra - 2]! : a.shape[ra - 1]!;
  const K2 = o.transposeB ? b.shape[rb - 1]! : b.shape[rb - 2]!;
  const N = o.transposeB ? b.shape[rb - 2]! : b.shape[rb - 1]!;
  if (K !== K2) {
    throw new Error(
      `kernel ${kernelName}: inner dimensions differ: [${a.shape}] x [${b.shape}] (transposeA=${o.transposeA}, transposeB=${o.transposeB})`,
    );
  }
  const outerA = a.shape.slice(0, -2);
  const outerB = b.shape.slice(0, -2);
  const batchShape = tf.backend_util.assertAndGetBroadcastShape(outerA, outerB);
  const batch = sizeOf(batchShape);

  // A batch that neither matches nor is a single matrix (e.g. [2,1] against [1,3]) is materialised first.
  const temps: TensorInfo[] = [];
  const operand = (t: TensorInfo, outer: number[]): { t: TensorInfo; stride: number } => {
    let x = t;
    if (x.dtype !== 'float32') temps.push((x = castTo(backend, x, 'float32')));
    const n = sizeOf(outer);
    const matrix = x.shape.slice(-2);
    if (n !== batch && n !== 1) temps.push((x = broadcastTo(backend, x, [...batchShape, ...matrix])));
    return { t: x, stride: n === 1 ? 0 : sizeOf(matrix) };
  };
  const A = operand(a, outerA);
  const B = operand(b, outerB);

  const out = backend.makeOutput([...batchShape, M, N], 'float32');
  const meta = Int32Array.of(batch, M, N, K, o.transposeA ? 1 : 0, o.transposeB ? 1 : 0, A.stride, B.stride, o.activation ?? Unary.identity);
  backend.addon.gemm(backend.ptr(A.t), backend.ptr(B.t), o.bias ?? 0, backend.ptr(out), meta, o.alpha ?? 0, backend.alternateGemm);
  for (const t of temps) backend.release(t);
  return out;
}

export const matmulKernels: AddonKernelDef[] = [
  kernel('BatchMatMul', (args) =>
    matMul(args.backend, input(args, 'a', 'BatchMatMul'), input(args, 'b', 'BatchMatMul'), {
      transposeA: Boolean(args.attrs.transposeA),
      transposeB: Boolean(args.attrs.transposeB),
    }, 'BatchMatMul'),
  ),
  kernel('_FusedMatMul', (args) => {
    const { backend } = args;
    const name = '_FusedMatMul';
    const a = input(args, 'a', name);
    const b = input(args, 'b', name);
    const bias = args.inputs.bias;
    const prelu = args.inputs.preluActivationWeights;
    const activation = (args.attrs.activation as string | undefined) ?? 'linear';
    const alpha = typeof args.attrs.leakyreluAlpha === 'number' ? args.attrs.leakyreluAlpha : 0.2;
    const transposeA = Boolean(args.attrs.transposeA);
    const transposeB = Boolean(args.attrs.transposeB);
    const N = transposeB ? b.shape[b.shape.length - 2]! : b.shape[b.shape.length - 1]!;
    const act = epilogueActivation[activation];
    if (act === undefined && activation !== 'prelu') throw new Error(`kernel ${name}: unknown activation '${activation}'`);

    // A bias of N values along the last axis goes into the GEMM epilogue; any other broadcast is added after.
    const biasFits = bias !== undefined && bias.dtype === 'float32' && sizeOf(bias.shape) === N && (bias.shape.length === 0 ? N === 1 : bias.shape[bias.shape.length - 1] === N);
    const fused = bias === undefined || biasFits;
    let out = matMul(backend, a, b, {
      transposeA,
      transposeB,
      ...(biasFits ? { bias: backend.ptr(bias!) } : {}),
      ...(fused && act !== undefined ? { activation: act, alpha } : {}),
    }, name);
    const replace = (next: TensorInfo) => {
      backend.release(out);
      out = next;
    };
    if (!fused) {
      replace(binary(backend, Binary.add, out, bias!, name));
      if (act !== undefined && act !== Unary.identity) replace(unary(backend, act, out, false, alpha));
    }
    if (activation === 'prelu') {
      if (!prelu) throw new Error(`kernel ${name}: activation 'prelu' needs preluActivationWeights`);
      replace(binary(backend, Binary.prelu, out, prelu, name));
    }
    return out;
  }),
];
