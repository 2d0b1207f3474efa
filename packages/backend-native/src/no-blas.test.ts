// The path a machine without a BLAS takes: LRKIT_NATIVE_BLAS=none forces the own blocked GEMM. Run on the
// best instruction set with three threads (more than this machine's cores: the split must not matter).
import { describe, it } from 'vitest';
import { checkNativeAvailability } from './availability';
import { nativeSuite } from './testing/native-suite';

process.env.LRKIT_NATIVE_BLAS = 'none';
const availability = checkNativeAvailability();
if (!availability.available) {
  console.warn(`backend-native: no-BLAS kernel tests skipped: ${availability.reason}`);
  describe.skip(`native kernels without BLAS (skipped: ${availability.reason})`, () => {
    it('needs the addon', () => {});
  });
} else {
  nativeSuite('no BLAS (LRKIT_NATIVE_BLAS=none), best instruction set', { threads: 3 }, { blas: false });
}
