import { executableConfig } from '@lrkit/tsup-config';
import type { Options } from 'tsup';

// Annotated so the type is named from this package's own tsup (TS2742 otherwise).
const config: Options = executableConfig();
export default config;
