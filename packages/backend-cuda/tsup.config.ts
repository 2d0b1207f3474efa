import { libraryConfig } from '@lrkit/tsup-config';

// import.meta.url locates the addon; tsup shims it in the CommonJS build.
export default libraryConfig({ shims: true });
