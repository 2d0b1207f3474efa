import { libraryConfig } from '@lrkit/tsup-config';

// `@lrkit/train/config`: the config's field table, defaults, names and bounds, without tfjs, for a CLI's flags
// and a sweep file's schema.
// `@lrkit/train/internal`: the parts of the run, for lrkit's own packages and bench. Shared code goes to a
// chunk in both formats (splitting), so the entries share one copy: one error class, one backend registry.
// __LRKIT_CJS__ tells each build its module system: the optional backends must load in the same one as this
// build's @lrkit/core (src/backend/optional.ts).
// shims: the CJS build gets an import.meta.url (onnx/onnx-proto.ts loads protobufjs on first use through it).
export default libraryConfig({
  entry: { index: 'src/index.ts', config: 'src/config/index.ts', internal: 'src/internal.ts' },
  splitting: true,
  shims: true,
  esbuildOptions(options, { format }) {
    options.define = { ...options.define, __LRKIT_CJS__: JSON.stringify(format === 'cjs') };
  },
});
