import { libraryConfig } from '@lrkit/tsup-config';

// The embedded CSV is found relative to the module (import.meta.url); the shim gives CJS one.
export default libraryConfig({ shims: true });
