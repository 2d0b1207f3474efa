export { cudaBackend } from './plugin';
export { checkCudaAvailability } from './availability';
export { CudaBackend } from './backend';
export { CudaConfigError } from './errors';
export { cudaKernelNames } from './kernels';
export type { AddonBuildStatus, CudaAddon, CudaProbe, GemmImplementation } from './types';
