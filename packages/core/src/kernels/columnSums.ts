import type { KernelConfig } from '@tensorflow/tfjs-core';
import { wasmAccess } from './access';
import { requireInput } from './define';

/**
 * A bias gradient on the wasm backend: the sum of each column of x over its rows, 1ᵀ·x, without the
 * product's packing of x (tfjs-wasm's XNNPACK repacks x for every such product, 0.6 ms for a 256x512
 * gradient, where the sums take a pass over x). Registered for `wasm` only, like LrkitMatMul: elsewhere
 * @lrkit/train multiplies by a row of ones.
 */
export const LrkitColumnSums = 'LrkitColumnSums';

const name = LrkitColumnSums;

/**
 * Input `x` [1, rows, cols] (or [rows, cols]), float32. Output [1, 1, cols] (or [1, cols]): the sums in row
 * order from 0, float32 after every add: the bits of 1ᵀ·x by _FusedMatMul or LrkitMatMul (1·x is exact).
 */
export const columnSumsConfig: KernelConfig = {
  kernelName: name,
  backendName: 'wasm',
  kernelFunc: ({ inputs, backend }) => {
    const x = requireInput(inputs, 'x', name);
    const s = x.shape;
    if (x.dtype !== 'float32') throw new Error(`${name}: x must be float32, got ${x.dtype}`);
    if (!(s.length === 2 || (s.length === 3 && s[0] === 1))) {
      throw new Error(`${name}: x must be [rows, cols] or [1, rows, cols], got [${s.join(', ')}]`);
    }
    const [rows, cols] = [s[s.length - 2]!, s[s.length - 1]!];
    const out = wasmAccess.alloc(backend, s.length === 3 ? [1, 1, cols] : [1, cols], 'float32');
    const heap = wasmAccess.heap!;
    heap.matmul(backend).colsum(heap.offset(backend, x), rows, cols, heap.offset(backend, out));
    return out;
  },
};
