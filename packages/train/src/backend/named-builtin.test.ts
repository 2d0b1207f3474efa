// A run that names a built-in backend (wasm, cpu) does not load the optional backend packages (native's addon,
// cuda's): they are registered when a run asks for 'auto' or for a name not registered yet.
import { getBackendPlugin } from '@lrkit/core';
import { describe, expect, it } from 'vitest';
import { train } from '../loop/train';
import { resolveTrainBackend } from './select';

describe('the optional backends, registered on demand', () => {
  it('are left unloaded by a wasm run, and registered by the automatic choice', async () => {
    expect((await train({ epochs: 1, backend: 'wasm' })).backend).toBe('wasm');
    expect(getBackendPlugin('native')).toBeUndefined();
    expect(getBackendPlugin('cuda')).toBeUndefined();
    await resolveTrainBackend('auto');
    expect(getBackendPlugin('native')).toBeDefined();
    expect(getBackendPlugin('cuda')).toBeDefined();
  });
});
