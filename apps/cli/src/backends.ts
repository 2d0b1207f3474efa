import type { BackendPlugin } from '@lrkit/core';

let registered: Promise<void> | undefined;

/** The CUDA backend's package: an optional dependency of the CLI (its addon is built at install, where nvcc is). */
const CUDA_PACKAGE = '@lrkit/backend-cuda';
/** The native CPU backend's package: likewise optional (its addon is built at install, where a C++ compiler is). */
const NATIVE_PACKAGE = '@lrkit/backend-native';

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
