import type { BackendPlugin } from '@lrkit/core';

let registered: Promise<void> | undefined;

/** The CUDA backend's package: an optional dependency of the CLI (its addon is built at install, where nvcc is). */
const CUDA_PACKAGE = '@lrkit/backend-cuda';

/** True where the error says that `name` itself is not installed (not a failure inside it). */
function isNotInstalled(error: unknown, name: string): boolean {
  const e = error as NodeJS.ErrnoException;
  if (e?.code !== 'ERR_MODULE_NOT_FOUND' && e?.code !== 'MODULE_NOT_FOUND') return false;
  return e.message.includes(`'${name}'`);
}

/**
 * Stands in for the cuda backend where its package is not installed (an install that omitted optional
 * dependencies, or a platform npm skipped): listed, unavailable, and saying why.
 */
function notInstalled(reason: string): BackendPlugin {
  return {
    name: 'cuda',
    priority: 3, // the priority @lrkit/backend-cuda's plugin declares, so the listing keeps its order
    isAvailable: () => ({ available: false, reason }),
    setup: () => undefined,
  };
}

/**
 * Registers the backends the CLI offers beyond core's built-ins (wasm, cpu): the CUDA plugin. Listing it
 * costs nothing where there is no GPU: its availability check says why it cannot run. Imported on first
 * use, like every heavy module of the CLI, so `--help` and usage errors answer at once.
 */
export function registerCliBackends(): Promise<void> {
  registered ??= (async () => {
    const { registerBackend } = await import('@lrkit/core');
    let plugin: BackendPlugin;
    try {
      plugin = (await import('@lrkit/backend-cuda')).cudaBackend;
    } catch (error) {
      if (!isNotInstalled(error, CUDA_PACKAGE)) throw error;
      plugin = notInstalled(`not installed (${CUDA_PACKAGE} is an optional dependency of lrkit: npm install ${CUDA_PACKAGE})`);
    }
    registerBackend(plugin);
  })();
  return registered;
}
