import { defineConfig } from 'tsup';

// An executable, not a library: one ESM entry with a shebang; dependencies stay external.
export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm'],
  sourcemap: true,
  clean: true,
  target: 'node20',
  banner: { js: '#!/usr/bin/env node' },
});
