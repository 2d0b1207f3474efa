import { tf } from '@lrkit/core';
import type { AddonBackend } from '../backend';
import { deviceType } from '../backend';
import { Binary, DT_F32, DT_I32, firstComparison, lastComparison, Unary } from '../native/codes';
import type { AddonKernelDef, KernelArgs, TensorInfo } from './util';
import { broadcastStrides, broadcastTo, checkRank, input, kernel, sizeOf } from './util';

type DataType = tf.DataType;

/** Converts between dtypes on the device; the same dtype is a view. */
export function castTo(backend: AddonBackend, x: TensorInfo, dtype: DataType): TensorInfo {
  if (x.dtype === dtype) return backend.view(x, x.shape);
  const out = backend.makeOutput(x.shape, dtype);
  const from = deviceType(x.dtype);
  const to = deviceType(dtype);
  backend.addon.cast(from, to, dtype === 'bool' ? 1 : 0, backend.ptr(x), backend.ptr(out), sizeOf(x.shape));
  return out;
}

/** `op` on every element; ints go through float32 unless the op keeps integers integral. */
export function unary(
  backend: AddonBackend,
  op: number,
  x: TensorInfo,
  intOk: boolean,
  alpha = 0,
  beta = 0,
  outDtype?: DataType,
): TensorInfo {
  if (x.dtype !== 'float32' && !intOk) {
    const xf = castTo(backend, x, 'float32');
    const out = unary(backend, op, xf, true, alpha, beta, outDtype);
    backend.release(xf);
    return out;
  }
  const dtype: DataType = outDtype ?? (x.dtype === 'bool' ? 'int32' : x.dtype);
  const out = backend.makeOutput(x.shape, dtype);
  backend.addon.unary(op, deviceType(x.dtype), backend.ptr(x), backend.ptr(out), sizeOf(x.shape), alpha, beta);
  return out;
}

/** `op` on two inputs broadcast against each other (numpy rules, as tfjs). */
export function binary(backend: AddonBackend, op: number, a: TensorInfo, b: TensorInfo, kernelName: string): TensorInfo {
  const compare = op >= firstComparison && op <= lastComparison;
  // tfjs makes input types match before dispatch; mixed inputs are widened here, and real division of
  // integers is done in float32.
  const target: DataType | undefined =
    op === Binary.div && (a.dtype !== 'float32' || b.dtype !== 'float32') ? 'float32'
      : a.dtype !== b.dtype ? tf.upcastType(a.dtype, b.dtype) : undefined;
  if (target) {
    const aw = castTo(backend, a, target);
    const bw = castTo(backend, b, target);
    const out = binary(backend, op, aw, bw, kernelName);
    backend.release(aw);
    backend.release(bw);
    return out;
  }
  const shape = tf.backend_util.assertAndGetBroadcastShape(a.shape, b.shape);
  checkRank(shape.length, kernelName);
  const outDtype: DataType = compare ? 'bool' : a.dtype === 'bool' ? 'int32' : a.dtype;
  const out = backend.makeOutput(shape, outDtype);
  const rank = shape.length;
  const meta = new Int32Array(1 + 3 * rank);
  meta[0] = rank;
  const sa = broadcastStrides(a.shape, shape);
  const sb = broadcastStrides(b.shape, shape);
  for (let d = 0; d < rank; d++) {
    meta[1 + d] = shape[d]!;
    meta[1 + rank + d] = sa[d]!;
    meta[1 + 2 * rank + d] = sb[d]!;
  }
  const dtypeIn = a.dtype === 'float32' ? DT_F32 : DT_I32;
  backend.addon.binary(op, dtypeIn, backend.ptr(a), backend.ptr(b), backend.ptr(out), sizeOf(shape), meta);
  return out;
}

// kernel name -> [op, keeps integers integral]
const unaryKernels: Array<[string, number, boolean]> = [
  ['Neg', Unary.neg, true],
  ['Abs', Unary.abs, true],
  ['Square', Unary.square, true],
  ['Relu', Unary.relu, true],
  ['Sign', Unary.sign, true],
  ['Floor', Unary.floor, true],
  ['Ceil', Unary.ceil, true],
  ['Round', Unary.round, true],
  ['Exp', Unary.exp, false],
  ['Log', Unary.log, false],
  ['Log1p', Unary.log1p, false],
  ['Sqrt', Unary.sqrt, false],
  ['Rsqrt', Unary.rsqrt, false],
  ['Relu6', Unary.relu6, false],
  ['Sigmoid', Unary.sigmoid, false],
  ['Tanh', Unary.tanh, false],
  ['Elu', Unary.elu, false],
  ['Selu', Unary.selu, false],
  ['Softplus', Unary.softplus, false],
  ['Reciprocal', Unary.reciprocal, false],
  ['Sin', Unary.sin, false],
  ['Cos', Unary.cos, false],
  ['Expm1', Unary.expm1, false],
];

// kernel name -> [op, first input name, second input name]
const binaryKernels: Array<[string, number, string, string]> = [
  ['Add', Binary.add, 'a', 'b'],
  ['Sub', Binary.sub, 'a', 'b'],
  ['Multiply', Binary.mul, 'a', 'b'],
  ['RealDiv', Binary.div, 'a', 'b'],
  ['Maximum', Binary.max, 'a', 'b'],
  ['Minimum', Binary.min, 'a', 'b'],
  ['Pow', Binary.pow, 'a', 'b'],
  ['SquaredDifference', Binary.squaredDiff, 'a', 'b'],
  ['Mod', Binary.mod, 'a', 'b'],
  ['DivNoNan', Binary.divNoNan, 'a', 'b'],
  ['Prelu', Binary.prelu, 'x', 'alpha'],
  ['Greater', Binary.greater, 'a', 'b'],
  ['GreaterEqual', Binary.greaterEqual, 'a', 'b'],
  ['Less', Binary.less, 'a', 'b'],
  ['LessEqual', Binary.lessEqual, 'a', 'b'],
  ['Equal', Binary.equal, 'a', 'b'],
  ['NotEqual', Binary.notEqual, 'a', 'b'],
  ['LogicalAnd', Binary.logicalAnd, 'a', 'b'],
  ['LogicalOr', Binary.logicalOr, 'a', 'b'],
];

function floatAttr(args: KernelArgs, name: string, fallback: number): number {
  const v = args.attrs[name];
  return typeof v === 'number' ? v : fallback;
}

export const elementwiseKernels: AddonKernelDef[] = [
  ...unaryKernels.map(([name, op, intOk]) =>
    kernel(name, (args) => unary(args.backend, op, input(args, 'x', name), intOk)),
  ),
  ...binaryKernels.map(([name, op, first, second]) =>
    kernel(name, (args) => binary(args.backend, op, input(args, first, name), input(args, second, name), name)),
  ),
  kernel('FloorDiv', (args) => {
    // tfjs's FloorDiv always answers in int32.
    const out = binary(args.backend, Binary.floorDiv, input(args, 'a', 'FloorDiv'), input(args, 'b', 'FloorDiv'), 'FloorDiv');
    if (out.dtype === 'int32') return out;
    const ints = castTo(args.backend, out, 'int32');
    args.backend.release(out);
    return ints;
  }),
  kernel('Step', (args) => unary(args.backend, Unary.step, input(args, 'x', 'Step'), false, floatAttr(args, 'alpha', 0))),
  kernel('LeakyRelu', (args) =>
    unary(args.backend, Unary.leakyRelu, input(args, 'x', 'LeakyRelu'), false, floatAttr(args, 'alpha', 0.2)),
  ),
  kernel('ClipByValue', (args) => {
    const x = input(args, 'x', 'ClipByValue');
    return unary(args.backend, Unary.clip, x, true, floatAttr(args, 'clipValueMin', -Infinity), floatAttr(args, 'clipValueMax', Infinity));
  }),
  kernel('LogicalNot', (args) => {
    return unary(args.backend, Unary.logicalNot, input(args, 'x', 'LogicalNot'), true, 0, 0, 'bool');
  }),
  kernel('Identity', (args) => {
    const x = input(args, 'x', 'Identity');
    return args.backend.view(x, x.shape);
  }),
  kernel('Cast', (args) => castTo(args.backend, input(args, 'x', 'Cast'), args.attrs.dtype as DataType)),
  kernel('AddN', (args) => {
    const tensors = Object.values(args.inputs).filter((t): t is TensorInfo => t !== undefined);
    if (tensors.length === 0) throw new Error('kernel AddN: no inputs');
    let acc = args.backend.view(tensors[0]!, tensors[0]!.shape);
    for (const t of tensors.slice(1)) {
      const next = binary(args.backend, Binary.add, acc, t, 'AddN');
      args.backend.release(acc);
      acc = next;
    }
    return acc;
  }),
  kernel('Select', (args) => {
    const { backend } = args;
    const cond = input(args, 'condition', 'Select');
    const t = input(args, 't', 'Select');
    const e = input(args, 'e', 'Select');
    // tfjs allows a rank-1 condition choosing whole rows of higher-rank t and e.
    const condShape = cond.shape.length === 1 && t.shape.length > 1 ? [cond.shape[0]!, ...t.shape.slice(1).map(() => 1)] : cond.shape;
    const c = broadcastTo(backend, { ...cond, shape: condShape }, t.shape);
    const out = backend.makeOutput(t.shape, tf.upcastType(t.dtype, e.dtype));
    backend.addon.select(backend.ptr(c), backend.ptr(t), backend.ptr(e), backend.ptr(out), sizeOf(t.shape));
    backend.release(c);
    return out;
  }),
];
