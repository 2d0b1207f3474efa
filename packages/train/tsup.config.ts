import { libraryConfig } from '@lrkit/tsup-config';

// `@lrkit/train/config`: the defaults, names and bounds alone, without tfjs, for a CLI's flag definitions.
// shims: the CJS build gets an import.meta.url (onnx/onnx-proto.ts loads protobufjs on first use through it).
export default libraryConfig({ entry: { index: 'src/index.ts', config: 'src/config/defaults.ts' }, shims: true });
