import { tf } from '@lrkit/core';
import { CudaBackend } from './backend';
import { CudaConfigError } from './errors';
import { kernelConfigs } from './kernels';
import type { CudaAddon, GemmImplementation, KernelAddon } from './types';

/** LRKIT_CUDA_GEMM picks the matrix product: `own` (default, this package's SGEMM) or `cublas`. */
export function gemmFromEnv(env: NodeJS.ProcessEnv = process.env): GemmImplementation {
  const v = env.LRKIT_CUDA_GEMM;
  if (v === undefined || v === '' || v === 'own') return 'own';
  if (v === 'cublas') return 'cublas';
  throw new CudaConfigError(`LRKIT_CUDA_GEMM must be 'own' or 'cublas', got '${v}'`);
}

/**
 * Initialises CUDA through `addon` and registers a tfjs backend named `name` with every cuda kernel. Kernels
 * it lacks are simply not registered: tfjs then fails with "Kernel 'X' not registered for backend 'cuda'",
 * never falling back to another backend.
 */
export function registerCudaBackend(addon: CudaAddon, gemm: GemmImplementation, name = 'cuda', priority = 3): CudaBackend {
  addon.init();
  if (gemm === 'cublas') {
    const why = addon.loadCublas();
    if (why !== null) throw new CudaConfigError(`LRKIT_CUDA_GEMM=cublas, but cuBLAS cannot be used: ${why}`);
  }
  return registerAddonBackend(addon, { name, priority });
}

/**
 * Registers a tfjs backend named `name` over an initialised addon with kernels.cuh's interface, with every
 * kernel of this package. This is how @lrkit/backend-native runs its CPU kernels behind the same TypeScript
 * backend and kernel mappings as cuda.
 */
export function registerAddonBackend(addon: KernelAddon, options: { name: string; priority: number; gemm?: GemmImplementation }): CudaBackend {
  const { name, priority } = options;
  const backend = new CudaBackend(addon, options.gemm ?? 'own', name);
  if (!tf.registerBackend(name, () => backend, priority)) {
    throw new Error(`a tfjs backend named '${name}' is already registered`);
  }
  for (const config of kernelConfigs(name)) tf.registerKernel(config);
  return backend;
}
