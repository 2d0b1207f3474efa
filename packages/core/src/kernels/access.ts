import type { TensorInfo } from '@tensorflow/tfjs-core';
import { simdMatMul, simdUpdates, type SimdMatMul, type SimdUpdates } from './wasm-simd';

/**
 * How a fused kernel reaches a tensor's numbers on one backend. lrkit's fused kernels are element-wise
 * loops written once over typed arrays; this is the only backend-specific part. Views are live: the
 * kernel writes through them in place (an optimizer update mutates its parameter the way torch's
 * `param.addcdiv_` does).
 *
 * On wasm a view is a window on the module's heap, which an allocation can grow (detaching earlier
 * views): a kernel allocates its outputs first and takes views after.
 */
export interface BackendAccess {
  f32(backend: unknown, t: TensorInfo, what: string): Float32Array;
  i32(backend: unknown, t: TensorInfo, what: string): Int32Array;
  alloc(backend: unknown, shape: number[], dtype: 'float32'): TensorInfo;
  /** Where the backend's tensors live in a WebAssembly memory: the SIMD kernels run there. */
  heap?: {
    updates(backend: unknown): SimdUpdates;
    matmul(backend: unknown): SimdMatMul;
    /** A tensor's byte offset in that memory. */
    offset(backend: unknown, t: TensorInfo): number;
    /** Scratch bytes from the backend's allocator (no tensor), returned with `free`. */
    malloc(backend: unknown, bytes: number): number;
    free(backend: unknown, at: number): void;
  };
}

interface CpuLike {
  data: { get(dataId: object): { values: unknown } | undefined };
  makeTensorInfo(shape: number[], dtype: string, values?: unknown): TensorInfo;
}

interface WasmLike {
  typedArrayFromHeap(t: TensorInfo): Float32Array | Int32Array | Uint8Array;
  makeOutput(shape: number[], dtype: string): TensorInfo;
  wasm: { asm: { memory: WebAssembly.Memory }; _malloc(bytes: number): number; _free(at: number): void };
  dataIdMap: { get(dataId: object): { memoryOffset: number } | undefined };
}

function expectDtype(t: TensorInfo, dtype: string, what: string): void {
  if (t.dtype !== dtype) throw new Error(`${what} must be ${dtype}, got ${t.dtype}`);
}

export const cpuAccess: BackendAccess = {
  f32(backend, t, what) {
    expectDtype(t, 'float32', what);
    const values = (backend as CpuLike).data.get(t.dataId)?.values;
    if (!(values instanceof Float32Array)) throw new Error(`${what} has no float32 storage on cpu`);
    return values;
  },
  i32(backend, t, what) {
    expectDtype(t, 'int32', what);
    const values = (backend as CpuLike).data.get(t.dataId)?.values;
    if (!(values instanceof Int32Array)) throw new Error(`${what} has no int32 storage on cpu`);
    return values;
  },
  alloc(backend, shape, dtype) {
    let size = 1;
    for (const d of shape) size *= d;
    return (backend as CpuLike).makeTensorInfo(shape, dtype, new Float32Array(size));
  },
};

export const wasmAccess: BackendAccess = {
  f32(backend, t, what) {
    expectDtype(t, 'float32', what);
    return (backend as WasmLike).typedArrayFromHeap(t) as Float32Array;
  },
  i32(backend, t, what) {
    expectDtype(t, 'int32', what);
    return (backend as WasmLike).typedArrayFromHeap(t) as Int32Array;
  },
  alloc(backend, shape, dtype) {
    return (backend as WasmLike).makeOutput(shape, dtype);
  },
  heap: {
    updates: (backend) => simdUpdates((backend as WasmLike).wasm.asm.memory),
    matmul: (backend) => simdMatMul((backend as WasmLike).wasm.asm.memory),
    offset(backend, t) {
      const entry = (backend as WasmLike).dataIdMap.get(t.dataId);
      if (!entry) throw new Error('a tensor has no storage on wasm');
      return entry.memoryOffset;
    },
    malloc(backend, bytes) {
      // `>>> 0`: offsets past 2 GiB come back negative from the i32 return (tfjs-wasm does the same).
      const at = (backend as WasmLike).wasm._malloc(bytes) >>> 0;
      if (at === 0) throw new Error(`the wasm heap has no room for ${bytes} bytes of scratch`);
      return at;
    },
    free(backend, at) {
      (backend as WasmLike).wasm._free(at);
    },
  },
};

/** The backends lrkit's fused kernels are registered for here; `cuda` implements them natively. */
export const accessByBackend: Readonly<Record<string, BackendAccess>> = {
  cpu: cpuAccess,
  wasm: wasmAccess,
};

export function sizeOf(t: TensorInfo): number {
  let size = 1;
  for (const d of t.shape) size *= d;
  return size;
}
