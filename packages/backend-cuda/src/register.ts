import { type AddonBackend, registerAddonBackend } from '@lrkit/backend-addon';
import { CudaConfigError } from './errors';
import type { CudaAddon, GemmImplementation } from './types';

/** LRKIT_CUDA_GEMM picks the matrix product: `own` (default, this package's SGEMM) or `cublas`. */
export function gemmFromEnv(env: NodeJS.ProcessEnv = process.env): GemmImplementation {
  const v = env.LRKIT_CUDA_GEMM;
  if (v === undefined || v === '' || v === 'own') return 'own';
  if (v === 'cublas') return 'cublas';
  throw new CudaConfigError(`LRKIT_CUDA_GEMM must be 'own' or 'cublas', got '${v}'`);
}

/**
 * Initialises CUDA through `addon` and registers a tfjs backend named `name` over it with every kernel of
 * @lrkit/backend-addon (matrix products through cuBLAS where `gemm` is `cublas`).
 */
export function registerCudaBackend(addon: CudaAddon, gemm: GemmImplementation, name = 'cuda', priority = 3): AddonBackend {
  addon.init();
  if (gemm === 'cublas') {
    const why = addon.loadCublas();
    if (why !== null) throw new CudaConfigError(`LRKIT_CUDA_GEMM=cublas, but cuBLAS cannot be used: ${why}`);
  }
  return registerAddonBackend(addon, { name, priority, alternateGemm: gemm === 'cublas' });
}
