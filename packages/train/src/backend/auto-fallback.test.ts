// Where native cannot run (its addon not built: a stand-in that says so, registered before @lrkit/train
// registers its own), the automatic choice is wasm and the result says so; cuda, even available, is never
// the automatic choice (not measured on a GPU yet).
import { registerBackend } from '@lrkit/core';
import { describe, expect, it, vi } from 'vitest';
import { lrFind } from '../lrfind/lr-find';
import { train } from '../loop/train';
import { resolveTrainBackend } from './select';

const cudaSetup = vi.fn();
registerBackend({ name: 'native', priority: 2.5, isAvailable: () => ({ available: false, reason: 'addon not built (test stand-in)' }), setup: () => undefined });
registerBackend({ name: 'cuda', priority: 3, isAvailable: () => ({ available: true }), setup: cudaSetup });

describe('the automatic choice without native', () => {
  it('is wasm for train() and lrFind(), never cuda; native by name is refused with its reason', async () => {
    expect(await resolveTrainBackend('auto')).toBe('wasm');
    const r = await train({ epochs: 1 });
    expect(r.backend).toBe('wasm');
    expect(r.config.backend).toBe('wasm');
    expect((await lrFind({ iterations: 10 })).backend).toBe('wasm');
    expect(cudaSetup).not.toHaveBeenCalled();
    await expect(train({ epochs: 1, backend: 'native' })).rejects.toMatchObject({ exitCode: 2, message: "backend 'native' is unavailable: addon not built (test stand-in)" });
  });
});
