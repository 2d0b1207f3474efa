import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkCudaAvailability, fromProbe } from './availability';
import { addonPath, buildStatusPath, loadAddon } from './native/load';
import { cudaBackend } from './plugin';
import type { AddonBuildStatus } from './types';

function nvccPresent(): boolean {
  try {
    execFileSync('nvcc', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return existsSync('/usr/local/cuda/bin/nvcc');
  }
}

function driverPresent(): boolean {
  // The same question the addon's probe asks, answered independently through the loader cache.
  try {
    return execFileSync('/sbin/ldconfig', ['-p'], { encoding: 'utf8' }).includes('libcuda.so.1');
  } catch {
    return false;
  }
}

describe('cuda availability', () => {
  it('is a plugin named cuda with priority 3', () => {
    expect(cudaBackend.name).toBe('cuda');
    expect(cudaBackend.priority).toBe(3);
  });

  it('isAvailable never throws and gives a reason when unavailable', async () => {
    const a = await cudaBackend.isAvailable();
    if (!a.available) {
      expect(a.reason).toMatch(/^(addon not built \(.+\)|addon not loadable \(.+\)|CUDA probe failed \(.+\)|no CUDA driver \(libcuda\.so\.1 not found\)|no CUDA device|CUDA unusable \(.+\))$/);
      console.warn(`backend-cuda: cuda is unavailable here: ${a.reason}`);
    }
  });

  it.skipIf(!nvccPresent())('the addon was compiled where nvcc is present', () => {
    const status = JSON.parse(readFileSync(buildStatusPath, 'utf8')) as AddonBuildStatus;
    expect(status.built, `addon-status.json: ${status.reason ?? ''}`).toBe(true);
    expect(existsSync(addonPath)).toBe(true);
    // cudart is static: the addon loads without the driver or any CUDA library on the search path.
    const load = loadAddon();
    expect(load.ok, load.ok ? '' : load.reason).toBe(true);
  });

  it.skipIf(!nvccPresent() || driverPresent())('without a driver, the reason is the missing libcuda.so.1', () => {
    expect(checkCudaAvailability()).toEqual({ available: false, reason: 'no CUDA driver (libcuda.so.1 not found)' });
    const load = loadAddon();
    if (!load.ok) throw new Error(load.reason);
    const probe = load.addon.probe();
    expect(probe.driver).toBe(false);
    expect(probe.runtimeVersion).toBeGreaterThanOrEqual(12000);
  });

  it('maps every probe outcome to its reason', () => {
    expect(fromProbe({ runtimeVersion: 13000, driver: false, driverError: 'libcuda.so.1: cannot open' })).toEqual({
      available: false,
      reason: 'no CUDA driver (libcuda.so.1 not found)',
    });
    expect(fromProbe({ runtimeVersion: 13000, driver: true, deviceCount: 0, error: 'no CUDA-capable device is detected' })).toEqual({
      available: false,
      reason: 'no CUDA device',
    });
    expect(fromProbe({ runtimeVersion: 13000, driver: true, deviceCount: 0 })).toEqual({ available: false, reason: 'no CUDA device' });
    expect(fromProbe({ runtimeVersion: 13000, driver: true, error: 'CUDA driver version is insufficient for CUDA runtime version' })).toEqual({
      available: false,
      reason: 'CUDA unusable (CUDA driver version is insufficient for CUDA runtime version)',
    });
    expect(fromProbe({ runtimeVersion: 13000, driver: true, deviceCount: 1, deviceName: 'NVIDIA H100' })).toEqual({ available: true });
  });
});
