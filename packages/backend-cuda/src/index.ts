export { cudaBackend } from './plugin';
export { checkCudaAvailability } from './availability';
export { CudaBackend } from './backend';
export { CudaConfigError } from './errors';
export { registerAddonBackend } from './register';
export { addonLoader, type AddonLoad, type AddonLoader, type AddonLoaderOptions } from './native/addon-loader';
export { cudaKernelNames } from './kernels';
export type { AddonBuildStatus, CudaAddon, CudaProbe, GemmImplementation, KernelAddon } from './types';
