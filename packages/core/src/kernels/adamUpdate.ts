import { kernelConfigs, requireInput, requireSameSize } from './define';

/** One Adam / AdamW step on one parameter (torch 1.13 `_single_tensor_adam` / `_single_tensor_adamw`). */
export const LrkitAdamUpdate = 'LrkitAdamUpdate';

/**
 * Inputs: `param`, `grad`, `expAvg`, `expAvgSq` (float32, same size; shapes may differ, the update is
 * element-wise). `expAvg` and `expAvgSq` are updated in place and must not share storage with any other
 * tensor. Output: the updated parameter, in new storage with `param`'s shape (`param` itself is left
 * as it was: backends may cache derived forms of a weight by tensor id, as tfjs-wasm's XNNPACK matmul
 * caches packed weights, so a weight's values must never change under its id).
 */
export interface LrkitAdamUpdateAttrs {
  lr: number;
  beta1: number;
  beta2: number;
  eps: number;
  weightDecay: number;
  /** The step number after incrementing: 1 on the first update (drives the bias corrections). */
  step: number;
  /** AdamW: decay the parameter by (1 - lr * weightDecay) instead of adding weightDecay * param to grad. */
  decoupledWeightDecay: boolean;
}

const f = Math.fround;

/**
 * The update in float32, rounding after each tensor op the way torch's in-place ops do, so a step
 * agrees with PyTorch to the last bit or two.
 */
export const adamUpdateConfigs = kernelConfigs<LrkitAdamUpdateAttrs>(LrkitAdamUpdate, ({ inputs, attrs, backend, access }) => {
  const name = LrkitAdamUpdate;
  // Allocate first: on wasm an allocation can grow the heap and detach every view taken before it.
  const paramInfo = requireInput(inputs, 'param', name);
  const outInfo = access.alloc(backend, paramInfo.shape.slice(), 'float32');
  const out = access.f32(backend, outInfo, `${name} output`);
  const p = access.f32(backend, paramInfo, `${name} param`);
  const g = access.f32(backend, requireInput(inputs, 'grad', name), `${name} grad`);
  const m = access.f32(backend, requireInput(inputs, 'expAvg', name), `${name} expAvg`);
  const v = access.f32(backend, requireInput(inputs, 'expAvgSq', name), `${name} expAvgSq`);
  requireSameSize(p, g, 'grad', name);
  requireSameSize(p, m, 'expAvg', name);
  requireSameSize(p, v, 'expAvgSq', name);
  const { lr, beta1, beta2, eps, weightDecay, step, decoupledWeightDecay } = attrs;
  if (!(step >= 1)) throw new Error(`${name}: step must be >= 1, got ${step}`);
  const b1 = f(beta1);
  const b2 = f(beta2);
  const oneMinusB1 = f(1 - beta1);
  const oneMinusB2 = f(1 - beta2);
  const epsF = f(eps);
  const bc2Sqrt = f(Math.sqrt(1 - beta2 ** step));
  const negStepSize = f(-(lr / (1 - beta1 ** step)));
  const decay = decoupledWeightDecay ? f(1 - lr * weightDecay) : 1;
  const l2 = !decoupledWeightDecay && weightDecay !== 0 ? f(weightDecay) : 0;
  if (access.heap) {
    // wasm: the same arithmetic as the loop below, four lanes at a time, on the backend's heap.
    const at = (t: typeof paramInfo) => access.heap!.offset(backend, t);
    access.heap.updates(backend).adam(
      at(paramInfo), at(inputs.grad!), at(inputs.expAvg!), at(inputs.expAvgSq!), at(outInfo), p.length,
      b1, b2, oneMinusB1, oneMinusB2, epsF, bc2Sqrt, negStepSize, decay, l2,
    );
    return outInfo;
  }
  for (let i = 0; i < p.length; i++) {
    let pi = p[i]!;
    if (decay !== 1) pi = f(pi * decay);
    let gi = g[i]!;
    if (l2 !== 0) gi = f(gi + f(l2 * pi));
    const mi = f(f(m[i]! * b1) + f(oneMinusB1 * gi));
    const vi = f(f(v[i]! * b2) + f(f(oneMinusB2 * gi) * gi));
    m[i] = mi;
    v[i] = vi;
    const denom = f(f(f(Math.sqrt(vi)) / bc2Sqrt) + epsF);
    out[i] = f(pi + f(negStepSize * f(mi / denom)));
  }
  return outInfo;
});
