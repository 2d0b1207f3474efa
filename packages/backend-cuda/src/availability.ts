import type { Availability } from '@lrkit/core';
import { loadAddon } from './native/load';
import type { CudaProbe } from './types';

let cached: Availability | undefined;

/**
 * Whether the cuda backend can run here, and if not the first thing missing: the addon, the driver, or a
 * device. Loading the addon does not initialise CUDA (cudart is linked statically and opens the driver only
 * when first asked), so this is safe on a machine without a GPU. Counting devices does initialise the driver
 * (a fraction of a second on a GPU machine), so the answer is kept for the life of the process. Never throws.
 */
export function checkCudaAvailability(): Availability {
  cached ??= probeAvailability();
  return cached;
}

function probeAvailability(): Availability {
  try {
    const load = loadAddon();
    if (!load.ok) return { available: false, reason: load.reason };
    return fromProbe(load.addon.probe());
  } catch (err) {
    return { available: false, reason: `CUDA probe failed (${(err as Error).message})` };
  }
}

export function fromProbe(p: CudaProbe): Availability {
  if (!p.driver) return { available: false, reason: 'no CUDA driver (libcuda.so.1 not found)' };
  if (p.error) {
    // cudaErrorNoDevice reads "no CUDA-capable device is detected"; anything else (a driver older than the
    // runtime, a device in a bad state) is reported as it is.
    return /no CUDA-capable device/i.test(p.error)
      ? { available: false, reason: 'no CUDA device' }
      : { available: false, reason: `CUDA unusable (${p.error})` };
  }
  if (!p.deviceCount) return { available: false, reason: 'no CUDA device' };
  return { available: true };
}
