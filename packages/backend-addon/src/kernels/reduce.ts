import { tf } from '@lrkit/core';
import type { AddonBackend } from '../backend';
import { deviceType } from '../backend';
import { Reduce } from '../native/codes';
import { castTo } from './elementwise';
import { transpose } from './shape';
import type { AddonKernelDef, KernelArgs, TensorInfo } from './util';
import { input, kernel, sizeOf } from './util';

type DataType = tf.DataType;

/**
 * Reduces `x` over `axes`. Reduced axes that are adjacent in memory need no copy: the input is viewed as
 * [outer, reduce, inner] and reduced in place. Others are transposed to the end first.
 */
export function reduce(
  backend: AddonBackend,
  x: TensorInfo,
  axisAttr: number | number[] | undefined,
  op: number,
  outDtype: DataType,
  keepDims: boolean,
): TensorInfo {
  const rank = x.shape.length;
  const axes = tf.util.parseAxisParam(axisAttr ?? [...x.shape.keys()], x.shape).sort((p, q) => p - q);
  const kept = x.shape.filter((_, d) => !axes.includes(d));
  const outShape = keepDims ? tf.backend_util.expandShapeToKeepDim(kept, axes) : kept;
  const reduceSize = axes.reduce((n, d) => n * x.shape[d]!, 1);

  let src = x;
  let outer: number;
  let inner: number;
  const adjacent = axes.every((d, i) => i === 0 || d === axes[i - 1]! + 1);
  if (axes.length === 0 || adjacent) {
    const first = axes[0] ?? rank;
    const last = axes[axes.length - 1] ?? rank - 1;
    outer = sizeOf(x.shape.slice(0, first));
    inner = sizeOf(x.shape.slice(last + 1));
  } else {
    const perm = tf.backend_util.getAxesPermutation(axes, rank);
    src = transpose(backend, x, perm!);
    outer = sizeOf(kept);
    inner = 1;
  }
  const out = backend.makeOutput(outShape, outDtype);
  backend.addon.reduce(op, deviceType(src.dtype), backend.ptr(src), backend.ptr(out), outer, reduceSize, inner);
  if (src !== x) backend.release(src);
  return out;
}

type AxisAttr = number | number[] | undefined;

function reduceKernel(name: string, op: number, axisName: 'axis' | 'reductionIndices', outDtype: (x: DataType) => DataType, floatInput = false) {
  return kernel(name, (args: KernelArgs) => {
    const { backend } = args;
    let x = input(args, 'x', name);
    const widen = floatInput && x.dtype !== 'float32';
    if (widen) x = castTo(backend, x, 'float32');
    else if (x.dtype === 'bool' && (op === Reduce.sum || op === Reduce.prod)) x = castTo(backend, x, 'int32');
    const out = reduce(backend, x, args.attrs[axisName] as AxisAttr, op, outDtype(x.dtype), Boolean(args.attrs.keepDims));
    if (x !== args.inputs.x) backend.release(x);
    return out;
  });
}

function argKernel(name: string, op: number) {
  return kernel(name, (args: KernelArgs) => {
    const x = input(args, 'x', name);
    const axis = (args.attrs.axis as number | undefined) ?? 0;
    return reduce(args.backend, x, [axis], op, 'int32', false);
  });
}

const same = (d: DataType): DataType => d;

export const reduceKernels: AddonKernelDef[] = [
  reduceKernel('Sum', Reduce.sum, 'axis', (d) => (d === 'float32' ? 'float32' : 'int32')),
  reduceKernel('Mean', Reduce.mean, 'axis', () => 'float32', true),
  reduceKernel('Max', Reduce.max, 'reductionIndices', same),
  reduceKernel('Min', Reduce.min, 'axis', same),
  reduceKernel('Prod', Reduce.prod, 'axis', (d) => (d === 'float32' ? 'float32' : 'int32')),
  reduceKernel('Any', Reduce.any, 'axis', () => 'bool'),
  reduceKernel('All', Reduce.all, 'axis', () => 'bool'),
  argKernel('ArgMax', Reduce.argMax),
  argKernel('ArgMin', Reduce.argMin),
];
