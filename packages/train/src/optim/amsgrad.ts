import { tf, type LrkitAdamUpdateAttrs } from '@lrkit/core';

/** Adam's three state tensors with AMSGrad, one per parameter each (replaced, not written, by a step). */
export interface AmsgradState {
  expAvg: tf.Tensor[];
  expAvgSq: tf.Tensor[];
  maxExpAvgSq: tf.Tensor[];
}

/**
 * One AMSGrad step of parameter `i` (torch 1.13 `_single_tensor_adam` with amsgrad=True), composed of tfjs's
 * element-wise ops, which every backend has. Composed rather than fused: LrkitAdamUpdate would need a fourth
 * in-place state tensor in each of its three implementations (JavaScript, the wasm SIMD module, the native
 * addon), for a variant that is rarely used; the fused path of plain Adam keeps its bits. Each op rounds to
 * float32 as torch's in-place ops do, in torch's order.
 */
export function amsgradUpdate(param: tf.Variable, grad: tf.Tensor, state: AmsgradState, i: number, a: LrkitAdamUpdateAttrs): void {
  if (!(a.step >= 1)) throw new Error(`amsgrad: step must be >= 1, got ${a.step}`);
  const next = tf.tidy(() => {
    const s = (x: number) => tf.scalar(x, 'float32');
    let p: tf.Tensor = param;
    if (a.decoupledWeightDecay && a.weightDecay !== 0) p = tf.mul(p, s(1 - a.lr * a.weightDecay));
    // A gradient may come in another shape of the same size (a bias's column sums are [1, 1, n]).
    const g0 = tf.reshape(grad, param.shape);
    const g = !a.decoupledWeightDecay && a.weightDecay !== 0 ? tf.add(g0, tf.mul(p, s(a.weightDecay))) : g0;
    const m = tf.add(tf.mul(state.expAvg[i]!, s(a.beta1)), tf.mul(g, s(1 - a.beta1)));
    const v = tf.add(tf.mul(state.expAvgSq[i]!, s(a.beta2)), tf.mul(tf.mul(g, s(1 - a.beta2)), g));
    const vMax = tf.maximum(state.maxExpAvgSq[i]!, v);
    const denom = tf.add(tf.div(tf.sqrt(vMax), s(Math.sqrt(1 - a.beta2 ** a.step))), s(a.eps));
    const updated = tf.add(p, tf.mul(tf.div(m, denom), s(-(a.lr / (1 - a.beta1 ** a.step)))));
    return { m, v, vMax, updated };
  });
  const replace = (list: tf.Tensor[], t: tf.Tensor) => {
    list[i]!.dispose();
    list[i] = tf.keep(t);
  };
  replace(state.expAvg, next.m);
  replace(state.expAvgSq, next.v);
  replace(state.maxExpAvgSq, next.vMax);
  param.assign(next.updated);
  next.updated.dispose();
}
