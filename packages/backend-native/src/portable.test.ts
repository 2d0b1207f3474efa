// The portable fallback: the baseline build of the vector loops and GEMM kernel (what a CPU without AVX2
// runs), no BLAS, one thread.
import { describe, it } from 'vitest';
import { checkNativeAvailability } from './availability';
import { nativeSuite } from './testing/native-suite';

const availability = checkNativeAvailability();
if (!availability.available) {
  console.warn(`backend-native: portable kernel tests skipped: ${availability.reason}`);
  describe.skip(`native portable kernels (skipped: ${availability.reason})`, () => {
    it('needs the addon', () => {});
  });
} else {
  nativeSuite('portable loops, no BLAS', { threads: 1, blas: 'none', isa: 'base' }, { blas: false, isa: 'base' });
}
