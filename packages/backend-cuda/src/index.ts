export { cudaBackend } from './plugin';
export { checkCudaAvailability } from './availability';
export { CudaConfigError } from './errors';
export type { AddonBuildStatus, CudaAddon, CudaProbe, GemmImplementation } from './types';
