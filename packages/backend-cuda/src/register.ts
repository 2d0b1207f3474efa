import { tf } from '@lrkit/core';
import { CudaBackend } from './backend';
import { CudaConfigError } from './errors';
import { kernelConfigs } from './kernels';
import type { CudaAddon, GemmImplementation } from './types';

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
  const backend = new CudaBackend(addon, gemm);
  if (!tf.registerBackend(name, () => backend, priority)) {
    throw new Error(`a tfjs backend named '${name}' is already registered`);
  }
  for (const config of kernelConfigs(name)) tf.registerKernel(config);
  return backend;
}
