import { libraryConfig } from '@lrkit/tsup-config';
import type { Options } from 'tsup';

type EsbuildPlugin = NonNullable<Options['esbuildPlugins']>[number];

// tfjs-core and its backends are CommonJS bundles (tfjs-core's is 1.2 MB). Node 20's `import` of a CommonJS
// file reads it twice before running it: once to detect its format (the package has no "type"), once to
// lex its export names. That cost ~75 ms of every cold `lrkit train` (tfjs-backend-wasm another ~25 ms),
// and `require()` skips both. So the ESM build reaches these packages through require(): the same file, so
// the same single instance that the backends' own `require('@tensorflow/tfjs-core')` gets. The source keeps
// its ordinary imports (and tfjs's types); the CJS build requires them anyway.
// src/tfjs-require.test.ts checks the built file and the one shared engine.
const REQUIRED_IN_ESM = /^@tensorflow\/tfjs-(core|backend-wasm|backend-cpu)$/;

const requireInEsm: EsbuildPlugin = {
  name: 'lrkit-require-in-esm',
  setup(build) {
    const esm = build.initialOptions.format === 'esm';
    build.onResolve({ filter: REQUIRED_IN_ESM }, (args) =>
      // In the ESM build an import of these packages becomes a two-line CommonJS module that requires the
      // real one (esbuild turns `import * as tf` of it into a namespace over the required exports); that
      // require, and the CJS build's imports, stay external as tsup would keep them.
      esm && args.kind !== 'require-call' ? { path: args.path, namespace: 'lrkit-require' } : { path: args.path, external: true },
    );
    build.onLoad({ filter: /.*/, namespace: 'lrkit-require' }, (args) => ({ contents: `module.exports = require(${JSON.stringify(args.path)});`, loader: 'js' }));
  },
};

export default libraryConfig({
  // noExternal hands these packages to the plugin instead of tsup's own external rule.
  noExternal: [REQUIRED_IN_ESM],
  // One file, as before: the backends' dynamic imports stay in it instead of becoming chunks.
  splitting: false,
  esbuildPlugins: [requireInEsm],
  // An ES module has no `require`: esbuild's require() calls in the ESM build use this one.
  banner: ({ format }) => (format === 'esm' ? { js: "import { createRequire as lrkitCreateRequire } from 'node:module';\nconst require = lrkitCreateRequire(import.meta.url);" } : {}),
});
