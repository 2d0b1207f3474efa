import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from './config';
import { NativeConfigError } from './errors';
import { addonPath, buildStatusPath, loadAddon } from './native/load';
import { createNativeBackend, nativeBackend, nativeSetup } from './plugin';
import type { AddonBuildStatus } from './types';

function compilerPresent(): boolean {
  try {
    execFileSync(process.env.CXX || 'g++', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('native availability', () => {
  it('is a plugin named native, between cuda (3) and wasm (2)', () => {
    expect(nativeBackend.name).toBe('native');
    expect(nativeBackend.priority).toBeGreaterThan(2);
    expect(nativeBackend.priority).toBeLessThan(3);
  });

  it('isAvailable never throws and gives a reason when unavailable', async () => {
    const a = await nativeBackend.isAvailable();
    if (!a.available) {
      expect(a.reason).toMatch(/^addon (not built|not loadable) \(.+\)$/);
      console.warn(`backend-native: native is unavailable here: ${a.reason}`);
    }
  });

  it.skipIf(!compilerPresent())('the addon was compiled where a C++ compiler is present, and loads', () => {
    const status = JSON.parse(readFileSync(buildStatusPath, 'utf8')) as AddonBuildStatus;
    expect(status.built, `addon-status.json: ${status.reason ?? ''}`).toBe(true);
    expect(existsSync(addonPath)).toBe(true);
    const load = loadAddon();
    expect(load.ok, load.ok ? '' : load.reason).toBe(true);
    if (load.ok) {
      const probe = load.addon.probe();
      expect(probe.isas.at(-1)).toBe('base');
      expect(probe.cores).toBeGreaterThan(0);
    }
  });

  it('checks its options and environment, naming the one that is wrong', () => {
    expect(() => createNativeBackend({ threads: 0 })).toThrow(NativeConfigError);
    expect(() => createNativeBackend({ threads: 1.5 })).toThrow('threads must be an integer from 1 to 1024, got 1.5');
    expect(() => resolveConfig({}, { LRKIT_NATIVE_ISA: 'sse9' })).toThrow("LRKIT_NATIVE_ISA must be one of avx512, avx2, base, got 'sse9'");
    expect(resolveConfig({ threads: 3 }, { LRKIT_NATIVE_BLAS: 'none' })).toEqual({ threads: 3, blas: 'none', isa: '' });
    expect(resolveConfig({ threads: 1 }, {})).toEqual({ threads: 1, blas: 'auto', isa: '' });
  });

  it.skipIf(!loadAddon().ok)('setup can switch between the own GEMM and the BLAS within a process', () => {
    createNativeBackend({ threads: 1, blas: 'none' }).setup();
    expect(nativeSetup()).toMatchObject({ threads: 1, blas: null, blasWhy: 'LRKIT_NATIVE_BLAS=none' });
    createNativeBackend({ threads: 2, blas: 'auto' }).setup();
    const blas = nativeSetup()!.blas;
    expect(nativeSetup()!.threads).toBe(2);
    createNativeBackend({ threads: 1, blas: 'none' }).setup();
    expect(nativeSetup()!.blas).toBeNull();
    if (blas !== null) {
      createNativeBackend({ threads: 1, blas }).setup();
      expect(nativeSetup()!.blas).toBe(blas);
    }
  });

  it('a BLAS named but missing fails setup with the reason, never falling back', () => {
    const plugin = createNativeBackend({ blas: 'libno-such-blas.so' });
    expect(() => plugin.setup()).toThrow(/native backend: cannot open BLAS 'libno-such-blas\.so': .*libno-such-blas\.so/);
  });
});
