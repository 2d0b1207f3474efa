import { libraryConfig } from '@lrkit/tsup-config';

export default libraryConfig();
