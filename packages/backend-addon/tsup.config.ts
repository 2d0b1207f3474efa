import { libraryConfig } from '@lrkit/tsup-config';

// `testing` is the kernel suite each addon backend runs on its own kernels (vitest and tfjs stay external:
// one tfjs engine per process).
export default libraryConfig({
  entry: { index: 'src/index.ts', testing: 'src/testing/index.ts' },
  external: ['vitest', /^@tensorflow\//],
});
