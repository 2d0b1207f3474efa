import { libraryConfig } from '@lrkit/tsup-config';

// Two entries: the main one (any runtime) and `./node` (Node's built-ins). Shared code goes to a chunk
// in both formats, so errors thrown by the Node helpers are the main entry's classes.
export default libraryConfig({ entry: { index: 'src/index.ts', node: 'src/node-entry.ts' }, splitting: true, removeNodeProtocol: false });
