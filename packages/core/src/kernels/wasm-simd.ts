// lrkit's WebAssembly SIMD kernels (wasm/updates.wat: the optimizer updates; wasm/matmul.wat: the matrix
// product), instantiated on tfjs-wasm's own memory, so a kernel reads and writes the tensors where they
// live: no JavaScript loop over a heap view. One instance per module and memory (a process has one
// tfjs-wasm module).
import { matmulWasmBase64 } from './wasm-matmul';
import { updatesWasmBase64 } from './wasm-updates';

/** The updates module's exports: pointers are byte offsets into the backend's heap, scalars as the reference rounds them. */
export interface SimdUpdates {
  adam(param: number, grad: number, expAvg: number, expAvgSq: number, out: number, n: number, b1: number, b2: number,
    oneMinusB1: number, oneMinusB2: number, eps: number, bc2Sqrt: number, negStepSize: number, decay: number, l2: number): void;
  sgd(param: number, grad: number, buf: number, out: number, n: number, wd: number, momentum: number, oneMinusDampening: number,
    negLr: number, nesterov: number, initializeBuffer: number, hasBuf: number): void;
}

/** The matmul module's exports (wasm/matmul.wat says what each does); pointers and strides in bytes. */
export interface SimdMatMul {
  packedBytes(k: number, n: number): number;
  pack(b: number, k: number, n: number, transposeB: number, bias: number, hasBias: number, out: number): void;
  packedABytes(m: number, k: number): number;
  packA(aTransposed: number, m: number, k: number, out: number): void;
  gemm(a: number, rowStride: number, kStride: number, blockStride: number, m: number, k: number, n: number,
    packed: number, c: number, relu: number): void;
  colsum(x: number, rows: number, cols: number, out: number): void;
}

function instantiator<T>(base64: string): (memory: WebAssembly.Memory) => T {
  let compiled: WebAssembly.Module | undefined;
  const byMemory = new WeakMap<WebAssembly.Memory, T>();
  return (memory) => {
    let exports = byMemory.get(memory);
    if (!exports) {
      compiled ??= new WebAssembly.Module(Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)));
      exports = new WebAssembly.Instance(compiled, { env: { memory } }).exports as unknown as T;
      byMemory.set(memory, exports);
    }
    return exports;
  };
}

export const simdUpdates = instantiator<SimdUpdates>(updatesWasmBase64);
export const simdMatMul = instantiator<SimdMatMul>(matmulWasmBase64);
