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
