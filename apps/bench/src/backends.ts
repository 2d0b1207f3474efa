// Which lrkit backends can run here, and why not where they can't, and switching to one: @lrkit/train's own
// registration of the optional backends (cuda, native) and its selectBackend, so the bench runs each backend
// exactly as `lrkit train` sets it up. Their absence (no addon, no driver, no GPU) is a row, not a crash.
import { getBackendPlugin, listBackends } from '@lrkit/core';
import { registerOptionalBackends, selectBackend } from '@lrkit/train/internal';
import { reasonOf } from './errors';
import type { BackendName } from './types';

/**
 * Why an optional backend package failed to load, in one short line. @lrkit/train lists an uninstalled one
 * with its own reason; what it does not cover is this repository's case, a workspace package never built
 * (its dist is missing), which says how to build it.
 */
export function importFailure(name: string, err: unknown): string {
  const code = (err as { code?: unknown }).code;
  const msg = reasonOf(err).split('\n')[0] ?? '';
  if ((code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') && msg.includes(name)) {
    return `${name} is not built (pnpm --filter ${name} build)`;
  }
  return `${name} could not be loaded: ${msg}`;
}

export type BackendStatus = { available: true } | { available: false; reason: string };

export async function backendStatus(name: BackendName): Promise<BackendStatus> {
  if (name === 'cuda' || name === 'native') {
    try {
      await registerOptionalBackends();
    } catch (err) {
      // The packages register in turn (cuda, then native): one that did stays listed.
      if (!getBackendPlugin(name)) return { available: false, reason: importFailure(`@lrkit/backend-${name}`, err) };
    }
  }
  const info = (await listBackends()).find((b) => b.name === name);
  if (!info) return { available: false, reason: `no backend named '${name}' is registered` };
  return info.available ? { available: true } : { available: false, reason: info.reason ?? 'unavailable' };
}

/**
 * Switches tfjs to `name` (checked available before any contender was built) with the run's thread count,
 * which @lrkit/train's selectBackend gives native's pool and BLAS (the same as PyTorch's: ratios at matched
 * threads). Every switch passes it, so that a train() call in between, which sets its own, cannot leave
 * native at another count.
 */
export async function activate(name: string, threads: number): Promise<void> {
  await selectBackend(name, threads);
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
