// A run's backend: the name it asks for ('auto', the default, or a backend's name) made concrete by
// @lrkit/core's rule among every backend lrkit offers, and set up with the run's native thread count.
import { AUTO_BACKEND, getBackendPlugin, resolveBackend, useBackend } from '@lrkit/core';
import { loadOptional, registerOptionalBackends, type NativePackage } from './optional';

const NATIVE = 'native';

// The native addon's thread pool is one per process: the count the last run here asked for, so that a run
// asking for another (or, with null, for the plugin's own default again) reconfigures it and others do not.
let nativeThreads: number | null = null;

/**
 * Registers the optional backends where `name` needs them: for 'auto', or a name not registered yet. A run
 * that names a built-in (wasm, cpu) does not load the optional packages at all.
 */
async function registerFor(name: string): Promise<void> {
  if (name === AUTO_BACKEND || getBackendPlugin(name) === undefined) await registerOptionalBackends();
}

/**
 * The backend `name` stands for here ('auto': @lrkit/core's AUTO_BACKENDS rule), without setting it up, for a
 * caller that starts runs elsewhere (a sweep resolves once, so that every trial runs on the same backend).
 * Throws BackendUnavailableError naming the backend and why where it cannot run.
 */
export async function resolveTrainBackend(name: string): Promise<string> {
  await registerFor(name);
  return resolveBackend(name);
}

/**
 * Makes the run's backend active and returns its name. `threads` (null: the plugin's own, every core) sets
 * native's pool and its BLAS; the numbers are the same at any count.
 */
export async function selectBackend(name: string, threads: number | null): Promise<string> {
  await registerFor(name);
  const backend = await useBackend(name);
  if (backend === NATIVE && threads !== nativeThreads) {
    // The package's own plugin reconfigures the process's addon when set up again (its documented use).
    const { createNativeBackend } = await loadOptional<typeof NativePackage>('@lrkit/backend-native');
    await createNativeBackend(threads === null ? {} : { threads }).setup();
    nativeThreads = threads;
  }
  return backend;
}
