// The backends lrkit offers beyond @lrkit/core's built-ins (wasm, cpu), registered in one place for the whole
// process: `lrkit train`, `lrkit lr-find`, `lrkit backends`, sweep trials and a library's train() call all see
// the same list, so the automatic choice (@lrkit/core's AUTO_BACKENDS) is the same for all of them.
import { getBackendPlugin, registerBackend, type BackendPlugin } from '@lrkit/core';
import type * as CudaPackage from '@lrkit/backend-cuda';
import type * as NativePackage from '@lrkit/backend-native';

// true in the CommonJS build, false in the ES module one (tsup.config.ts); undefined where the sources run as
// ES modules (tests).
declare const __LRKIT_CJS__: boolean | undefined;

export type { NativePackage };

/** The CUDA backend's package: an optional peer of @lrkit/train (its addon is built at install, where nvcc is). */
const CUDA_PACKAGE = '@lrkit/backend-cuda';
/** The native CPU backend's package: likewise optional (its addon is built at install, where a C++ compiler is). */
const NATIVE_PACKAGE = '@lrkit/backend-native';
/** The layer both backend packages stand on (a dependency of each, so missing only with them). */
const ADDON_PACKAGE = '@lrkit/backend-addon';

let registered: Promise<void> | undefined;

/**
 * Loads an optional package in this build's own module system (`require` in the CommonJS build, `import()` in
 * the ES module one), so that it shares this build's @lrkit/core and tfjs-core: one backend registry, one engine.
 */
export async function loadOptional<T extends typeof CudaPackage | typeof NativePackage>(name: typeof CUDA_PACKAGE | typeof NATIVE_PACKAGE): Promise<T> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the CommonJS build's own require, on purpose
  return typeof __LRKIT_CJS__ === 'boolean' && __LRKIT_CJS__ ? (require(name) as T) : ((await import(name)) as T);
}

/**
 * The optional backend package the error says is missing (`name` itself, or the backend-addon package that
 * both build on), or undefined where the error is a failure inside an installed package.
 */
function missingPackage(error: unknown, name: string): string | undefined {
  const e = error as NodeJS.ErrnoException;
  if (e?.code !== 'ERR_MODULE_NOT_FOUND' && e?.code !== 'MODULE_NOT_FOUND') return undefined;
  return [name, ADDON_PACKAGE].find((pkg) => e.message.includes(`'${pkg}'`));
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
 * say why. Loaded on first use, so a process that never trains never loads them.
 */
export function registerOptionalBackends(): Promise<void> {
  registered ??= (async () => {
    const add = async (pkg: string, name: string, priority: number, load: () => Promise<BackendPlugin>) => {
      if (getBackendPlugin(name) === undefined) registerBackend(await optionalBackend(pkg, name, priority, load));
    };
    await add(CUDA_PACKAGE, 'cuda', 3, async () => (await loadOptional<typeof CudaPackage>(CUDA_PACKAGE)).cudaBackend);
    await add(NATIVE_PACKAGE, 'native', 2.5, async () => (await loadOptional<typeof NativePackage>(NATIVE_PACKAGE)).nativeBackend);
  })();
  return registered;
}
