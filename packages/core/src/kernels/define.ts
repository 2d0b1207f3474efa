import type { KernelConfig, NamedAttrMap, NamedTensorInfoMap, TensorInfo } from '@tensorflow/tfjs-core';
import { accessByBackend, type BackendAccess } from './access';

/** What a fused kernel's body sees: its inputs and attributes, and memory access for its backend. */
export interface KernelCall<A> {
  inputs: NamedTensorInfoMap;
  attrs: A;
  backend: unknown;
  access: BackendAccess;
}

export type KernelBody<A> = (call: KernelCall<A>) => TensorInfo | TensorInfo[];

/**
 * One tfjs KernelConfig per backend lrkit implements in TypeScript (cpu, wasm), in the style of
 * tfjs-core's kernel registry: the body is shared, only memory access differs.
 */
export function kernelConfigs<A>(kernelName: string, body: KernelBody<A>): KernelConfig[] {
  return Object.entries(accessByBackend).map(([backendName, access]) => ({
    kernelName,
    backendName,
    kernelFunc: ({ inputs, attrs, backend }) =>
      body({ inputs, attrs: (attrs ?? {}) as NamedAttrMap as A, backend, access }),
  }));
}

export function requireInput(inputs: NamedTensorInfoMap, name: string, kernel: string): TensorInfo {
  const t = inputs[name];
  if (t == null) throw new Error(`${kernel}: input '${name}' is missing`);
  return t;
}

export function requireSameSize(a: Float32Array, b: ArrayLike<number>, what: string, kernel: string): void {
  if (a.length !== b.length) {
    throw new Error(`${kernel}: ${what} has ${b.length} elements, expected ${a.length}`);
  }
}
