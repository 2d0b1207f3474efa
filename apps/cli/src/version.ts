import { createRequire } from 'node:module';

// dist/index.js and src/*.ts both sit one folder below package.json.
const pkg = createRequire(import.meta.url)('../package.json') as { version: string };

export const version: string = pkg.version;
