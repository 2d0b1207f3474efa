// The backends lrkit offers beyond @lrkit/core's built-ins (wasm, cpu), registered in one place for the whole
// process: `lrkit train`, `lrkit lr-find`, `lrkit backends`, sweep trials and a library's train() call all see
// the same list, so the automatic choice (@lrkit/core's AUTO_BACKENDS) is the same for all of them.
import type { BackendPlugin } from '@lrkit/core';

/** The CUDA backend's package: an optional peer of @lrkit/train (its addon is built at install, where nvcc is). */
const CUDA_PACKAGE = '@lrkit/backend-cuda';
/** The native CPU backend's package: likewise optional (its addon is built at install, where a C++ compiler is). */
const NATIVE_PACKAGE = '@lrkit/backend-native';

let registered: Promise<void> | undefined;

/**
 * The optional backend package the error says is missing (`name` itself, or the backend-cuda package that
 * backend-native builds on), or undefined where the error is a failure inside an installed package.
 */
function missingPackage(error: unknown, name: string): string | undefined {
  const e = error as NodeJS.ErrnoException;
  if (e?.code !== 'ERR_MODULE_NOT_FOUND' && e?.code !== 'MODULE_NOT_FOUND') return undefined;
  return [name, CUDA_PACKAGE].find((pkg) => e.message.includes(`'${pkg}'`));
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
    const missing = missingPackage(error, pkg);
    if (missing === undefined) throw error;
    const reason = `not installed (${missing} is an optional dependency of lrkit: npm install ${missing})`;
    return { name, priority, isAvailable: () => ({ available: false, reason }), setup: () => undefined };
  }
}

/**
 * Registers the CUDA plugin and the native CPU plugin (every core by default: a run's `threads` is applied
 * when it selects native), once per process. A name already registered (a caller's own plugin, or a test's
 * stand-in) is left as it is. Listing them costs nothing where they cannot run: their availability checks
 * say why. Imported on first use, so a process that never trains never loads them.
 */
export function registerOptionalBackends(): Promise<void> {
  registered ??= (async () => {
    const { getBackendPlugin, registerBackend } = await import('@lrkit/core');
    const add = async (pkg: string, name: string, priority: number, load: () => Promise<BackendPlugin>) => {
      if (getBackendPlugin(name) === undefined) registerBackend(await optionalBackend(pkg, name, priority, load));
    };
    await add(CUDA_PACKAGE, 'cuda', 3, async () => (await import('@lrkit/backend-cuda')).cudaBackend);
    await add(NATIVE_PACKAGE, 'native', 2.5, async () => (await import('@lrkit/backend-native')).nativeBackend);
  })();
  return registered;
}
