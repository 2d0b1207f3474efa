import { describe, expect, it, vi } from 'vitest';
import { AUTO_BACKEND, BackendUnavailableError, listBackends, registerBackend, resolveBackend, tf, useBackend } from './index';

describe('backend registry', () => {
  it('lists the built-ins, highest priority first, wasm the default', async () => {
    const rows = await listBackends();
    expect(rows.map((r) => r.name).slice(0, 2)).toEqual(['wasm', 'cpu']);
    expect(await useBackend()).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
  });

  it('switches to cpu and computes there, without tfjs-node banner on stderr', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      expect(await useBackend('cpu')).toBe('cpu');
      expect(Array.from(await tf.add(tf.tensor1d([1, 2]), tf.tensor1d([3, 4])).data())).toEqual([4, 6]);
      expect(warn.mock.calls.flat().join(' ')).not.toMatch(/tfjs-node/);
    } finally {
      warn.mockRestore();
    }
  });

  it('reports an unavailable plugin with its reason and refuses to use it', async () => {
    registerBackend({
      name: 'nowhere',
      priority: 100,
      isAvailable: () => ({ available: false, reason: 'no device' }),
      setup: () => undefined,
    });
    const row = (await listBackends()).find((r) => r.name === 'nowhere');
    expect(row).toMatchObject({ available: false, reason: 'no device' });
    const err = await useBackend('nowhere').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BackendUnavailableError);
    expect((err as BackendUnavailableError).exitCode).toBe(2);
    expect((err as Error).message).toBe("backend 'nowhere' is unavailable: no device");
    // The automatic choice skips it rather than failing.
    expect(await useBackend()).toBe('wasm');
  });

  it('refuses duplicate names and unknown backends', async () => {
    expect(() => registerBackend({ name: 'cpu', priority: 0, isAvailable: () => ({ available: true }), setup() {} })).toThrow(
      /already registered/,
    );
    await expect(useBackend('tpu')).rejects.toThrow(/no such backend/);
    expect(() => registerBackend({ name: AUTO_BACKEND, priority: 0, isAvailable: () => ({ available: true }), setup() {} })).toThrow(
      /automatic choice/,
    );
  });

  it('chooses automatically by the measured rule: native where available, else wasm; never cpu or cuda', async () => {
    // Stand-ins with the real names: the rule is by name, and resolveBackend sets nothing up.
    let nativeHere = true;
    const setup = vi.fn();
    registerBackend({ name: 'cuda', priority: 3, isAvailable: () => ({ available: true }), setup });
    registerBackend({
      name: 'native',
      priority: 2.5,
      isAvailable: () => (nativeHere ? { available: true } : { available: false, reason: 'addon not built' }),
      setup,
    });
    expect(await resolveBackend()).toBe('native');
    expect(await resolveBackend(AUTO_BACKEND)).toBe('native');
    nativeHere = false;
    expect(await resolveBackend()).toBe('wasm');
    expect(await useBackend()).toBe('wasm');
    // By name, an available backend outside the rule runs; an unavailable one is refused with its reason.
    expect(await resolveBackend('cuda')).toBe('cuda');
    await expect(resolveBackend('native')).rejects.toThrow("backend 'native' is unavailable: addon not built");
    expect(setup).not.toHaveBeenCalled();
  });
});
