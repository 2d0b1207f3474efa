import { registerBuiltinBackends } from './builtins';

registerBuiltinBackends();

export * as tf from '@tensorflow/tfjs-core';
export { registerBackend, getBackendPlugin, listBackends, useBackend } from './registry';
export { wasmBackend, cpuBackend } from './builtins';
export { BackendUnavailableError } from './errors';
export { createRng } from './rng';
export type { Availability, BackendInfo, BackendPlugin, Rng } from './types';
