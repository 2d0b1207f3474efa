import { executableConfig } from '@lrkit/tsup-config';

// Two entries: the main thread (index.js, the bin) and the work thread it starts (work.js).
export default executableConfig({ entry: ['src/index.ts', 'src/work.ts'] });
