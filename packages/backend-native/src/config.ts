import { availableParallelism } from 'node:os';
import { NativeConfigError } from './errors';
import type { NativeConfig } from './types';

/** What `createNativeBackend` accepts; every field is optional. */
export interface NativeOptions {
  /** Threads for the backend's kernels and its BLAS: a positive integer; default the machine's cores. */
  threads?: number;
  /** `auto` (default; or LRKIT_NATIVE_BLAS), `none`, or a BLAS library name or path that must load. */
  blas?: string;
  /** `avx512`, `avx2` or `base` in place of the best the CPU has (or LRKIT_NATIVE_ISA); for tests. */
  isa?: string;
}

export const ISAS = ['avx512', 'avx2', 'base'] as const;

/** Checks the options once, filling defaults from the environment and the machine. */
export function resolveConfig(options: NativeOptions = {}, env: NodeJS.ProcessEnv = process.env): NativeConfig {
  const threads = options.threads ?? availableParallelism();
  if (!Number.isInteger(threads) || threads < 1 || threads > 1024) {
    throw new NativeConfigError(`threads must be an integer from 1 to 1024, got ${String(options.threads)}`);
  }
  const blas = options.blas ?? (env.LRKIT_NATIVE_BLAS || 'auto');
  const isa = options.isa ?? env.LRKIT_NATIVE_ISA ?? '';
  if (isa !== '' && !(ISAS as readonly string[]).includes(isa)) {
    throw new NativeConfigError(`LRKIT_NATIVE_ISA must be one of ${ISAS.join(', ')}, got '${isa}'`);
  }
  return { threads, blas, isa };
}
