// lrkit's optimizer updates as one WebAssembly SIMD kernel each (wasm/updates.wat), instantiated on
// tfjs-wasm's own memory, so an update reads and writes the tensors where they live: no JavaScript loop
// over a heap view. One instance per memory (a process has one tfjs-wasm module).
import { updatesWasmBase64 } from './wasm-updates';

/** The module's exports: pointers are byte offsets into the backend's heap, scalars as the reference rounds them. */
export interface SimdUpdates {
  adam(param: number, grad: number, expAvg: number, expAvgSq: number, out: number, n: number, b1: number, b2: number,
    oneMinusB1: number, oneMinusB2: number, eps: number, bc2Sqrt: number, negStepSize: number, decay: number, l2: number): void;
  sgd(param: number, grad: number, buf: number, out: number, n: number, wd: number, momentum: number, oneMinusDampening: number,
    negLr: number, nesterov: number, initializeBuffer: number, hasBuf: number): void;
}

let compiled: WebAssembly.Module | undefined;
const byMemory = new WeakMap<WebAssembly.Memory, SimdUpdates>();

export function simdUpdates(memory: WebAssembly.Memory): SimdUpdates {
  let updates = byMemory.get(memory);
  if (!updates) {
    compiled ??= new WebAssembly.Module(Uint8Array.from(atob(updatesWasmBase64), (c) => c.charCodeAt(0)));
    updates = new WebAssembly.Instance(compiled, { env: { memory } }).exports as unknown as SimdUpdates;
    byMemory.set(memory, updates);
  }
  return updates;
}
