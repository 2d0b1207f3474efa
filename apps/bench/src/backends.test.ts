// The bench's backends come from @lrkit/train's registration: the same availability and reasons as `lrkit
// backends`, and the run's thread count reaching native at every switch.
import { checkNativeAvailability, nativeSetup } from '@lrkit/backend-native';
import { train } from '@lrkit/train';
import { describe, expect, it } from 'vitest';
import { activate, backendStatus, importFailure } from './backends';

describe('importFailure', () => {
  it('an unbuilt workspace package (its dist missing) says how to build it', () => {
    const err = Object.assign(new Error("Cannot find module '/r/node_modules/@lrkit/backend-native/dist/index.js' imported from /r/x.js"), {
      code: 'ERR_MODULE_NOT_FOUND',
    });
    expect(importFailure('@lrkit/backend-native', err)).toBe('@lrkit/backend-native is not built (pnpm --filter @lrkit/backend-native build)');
  });
  it('any other failure is quoted, first line only', () => {
    expect(importFailure('@lrkit/backend-cuda', new Error('bad ELF header\nmore'))).toBe('@lrkit/backend-cuda could not be loaded: bad ELF header');
  });
});

const native = checkNativeAvailability();
if (!native.available) console.warn(`bench backends on native: skipped: ${native.reason}`);

describe('backendStatus and activate', () => {
  it('native is available exactly where its package says, with its reason where not', async () => {
    const status = await backendStatus('native');
    expect(status).toEqual(native.available ? { available: true } : { available: false, reason: native.reason });
  });

  it.skipIf(!native.available)('every switch to native sets the run\'s threads, also after a train() call that set its own', async () => {
    await activate('native', 2);
    expect(nativeSetup()!.threads).toBe(2);
    await train({ backend: 'native', threads: 1, epochs: 1 });
    expect(nativeSetup()!.threads).toBe(1);
    await activate('wasm', 2);
    await activate('native', 2);
    expect(nativeSetup()!.threads).toBe(2);
  });
});
