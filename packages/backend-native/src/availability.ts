import type { Availability } from '@lrkit/core';
import { loadAddon } from './native/load';

/**
 * Whether the native backend can run here: the addon was built and loads. (Any CPU runs it: the baseline
 * build needs nothing beyond x86-64 or the host's own architecture.) Never throws.
 */
export function checkNativeAvailability(): Availability {
  const load = loadAddon();
  return load.ok ? { available: true } : { available: false, reason: load.reason };
}

/**
 * The OpenBLAS kernel family the backend asks for (OPENBLAS_CORETYPE, unless set) on this CPU: OpenBLAS picks
 * kernels from the CPU's model and falls back to SSE3 ones on models it does not know. Exposed so that a
 * benchmark can give a peer that links OpenBLAS (PyTorch) the same kernels. Undefined without the addon.
 */
export function recommendedOpenBlasCore(): string | undefined {
  const load = loadAddon();
  return load.ok ? load.addon.probe().openblasCore : undefined;
}
