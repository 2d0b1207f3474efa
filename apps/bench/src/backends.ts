// Which lrkit backends can run here, and why not where they can't. CUDA and native come from their own
// packages and are registered on first ask; their absence (no addon, no driver, no GPU) is a row, not a crash.
import { getBackendPlugin, listBackends, registerBackend, useBackend } from '@lrkit/core';
import { reasonOf } from './errors';
import type { BackendName } from './types';

/** Why an optional backend package failed to load, in one short line: an unbuilt one says how to build it. */
function importFailure(name: string, err: unknown): string {
  const code = (err as { code?: unknown }).code;
  const msg = reasonOf(err).split('\n')[0] ?? '';
  if ((code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') && msg.includes(name)) {
    return `${name} is not built (pnpm --filter ${name} build)`;
  }
  return `${name} could not be loaded: ${msg}`;
}

export type BackendStatus = { available: true } | { available: false; reason: string };

/**
 * Registers an optional backend's plugin on first ask (cuda; native with the run's thread count, the same as
 * PyTorch's: ratios at matched threads). Returns why it cannot be, where its package does not load.
 */
async function ensureRegistered(name: 'cuda' | 'native', threads: number): Promise<string | undefined> {
  if (getBackendPlugin(name)) return undefined;
  const pkg = `@lrkit/backend-${name}`;
  try {
    registerBackend(name === 'cuda' ? (await import('@lrkit/backend-cuda')).cudaBackend : (await import('@lrkit/backend-native')).createNativeBackend({ threads }));
  } catch (err) {
    return importFailure(pkg, err);
  }
  return undefined;
}

export async function backendStatus(name: BackendName, threads = 1): Promise<BackendStatus> {
  if (name === 'cuda' || name === 'native') {
    const why = await ensureRegistered(name, threads);
    if (why) return { available: false, reason: why };
  }
  const info = (await listBackends()).find((b) => b.name === name);
  if (!info) return { available: false, reason: `no backend named '${name}' is registered` };
  return info.available ? { available: true } : { available: false, reason: info.reason ?? 'unavailable' };
}

/** Switches tfjs to `name`; the backend was checked available before any contender was built. */
export async function activate(name: string): Promise<void> {
  await useBackend(name);
}

/**
 * Gives every OpenBLAS in the run the same kernels. OpenBLAS chooses them from the CPU's model and falls back
 * to SSE3 kernels on a model it does not know (virtual machines often report a generic one); lrkit's native
 * backend then sets OPENBLAS_CORETYPE from the CPU's instruction sets, and PyTorch links OpenBLAS too. So,
 * unless the user set the variable, it is set here for the whole run before any peer starts, to what the
 * native backend would choose. Returns the value in force, if any.
 */
export async function alignOpenBlasKernels(env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  if (env.OPENBLAS_CORETYPE) return env.OPENBLAS_CORETYPE;
  let core: string | undefined;
  try {
    core = (await import('@lrkit/backend-native')).recommendedOpenBlasCore();
  } catch {
    return undefined; // no native package: nothing sets the variable, for either side
  }
  if (core) env.OPENBLAS_CORETYPE = core;
  return core;
}
