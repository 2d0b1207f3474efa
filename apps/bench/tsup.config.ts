import { executableConfig } from '@lrkit/tsup-config';

export default executableConfig();
