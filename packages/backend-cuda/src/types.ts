/** How matrix products run: this package's tiled SGEMM kernel, or cuBLAS loaded at run time. */
export type GemmImplementation = 'own' | 'cublas';

/** What the addon's probe found, without initialising CUDA. */
export interface CudaProbe {
  /** CUDA runtime version the addon was built with (e.g. 13000). */
  runtimeVersion: number;
  /** Whether libcuda.so.1 (the driver) could be loaded. */
  driver: boolean;
  driverError?: string;
  driverVersion?: number;
  deviceCount?: number;
  /** A CUDA error from counting devices (e.g. "no CUDA-capable device is detected"). */
  error?: string;
  deviceName?: string;
  computeCapability?: string;
  totalMemory?: number;
}

/** build/Release/addon-status.json, written by scripts/build-addon.mjs. */
export interface AddonBuildStatus {
  built: boolean;
  reason?: string;
  cuda?: string;
  at?: string;
}

/**
 * The kernels and memory of an addon built from native/addon.cc over kernels.cuh's C interface: the CUDA
 * addon, or @lrkit/backend-native's CPU addon. Pointers are numbers; `meta` arrays carry shapes in the
 * layouts documented beside each function in addon.cc.
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
  gemm(a: number, b: number, bias: number, c: number, meta: Int32Array, alpha: number, useCublas: boolean): void;
  adam(param: number, grad: number, m: number, v: number, out: number, n: number, b1: number, b2: number, oneMinusB1: number,
    oneMinusB2: number, eps: number, bc2Sqrt: number, negStepSize: number, decay: number, l2: number): void;
  sgd(param: number, grad: number, buf: number, out: number, n: number, wd: number, mom: number, oneMinusDampening: number,
    negLr: number, nesterov: number, initializeBuffer: number): void;
  sigmoidBce(z: number, y: number, losses: number, grad: number, n: number): void;
  softmaxXent(z: number, labels: number, losses: number, grad: number, rows: number, classes: number, badRow: number): void;
}

/** The CUDA addon: the kernels plus the device probe and cuBLAS. */
export interface CudaAddon extends KernelAddon {
  probe(): CudaProbe;
  /** null when cuBLAS was loaded, else why not. */
  loadCublas(): string | null;
  memInfo(): { free: number; total: number };
}
