/**
 * The kernels and memory of an addon built from this package's native/addon.cc over kernels.h's C interface:
 * @lrkit/backend-cuda's GPU addon or @lrkit/backend-native's CPU addon. Pointers are numbers; `meta` arrays
 * carry shapes in the layouts documented beside each function in addon.cc.
 */
export interface KernelAddon {
  init(): void;
  alloc(bytes: number): number;
  free(ptr: number): void;
  upload(ptr: number, values: ArrayBufferView): void;
  download(ptr: number, into: ArrayBufferView): void;
  synchronize(): void;
  fill(dtype: number, out: number, n: number, value: number): void;
  unary(op: number, dtype: number, x: number, out: number, n: number, alpha: number, beta: number): void;
  binary(op: number, dtypeIn: number, a: number, b: number, out: number, n: number, meta: Int32Array): void;
  cast(from: number, to: number, toBool: number, x: number, out: number, n: number): void;
  copy(input: number, out: number, n: number, meta: Int32Array): void;
  reduce(op: number, dtype: number, x: number, out: number, outer: number, reduce: number, inner: number): void;
  gather(x: number, indices: number, out: number, outer: number, axisDim: number, inner: number, nIdx: number): void;
  select(cond: number, a: number, b: number, out: number, n: number): void;
  oneHot(indices: number, out: number, n: number, depth: number, on: number, off: number): void;
  softmax(x: number, out: number, rows: number, cols: number, log: number): void;
  /** `alternate`: the addon's other matrix product where it has one (cuda: cuBLAS); otherwise ignored. */
  gemm(a: number, b: number, bias: number, c: number, meta: Int32Array, alpha: number, alternate: boolean): void;
  adam(param: number, grad: number, m: number, v: number, out: number, n: number, b1: number, b2: number, oneMinusB1: number,
    oneMinusB2: number, eps: number, bc2Sqrt: number, negStepSize: number, decay: number, l2: number): void;
  sgd(param: number, grad: number, buf: number, out: number, n: number, wd: number, mom: number, oneMinusDampening: number,
    negLr: number, nesterov: number, initializeBuffer: number): void;
  sigmoidBce(z: number, y: number, losses: number, grad: number, n: number): void;
  softmaxXent(z: number, labels: number, losses: number, grad: number, rows: number, classes: number, badRow: number): void;
}

/** build/Release/addon-status.json, written by the build helper (`@lrkit/backend-addon/build`). */
export interface AddonBuildStatus {
  built: boolean;
  /** Why not, where `built` is false. */
  reason?: string;
  /** When the status was written (ISO 8601). */
  at?: string;
}
