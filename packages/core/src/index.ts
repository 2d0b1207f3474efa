import { registerBuiltinBackends } from './builtins';
import { registerLrkitKernels } from './kernels/register';

registerBuiltinBackends();
// lrkit's fused training kernels (optimizer updates, losses) for cpu and wasm: see src/kernels/README.md.
registerLrkitKernels();

export * as tf from '@tensorflow/tfjs-core';
export { AUTO_BACKEND, AUTO_BACKENDS, registerBackend, getBackendPlugin, listBackends, resolveBackend, useBackend } from './registry';
export { wasmBackend, cpuBackend } from './builtins';
export { BackendUnavailableError } from './errors';
export { createRng } from './rng';
export type { Availability, BackendInfo, BackendPlugin, Rng } from './types';
export * from './kernels/index';
