import { libraryConfig } from '@lrkit/tsup-config';

// `@lrkit/train/config`: the defaults, names and bounds alone, without tfjs, for a CLI's flag definitions.
export default libraryConfig({ entry: { index: 'src/index.ts', config: 'src/config/defaults.ts' } });
