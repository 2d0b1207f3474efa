import type { BackendPlugin } from '@lrkit/core';

let registered: Promise<void> | undefined;

/** The CUDA backend's package: an optional dependency of the CLI (its addon is built at install, where nvcc is). */
const CUDA_PACKAGE = '@lrkit/backend-cuda';
/** The native CPU backend's package: likewise optional (its addon is built at install, where a C++ compiler is). */
const NATIVE_PACKAGE = '@lrkit/backend-native';

/** True where the error says that `name` itself is not installed (not a failure inside it). */
function isNotInstalled(error: unknown, name: string): boolean {
  const e = error as NodeJS.ErrnoException;
  if (e?.code !== 'ERR_MODULE_NOT_FOUND' && e?.code !== 'MODULE_NOT_FOUND') return false;
  return e.message.includes(`'${name}'`);
}

/**
 * The plugin `load` gives, or, where its package is not installed (an install that omitted optional
 * dependencies, or a platform npm skipped), a stand-in that is listed, unavailable, and says why.
 * `priority` is the one the package's plugin declares, so the listing keeps its order.
 */
async function optionalBackend(pkg: string, name: string, priority: number, load: () => Promise<BackendPlugin>): Promise<BackendPlugin> {
  try {
    return await load();
  } catch (error) {
    if (!isNotInstalled(error, pkg)) throw error;
    const reason = `not installed (${pkg} is an optional dependency of lrkit: npm install ${pkg})`;
    return { name, priority, isAvailable: () => ({ available: false, reason }), setup: () => undefined };
  }
}

/**
 * Registers the backends the CLI offers beyond core's built-ins (wasm, cpu): the CUDA plugin and the native
 * CPU plugin (with `threads`, from --threads; default every core). Listing them costs nothing where they
 * cannot run: their availability checks say why. Imported on first use, like every heavy module of the
 * CLI, so `--help` and usage errors answer at once.
 */
export function registerCliBackends(options: { threads?: number } = {}): Promise<void> {
  registered ??= (async () => {
    const { registerBackend } = await import('@lrkit/core');
    registerBackend(await optionalBackend(CUDA_PACKAGE, 'cuda', 3, async () => (await import('@lrkit/backend-cuda')).cudaBackend));
    const threads = options.threads !== undefined ? { threads: options.threads } : {};
    registerBackend(await optionalBackend(NATIVE_PACKAGE, 'native', 2.5, async () => (await import('@lrkit/backend-native')).createNativeBackend(threads)));
  })();
  return registered;
}
