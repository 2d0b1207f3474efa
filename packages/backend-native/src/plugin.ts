import { registerAddonBackend } from '@lrkit/backend-addon';
import type { BackendPlugin } from '@lrkit/core';
import { checkNativeAvailability } from './availability';
import { resolveConfig, type NativeOptions } from './config';
import { NativeConfigError } from './errors';
import { loadAddon } from './native/load';
import type { NativeSetup } from './types';

/** The tfjs backend name. */
export const NATIVE = 'native';

// The addon and its thread pool are one per process, so the tfjs backend is registered once; a second
// plugin's setup only reconfigures it (threads, BLAS).
let registered = false;
let lastSetup: NativeSetup | undefined;

/** What the backend settled on at its last setup (instruction set, threads, BLAS), if it was set up. */
export function nativeSetup(): NativeSetup | undefined {
  return lastSetup;
}

/**
 * The `native` backend plugin with these options (threads, BLAS, instruction set), checked here, so a bad
 * value fails before anything runs. Priority 2.5: above wasm (2) and cpu (1), below cuda (3).
 */
export function createNativeBackend(options: NativeOptions = {}): BackendPlugin {
  // Options given here are checked now; the environment's defaults when the backend is set up, so that
  // importing the package never throws.
  if (Object.keys(options).length > 0) resolveConfig(options);
  return {
    name: NATIVE,
    priority: 2.5,
    isAvailable: () => checkNativeAvailability(),
    setup() {
      const config = resolveConfig(options);
      const load = loadAddon();
      if (!load.ok) throw new Error(`native backend: ${load.reason}`);
      try {
        lastSetup = load.addon.configure(config);
      } catch (err) {
        throw new NativeConfigError(`native backend: ${(err as Error).message}`);
      }
      if (registered) return;
      registerAddonBackend(load.addon, { name: NATIVE, priority: 2.5 });
      registered = true;
    },
  };
}

/** The `native` plugin with the defaults: every core, the first BLAS found, the best instruction set. */
export const nativeBackend: BackendPlugin = createNativeBackend();
