import { tf } from '@lrkit/core';
import { AddonBackend, type AddonBackendOptions } from './backend';
import { kernelConfigs } from './kernels';
import type { KernelAddon } from './types';

/**
 * Registers a tfjs backend named `options.name` over an initialised addon with kernels.h's interface, with
 * every kernel of this package. Kernels it lacks are simply not registered: tfjs then fails with "Kernel 'X'
 * not registered for backend 'name'", never falling back to another backend.
 */
export function registerAddonBackend(addon: KernelAddon, options: AddonBackendOptions): AddonBackend {
  const backend = new AddonBackend(addon, options);
  if (!tf.registerBackend(options.name, () => backend, options.priority)) {
    throw new Error(`a tfjs backend named '${options.name}' is already registered`);
  }
  for (const config of kernelConfigs(options.name)) tf.registerKernel(config);
  return backend;
}
