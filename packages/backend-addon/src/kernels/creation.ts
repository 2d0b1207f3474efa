import type { tf } from '@lrkit/core';
import type { AddonBackend } from '../backend';
import { deviceType } from '../backend';
import { castTo } from './elementwise';
import type { AddonKernelDef, TensorInfo } from './util';
import { input, kernel, sizeOf } from './util';

type DataType = tf.DataType;

export function fill(backend: AddonBackend, shape: number[], dtype: DataType, value: number): TensorInfo {
  const out = backend.makeOutput(shape, dtype);
  backend.addon.fill(deviceType(dtype), backend.ptr(out), sizeOf(shape), dtype === 'bool' ? (value ? 1 : 0) : value);
  return out;
}

export const creationKernels: AddonKernelDef[] = [
  kernel('Fill', (args) => {
    const dtype = (args.attrs.dtype as DataType | undefined) ?? 'float32';
    const value = args.attrs.value;
    if (typeof value !== 'number') throw new Error(`kernel Fill: value must be a number (string tensors stay off the device)`);
    return fill(args.backend, args.attrs.shape as number[], dtype, value);
  }),
  kernel('ZerosLike', (args) => {
    const x = input(args, 'x', 'ZerosLike');
    return fill(args.backend, x.shape, x.dtype, 0);
  }),
  kernel('OnesLike', (args) => {
    const x = input(args, 'x', 'OnesLike');
    return fill(args.backend, x.shape, x.dtype, 1);
  }),
  kernel('Range', (args) => {
    // A constant computed on the host and uploaded once: cheaper than a kernel for what Range is used for.
    const { start, stop, step, dtype } = args.attrs as { start: number; stop: number; step: number; dtype: 'float32' | 'int32' };
    const n = Math.max(0, Math.ceil((stop - start) / step));
    const values = dtype === 'int32' ? new Int32Array(n) : new Float32Array(n);
    for (let i = 0; i < n; i++) values[i] = start + i * step;
    return args.backend.fromHost(values, [n], dtype);
  }),
  kernel('OneHot', (args) => {
    const { backend } = args;
    const indices = input(args, 'indices', 'OneHot');
    const { depth, onValue, offValue, dtype } = args.attrs as { depth: number; onValue: number; offValue: number; dtype?: DataType };
    const idx = indices.dtype === 'int32' ? indices : castTo(backend, indices, 'int32');
    const out = backend.makeOutput([...indices.shape, depth], 'float32');
    backend.addon.oneHot(backend.ptr(idx), backend.ptr(out), sizeOf(indices.shape), depth, onValue, offValue);
    if (idx !== indices) backend.release(idx);
    if (!dtype || dtype === 'float32') return out;
    const cast = castTo(backend, out, dtype);
    backend.release(out);
    return cast;
  }),
  kernel('Softmax', (args) => softmax(args.backend, input(args, 'logits', 'Softmax'), args.attrs.dim as number | undefined, false, 'Softmax')),
  kernel('LogSoftmax', (args) => softmax(args.backend, input(args, 'logits', 'LogSoftmax'), args.attrs.axis as number | undefined, true, 'LogSoftmax')),
];

function softmax(backend: AddonBackend, logits: TensorInfo, axis: number | undefined, log: boolean, name: string): TensorInfo {
  const rank = logits.shape.length;
  const last = rank - 1;
  if (axis !== undefined && axis !== -1 && axis !== last) throw new Error(`kernel ${name}: only the last axis is supported (got ${axis})`);
  const x = logits.dtype === 'float32' ? logits : castTo(backend, logits, 'float32');
  const cols = rank === 0 ? 1 : logits.shape[last]!;
  const out = backend.makeOutput(logits.shape, 'float32');
  backend.addon.softmax(backend.ptr(x), backend.ptr(out), cols === 0 ? 0 : sizeOf(logits.shape) / cols, cols, log ? 1 : 0);
  if (x !== logits) backend.release(x);
  return out;
}
