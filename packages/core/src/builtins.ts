import * as tf from '@tensorflow/tfjs-core';
import { registerBackend } from './registry';
import type { BackendPlugin } from './types';

/**
 * tfjs's WebAssembly backend with SIMD: lrkit's default. Under Node it runs single-threaded (tfjs
 * disables its worker threads there).
 */
export const wasmBackend: BackendPlugin = {
  name: 'wasm',
  priority: 2,
  isAvailable: () =>
    typeof WebAssembly === 'object'
      ? { available: true }
      : { available: false, reason: 'this runtime has no WebAssembly' },
  async setup() {
    // Importing the package registers the backend with tfjs-core.
    await import('@tensorflow/tfjs-backend-wasm');
  },
};

/** tfjs's plain JavaScript backend: slower, and everywhere. */
export const cpuBackend: BackendPlugin = {
  name: 'cpu',
  priority: 1,
  isAvailable: () => ({ available: true }),
  async setup() {
    await import('@tensorflow/tfjs-backend-cpu');
    // tfjs-backend-cpu prints a banner suggesting tfjs-node on its first tensor under Node; whoever picks
    // lrkit's cpu backend picked it on purpose, and the banner would land in the middle of lrkit's output.
    // The backend is created (not made active) to switch the one-time banner off.
    const previous = tf.engine().backendName;
    await tf.setBackend('cpu');
    (tf.backend() as unknown as { firstUse?: boolean }).firstUse = false;
    if (previous && previous !== 'cpu') await tf.setBackend(previous);
  },
};

let registered = false;

/** Registers `wasm` and `cpu`; called by the package entry, safe to call again. */
export function registerBuiltinBackends(): void {
  if (registered) return;
  registered = true;
  registerBackend(wasmBackend);
  registerBackend(cpuBackend);
}
