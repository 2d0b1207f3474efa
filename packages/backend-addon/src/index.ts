export { AddonBackend, type AddonBackendOptions } from './backend';
export { registerAddonBackend } from './register';
export { addonLoader, type AddonLoad, type AddonLoader, type AddonLoaderOptions } from './native/addon-loader';
export { addonKernelNames } from './kernels';
export type { AddonBuildStatus, KernelAddon } from './types';
