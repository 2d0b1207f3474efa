import type { BackendPlugin } from '@lrkit/core';
import { checkCudaAvailability } from './availability';
import { loadAddon } from './native/load';
import { gemmFromEnv, registerCudaBackend } from './register';

let registered = false;

/**
 * The `cuda` backend plugin: register it with `registerBackend(cudaBackend)` from @lrkit/core (importing this
 * package registers nothing). Priority 3 puts it above wasm (2) and cpu (1) where it is available.
 */
export const cudaBackend: BackendPlugin = {
  name: 'cuda',
  priority: 3,
  isAvailable: () => checkCudaAvailability(),
  setup() {
    if (registered) return;
    const load = loadAddon();
    if (!load.ok) throw new Error(`cuda backend: ${load.reason}`);
    registerCudaBackend(load.addon, gemmFromEnv());
    registered = true;
  },
};
