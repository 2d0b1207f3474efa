import { libraryConfig } from '@lrkit/tsup-config';

// import.meta.url locates the addon; tsup shims it in the CommonJS build. `testing` is the kernel suite that
// @lrkit/backend-native runs on its own kernels (vitest and tfjs stay external: one tfjs engine per process).
export default libraryConfig({
  shims: true,
  entry: { index: 'src/index.ts', testing: 'src/testing/suite.ts' },
  external: ['vitest', /^@tensorflow\//],
});
