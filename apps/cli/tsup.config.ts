import { cpSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { executableConfig } from '@lrkit/tsup-config';

// The schedule playground's built page ships inside this package (dist/playground), so that
// `lrkit playground` serves it from an npm install; turbo builds the playground first (a devDependency).
function copyPlayground(): void {
  const app = dirname(createRequire(import.meta.url).resolve('playground/package.json'));
  cpSync(join(app, 'dist'), 'dist/playground', { recursive: true });
}

// Two entries: the main thread (index.js, the bin) and the work thread it starts (work.js).
export default executableConfig({ entry: ['src/index.ts', 'src/work.ts'], onSuccess: async () => copyPlayground() });
