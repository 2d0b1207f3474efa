import { kernelConfigs, requireInput, requireSameSize } from './define';

/** One SGD step on one parameter (torch 1.13 `_single_tensor_sgd`). */
export const LrkitSgdUpdate = 'LrkitSgdUpdate';

/**
 * Inputs: `param`, `grad`, and where momentum != 0 `momentumBuffer` (float32, same size).
 * `momentumBuffer` is updated in place and must not share storage with any other tensor. Output: the
 * updated parameter in new storage with `param`'s shape (see LrkitAdamUpdate for why not in place).
 */
export interface LrkitSgdUpdateAttrs {
  lr: number;
  momentum: number;
  dampening: number;
  nesterov: boolean;
  weightDecay: number;
  /** The first step with momentum: the buffer becomes a copy of the gradient (torch's `buf is None`). */
  initializeBuffer: boolean;
}

const f = Math.fround;

export const sgdUpdateConfigs = kernelConfigs<LrkitSgdUpdateAttrs>(LrkitSgdUpdate, ({ inputs, attrs, backend, access }) => {
  const name = LrkitSgdUpdate;
  // Allocate first: on wasm an allocation can grow the heap and detach earlier views.
  const paramInfo = requireInput(inputs, 'param', name);
  const outInfo = access.alloc(backend, paramInfo.shape.slice(), 'float32');
  const out = access.f32(backend, outInfo, `${name} output`);
  const p = access.f32(backend, paramInfo, `${name} param`);
  const g = access.f32(backend, requireInput(inputs, 'grad', name), `${name} grad`);
  requireSameSize(p, g, 'grad', name);
  const { lr, momentum, dampening, nesterov, weightDecay, initializeBuffer } = attrs;
  let buf: Float32Array | undefined;
  if (momentum !== 0) {
    buf = access.f32(backend, requireInput(inputs, 'momentumBuffer', name), `${name} momentumBuffer`);
    requireSameSize(p, buf, 'momentumBuffer', name);
  }
  const wd = f(weightDecay);
  const mom = f(momentum);
  const oneMinusDampening = f(1 - dampening);
  const negLr = f(-lr);
  if (access.heap) {
    // wasm: the same arithmetic as the loop below, four lanes at a time, on the backend's heap.
    const at = (t: typeof paramInfo) => access.heap!.offset(backend, t);
    access.heap.updates(backend).sgd(
      at(paramInfo), at(inputs.grad!), buf ? at(inputs.momentumBuffer!) : 0, at(outInfo), p.length,
      wd, mom, oneMinusDampening, negLr, nesterov ? 1 : 0, initializeBuffer ? 1 : 0, buf ? 1 : 0,
    );
    return outInfo;
  }
  for (let i = 0; i < p.length; i++) {
    const pi = p[i]!;
    let d = g[i]!;
    if (wd !== 0) d = f(d + f(wd * pi));
    if (buf) {
      const b = initializeBuffer ? d : f(f(buf[i]! * mom) + f(oneMinusDampening * d));
      buf[i] = b;
      d = nesterov ? f(d + f(mom * b)) : b;
    }
    out[i] = f(pi + f(negLr * d));
  }
  return outInfo;
});
