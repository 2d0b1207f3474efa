// The kernel suite and the native cases on the backend as users get it: the system BLAS where one is
// installed, the best instruction set, two threads. Where the addon is not built, skipped with the reason.
import { existsSync } from 'node:fs';
import { describe, it } from 'vitest';
import { checkNativeAvailability } from './availability';
import { nativeSuite } from './testing/native-suite';

const availability = checkNativeAvailability();
if (!availability.available) {
  console.warn(`backend-native: kernel tests skipped: ${availability.reason}`);
  describe.skip(`native kernels (skipped: ${availability.reason})`, () => {
    it('needs the addon', () => {});
  });
} else {
  nativeSuite('BLAS if installed, best instruction set', { threads: 2 }, { blas: hasBlas() });
}

function hasBlas(): boolean {
  // libopenblas0 (Debian) is what .ci/run installs; elsewhere the own GEMM runs and the test says so.
  return ['/usr/lib/x86_64-linux-gnu/libopenblas.so.0', '/usr/lib/aarch64-linux-gnu/libopenblas.so.0'].some((p) => existsSync(p));
}
