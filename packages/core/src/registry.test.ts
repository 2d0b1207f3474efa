import { describe, expect, it, vi } from 'vitest';
import { BackendUnavailableError, listBackends, registerBackend, tf, useBackend } from './index';

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
  });
});
