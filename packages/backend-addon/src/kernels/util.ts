import { tf } from '@lrkit/core';
import type { AddonBackend } from '../backend';
import { MAX_RANK } from '../native/codes';

export type TensorInfo = tf.TensorInfo;

/** The arguments tfjs passes a kernel, with the backend typed as ours. */
export interface KernelArgs {
  inputs: Record<string, TensorInfo | undefined>;
  backend: AddonBackend;
  attrs: Record<string, unknown>;
}

export type AddonKernel = (args: KernelArgs) => TensorInfo | TensorInfo[];

/** A kernel before it is bound to a backend name (see kernelConfigs). */
export interface AddonKernelDef {
  kernelName: string;
  kernelFunc: tf.KernelFunc;
}

export function kernel(kernelName: string, fn: AddonKernel): AddonKernelDef {
  return { kernelName, kernelFunc: fn as unknown as tf.KernelFunc };
}

/** A named input that must be present. */
export function input(args: KernelArgs, name: string, kernelName: string): TensorInfo {
  const t = args.inputs[name];
  if (!t) throw new Error(`kernel ${kernelName}: missing input '${name}'`);
  return t;
}

export function sizeOf(shape: number[]): number {
  return tf.util.sizeFromShape(shape);
}

/** Row-major element strides of a shape. */
export function contiguousStrides(shape: number[]): number[] {
  const strides = new Array<number>(shape.length).fill(1);
  for (let d = shape.length - 2; d >= 0; d--) strides[d] = strides[d + 1]! * shape[d + 1]!;
  return strides;
}

export function checkRank(rank: number, kernelName: string): void {
  if (rank > MAX_RANK) throw new Error(`kernel ${kernelName}: rank ${rank} is above the supported ${MAX_RANK}`);
}

/**
 * Copies `dims`-shaped elements: out[outOffset + idx.outStrides] = x[inOffset + idx.inStrides]. Writes into
 * `into` when given (Concat, Pad), else into a fresh contiguous output of shape `dims`.
 */
export function stridedCopy(
  backend: AddonBackend,
  x: TensorInfo,
  dims: number[],
  inStrides: number[],
  inOffset: number,
  into?: { out: TensorInfo; strides: number[]; offset: number },
): TensorInfo {
  checkRank(dims.length, 'copy');
  const out = into?.out ?? backend.makeOutput(dims, x.dtype);
  const outStrides = into?.strides ?? contiguousStrides(dims);
  const rank = dims.length;
  const meta = new Int32Array(3 + 3 * rank);
  meta[0] = rank;
  for (let d = 0; d < rank; d++) {
    meta[1 + d] = dims[d]!;
    meta[1 + rank + d] = inStrides[d]!;
    meta[1 + 2 * rank + d] = outStrides[d]!;
  }
  meta[1 + 3 * rank] = inOffset;
  meta[2 + 3 * rank] = into?.offset ?? 0;
  backend.addon.copy(backend.ptr(x), backend.ptr(out), sizeOf(dims), meta);
  return out;
}

/** Strides that read `x` broadcast to `shape` (0 along broadcast and missing leading axes). */
export function broadcastStrides(xShape: number[], shape: number[]): number[] {
  const own = contiguousStrides(xShape);
  const lead = shape.length - xShape.length;
  return shape.map((size, d) => {
    const xd = d - lead;
    if (xd < 0) return 0;
    return xShape[xd] === 1 && size !== 1 ? 0 : own[xd]!;
  });
}

/** `x` materialised at a broadcast shape (BroadcastTo, and inputs of kernels that need equal shapes). */
export function broadcastTo(backend: AddonBackend, x: TensorInfo, shape: number[]): TensorInfo {
  if (tf.util.arraysEqual(x.shape, shape)) return backend.view(x, shape);
  return stridedCopy(backend, x, shape, broadcastStrides(x.shape, shape), 0);
}

/** Normalises a possibly negative axis. */
export function normAxis(axis: number, rank: number): number {
  return axis < 0 ? axis + rank : axis;
}
