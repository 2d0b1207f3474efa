import { libraryConfig } from '@lrkit/tsup-config';

// `./excerpt` is an entry of its own: it imports nothing, so @lrkit/schedulers bundles it without Node's built-ins.
export default libraryConfig({ entry: { index: 'src/index.ts', excerpt: 'src/messages.ts' } });
