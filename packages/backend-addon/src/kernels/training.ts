// lrkit's fused training kernels (@lrkit/core, packages/core/src/kernels/README.md) on the device. The
// scalar coefficients are computed here exactly as the TypeScript reference computes them (in double, then
// rounded to float32), so the device loop sees the same float32 constants as the cpu and wasm backends.
import type { LrkitAdamUpdateAttrs, LrkitSgdUpdateAttrs } from '@lrkit/core';
import { LrkitAdamUpdate, LrkitSgdUpdate, LrkitSigmoidBce, LrkitSoftmaxCrossEntropy } from '@lrkit/core';
import type { AddonBackend } from '../backend';
import { Reduce } from '../native/codes';
import type { AddonKernelDef, KernelArgs, TensorInfo } from './util';
import { kernel, sizeOf } from './util';

const f = Math.fround;

function need(args: KernelArgs, name: string, kernelName: string, dtype: 'float32' | 'int32' = 'float32'): TensorInfo {
  const t = args.inputs[name];
  if (t == null) throw new Error(`${kernelName}: input '${name}' is missing`);
  if (t.dtype !== dtype) throw new Error(`${kernelName} ${name} must be ${dtype}, got ${t.dtype}`);
  return t;
}

function sameSize(a: TensorInfo, b: TensorInfo, what: string, kernelName: string): void {
  if (sizeOf(a.shape) !== sizeOf(b.shape)) {
    throw new Error(`${kernelName}: ${what} has ${sizeOf(b.shape)} elements, expected ${sizeOf(a.shape)}`);
  }
}

/** The mean of `n` per-element losses, as a scalar tensor. */
function meanOf(backend: AddonBackend, losses: TensorInfo, n: number): TensorInfo {
  const loss = backend.makeOutput([], 'float32');
  backend.addon.reduce(Reduce.mean, 0, backend.ptr(losses), backend.ptr(loss), 1, n, 1);
  return loss;
}

export const trainingKernels: AddonKernelDef[] = [
  kernel(LrkitAdamUpdate, (args) => {
    const name = LrkitAdamUpdate;
    const { backend } = args;
    const param = need(args, 'param', name);
    const grad = need(args, 'grad', name);
    const m = need(args, 'expAvg', name);
    const v = need(args, 'expAvgSq', name);
    sameSize(param, grad, 'grad', name);
    sameSize(param, m, 'expAvg', name);
    sameSize(param, v, 'expAvgSq', name);
    const { lr, beta1, beta2, eps, weightDecay, step, decoupledWeightDecay } = args.attrs as unknown as LrkitAdamUpdateAttrs;
    if (!(step >= 1)) throw new Error(`${name}: step must be >= 1, got ${step}`);
    const out = backend.makeOutput(param.shape.slice(), 'float32');
    backend.addon.adam(
      backend.ptr(param), backend.ptr(grad), backend.ptr(m), backend.ptr(v), backend.ptr(out), sizeOf(param.shape),
      f(beta1), f(beta2), f(1 - beta1), f(1 - beta2), f(eps), f(Math.sqrt(1 - beta2 ** step)), f(-(lr / (1 - beta1 ** step))),
      decoupledWeightDecay ? f(1 - lr * weightDecay) : 1, !decoupledWeightDecay && weightDecay !== 0 ? f(weightDecay) : 0,
    );
    return out;
  }),
  kernel(LrkitSgdUpdate, (args) => {
    const name = LrkitSgdUpdate;
    const { backend } = args;
    const param = need(args, 'param', name);
    const grad = need(args, 'grad', name);
    sameSize(param, grad, 'grad', name);
    const { lr, momentum, dampening, nesterov, weightDecay, initializeBuffer } = args.attrs as unknown as LrkitSgdUpdateAttrs;
    let buf = 0;
    if (momentum !== 0) {
      const b = need(args, 'momentumBuffer', name);
      sameSize(param, b, 'momentumBuffer', name);
      buf = backend.ptr(b);
    }
    const out = backend.makeOutput(param.shape.slice(), 'float32');
    backend.addon.sgd(
      backend.ptr(param), backend.ptr(grad), buf, backend.ptr(out), sizeOf(param.shape), f(weightDecay), f(momentum),
      f(1 - dampening), f(-lr), nesterov ? 1 : 0, initializeBuffer ? 1 : 0,
    );
    return out;
  }),
  kernel(LrkitSigmoidBce, (args) => {
    const name = LrkitSigmoidBce;
    const { backend } = args;
    const logits = need(args, 'logits', name);
    const labels = need(args, 'labels', name);
    sameSize(logits, labels, 'labels', name);
    const n = sizeOf(logits.shape);
    const losses = backend.makeOutput([n], 'float32');
    const grad = backend.makeOutput(logits.shape.slice(), 'float32');
    backend.addon.sigmoidBce(backend.ptr(logits), backend.ptr(labels), backend.ptr(losses), backend.ptr(grad), n);
    const loss = meanOf(backend, losses, n);
    backend.release(losses);
    return [loss, grad];
  }),
  kernel(LrkitSoftmaxCrossEntropy, (args) => {
    const name = LrkitSoftmaxCrossEntropy;
    const { backend } = args;
    const logits = need(args, 'logits', name);
    const labels = need(args, 'labels', name, 'int32');
    const classes = logits.shape[logits.shape.length - 1] ?? 0;
    if (classes < 1) throw new Error(`${name}: logits need a last dimension of at least 1`);
    const rows = sizeOf(logits.shape) / classes;
    if (sizeOf(labels.shape) !== rows) throw new Error(`${name}: labels has ${sizeOf(labels.shape)} elements, expected ${rows}`);
    const losses = backend.makeOutput([rows], 'float32');
    const grad = backend.makeOutput(logits.shape.slice(), 'float32');
    const badRow = backend.fromHost(Int32Array.of(0x7fffffff), [1], 'int32');
    backend.addon.softmaxXent(backend.ptr(logits), backend.ptr(labels), backend.ptr(losses), backend.ptr(grad), rows, classes, backend.ptr(badRow));
    // A label outside [0, C) must throw naming its row, as on cpu and wasm: that costs one 4-byte read (a
    // stream synchronisation) per call, which the training loop's read of the loss would pay anyway.
    const bad = (backend.readSync(badRow.dataId) as Int32Array)[0]!;
    backend.release(badRow);
    if (bad !== 0x7fffffff) {
      const label = (backend.readSync(labels.dataId) as Int32Array)[bad];
      backend.release(losses);
      backend.release(grad);
      throw new Error(`${name}: label ${label} at row ${bad} is outside [0, ${classes})`);
    }
    const loss = meanOf(backend, losses, rows);
    backend.release(losses);
    return [loss, grad];
  }),
];
