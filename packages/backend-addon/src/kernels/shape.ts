// Kernels that move elements without computing on them. All are views (Reshape) or one strided copy per
// input or output (see stridedCopy).
import { tf } from '@lrkit/core';
import type { AddonBackend } from '../backend';
import { castTo } from './elementwise';
import type { AddonKernelDef, KernelArgs, TensorInfo } from './util';
import { broadcastTo, checkRank, contiguousStrides, input, kernel, normAxis, sizeOf, stridedCopy } from './util';

export function transpose(backend: AddonBackend, x: TensorInfo, perm: number[]): TensorInfo {
  checkRank(x.shape.length, 'Transpose');
  const strides = contiguousStrides(x.shape);
  return stridedCopy(backend, x, perm.map((p) => x.shape[p]!), perm.map((p) => strides[p]!), 0);
}

export function slice(backend: AddonBackend, x: TensorInfo, begin: number[], size: number[]): TensorInfo {
  const strides = contiguousStrides(x.shape);
  const offset = begin.reduce((o, b, d) => o + b * strides[d]!, 0);
  return stridedCopy(backend, x, size, strides, offset);
}

/** Writes each input into its place along `axis` of one output. */
export function concat(backend: AddonBackend, xs: TensorInfo[], axis: number): TensorInfo {
  const outShape = tf.backend_util.computeOutShape(xs.map((t) => t.shape), axis);
  const dtype = xs.map((t) => t.dtype).reduce((p, q) => tf.upcastType(p, q));
  const out = backend.makeOutput(outShape, dtype);
  const outStrides = contiguousStrides(outShape);
  let at = 0;
  for (const t of xs) {
    if (sizeOf(t.shape) > 0) {
      const src = t.dtype === dtype ? t : castTo(backend, t, dtype);
      stridedCopy(backend, src, t.shape, contiguousStrides(t.shape), 0, { out, strides: outStrides, offset: at * outStrides[axis]! });
      if (src !== t) backend.release(src);
    }
    at += t.shape[axis]!;
  }
  return out;
}

function reshape(args: KernelArgs): TensorInfo {
  const x = input(args, 'x', 'Reshape');
  const shape = tf.util.inferFromImplicitShape(args.attrs.shape as number[], sizeOf(x.shape));
  if (sizeOf(shape) !== sizeOf(x.shape)) throw new Error(`kernel Reshape: cannot reshape [${x.shape}] to [${shape}]`);
  return args.backend.view(x, shape);
}

export const shapeKernels: AddonKernelDef[] = [
  kernel('Reshape', reshape),
  kernel('Transpose', (args) => transpose(args.backend, input(args, 'x', 'Transpose'), args.attrs.perm as number[])),
  kernel('Slice', (args) => {
    const x = input(args, 'x', 'Slice');
    const [begin, size] = tf.slice_util.parseSliceParams(x, args.attrs.begin as number[], args.attrs.size as number[]);
    tf.slice_util.assertParamsValid(x, begin!, size!);
    return slice(args.backend, x, begin!, size!);
  }),
  kernel('StridedSlice', (args) => {
    const x = input(args, 'x', 'StridedSlice');
    const a = args.attrs as { begin: number[]; end: number[]; strides: number[]; beginMask: number; endMask: number; ellipsisMask: number; newAxisMask: number; shrinkAxisMask: number };
    const info = tf.slice_util.sliceInfo(x.shape, a.begin, a.end, a.strides, a.beginMask, a.endMask, a.ellipsisMask, a.newAxisMask, a.shrinkAxisMask);
    const xStrides = contiguousStrides(x.shape);
    // Per input axis: how many elements, and the stride (possibly negative) between them.
    const dims = info.begin.map((b, d) => {
      const s = info.strides[d]!;
      const n = s > 0 ? Math.ceil((info.end[d]! - b) / s) : Math.ceil((b - info.end[d]!) / -s);
      return Math.max(0, n);
    });
    const offset = info.begin.reduce((o, b, d) => o + (dims[d]! > 0 ? b * xStrides[d]! : 0), 0);
    const out = stridedCopy(args.backend, x, dims, info.strides.map((s, d) => s * xStrides[d]!), offset);
    return { ...out, shape: info.finalShape };
  }),
  kernel('GatherV2', (args) => {
    const { backend } = args;
    const x = input(args, 'x', 'GatherV2');
    const indices = input(args, 'indices', 'GatherV2');
    if (((args.attrs.batchDims as number | undefined) ?? 0) !== 0) throw new Error('kernel GatherV2: batchDims other than 0 is not supported');
    const axis = normAxis((args.attrs.axis as number | undefined) ?? 0, x.shape.length);
    const idx = indices.dtype === 'int32' ? indices : castTo(backend, indices, 'int32');
    const outShape = [...x.shape.slice(0, axis), ...indices.shape, ...x.shape.slice(axis + 1)];
    const out = backend.makeOutput(outShape, x.dtype);
    const outer = sizeOf(x.shape.slice(0, axis));
    const inner = sizeOf(x.shape.slice(axis + 1));
    backend.addon.gather(backend.ptr(x), backend.ptr(idx), backend.ptr(out), outer, x.shape[axis]!, inner, sizeOf(indices.shape));
    if (idx !== indices) backend.release(idx);
    return out;
  }),
  kernel('Concat', (args) => {
    const xs = Object.values(args.inputs).filter((t): t is TensorInfo => t !== undefined);
    if (xs.length === 0) throw new Error('kernel Concat: no inputs');
    const axis = normAxis((args.attrs.axis as number | undefined) ?? 0, xs[0]!.shape.length);
    tf.backend_util.assertParamsConsistent(xs.map((t) => t.shape), axis);
    return concat(args.backend, xs, axis);
  }),
  kernel('Pack', (args) => {
    const xs = Object.values(args.inputs).filter((t): t is TensorInfo => t !== undefined);
    if (xs.length === 0) throw new Error('kernel Pack: no inputs');
    const axis = normAxis((args.attrs.axis as number | undefined) ?? 0, xs[0]!.shape.length + 1);
    const expanded = xs.map((t) => ({ ...t, shape: [...t.shape.slice(0, axis), 1, ...t.shape.slice(axis)] }));
    return concat(args.backend, expanded, axis);
  }),
  kernel('Unpack', (args) => {
    const x = input(args, 'value', 'Unpack');
    const axis = normAxis((args.attrs.axis as number | undefined) ?? 0, x.shape.length);
    const size = [...x.shape];
    size[axis] = 1;
    const outShape = x.shape.filter((_, d) => d !== axis);
    return Array.from({ length: x.shape[axis]! }, (_, i) => {
      const begin = x.shape.map((_, d) => (d === axis ? i : 0));
      return { ...slice(args.backend, x, begin, size), shape: outShape };
    });
  }),
  kernel('SplitV', (args) => {
    const x = input(args, 'x', 'SplitV');
    const axis = normAxis((args.attrs.axis as number | undefined) ?? 0, x.shape.length);
    const sizes = tf.backend_util.prepareSplitSize(x as unknown as tf.Tensor, args.attrs.numOrSizeSplits as number[] | number, axis);
    let at = 0;
    return sizes.map((n) => {
      const begin = x.shape.map((_, d) => (d === axis ? at : 0));
      const size = x.shape.map((s, d) => (d === axis ? n : s));
      at += n;
      return slice(args.backend, x, begin, size);
    });
  }),
  kernel('Tile', (args) => {
    const x = input(args, 'x', 'Tile');
    const reps = args.attrs.reps as number[];
    // out[r0, d0, r1, d1, ...] reads x[d0, d1, ...]: the repeat axes have stride 0.
    const strides = contiguousStrides(x.shape);
    const dims = x.shape.flatMap((s, d) => [reps[d]!, s]);
    const out = stridedCopy(args.backend, x, dims, strides.flatMap((s) => [0, s]), 0);
    return { ...out, shape: x.shape.map((s, d) => s * reps[d]!) };
  }),
  kernel('BroadcastTo', (args) => broadcastTo(args.backend, input(args, 'x', 'BroadcastTo'), args.attrs.shape as number[])),
  kernel('PadV2', (args) => {
    const { backend } = args;
    const x = input(args, 'x', 'PadV2');
    const paddings = args.attrs.paddings as Array<[number, number]>;
    const outShape = x.shape.map((s, d) => paddings[d]![0] + s + paddings[d]![1]);
    const out = backend.makeOutput(outShape, x.dtype);
    backend.addon.fill(x.dtype === 'float32' ? 0 : 1, backend.ptr(out), sizeOf(outShape), Number(args.attrs.constantValue ?? 0));
    const outStrides = contiguousStrides(outShape);
    const offset = paddings.reduce((o, [before], d) => o + before * outStrides[d]!, 0);
    if (sizeOf(x.shape) > 0) stridedCopy(backend, x, x.shape, contiguousStrides(x.shape), 0, { out, strides: outStrides, offset });
    return out;
  }),
  kernel('Reverse', (args) => {
    const x = input(args, 'x', 'Reverse');
    const dims = tf.util.parseAxisParam(args.attrs.dims as number | number[], x.shape);
    const strides = contiguousStrides(x.shape);
    // Reversed axes start at their last element and step backwards.
    const offset = dims.reduce((o, d) => o + (x.shape[d]! - 1) * strides[d]!, 0);
    return stridedCopy(args.backend, x, x.shape, strides.map((s, d) => (dims.includes(d) ? -s : s)), offset);
  }),
];
