// The shared tsup configs: one for the published libraries, one for the command-line apps.
import { defineConfig } from 'tsup';

const common = { entry: ['src/index.ts'], sourcemap: true, clean: true, target: 'node20' };

/** A library: ESM + CJS + .d.ts. `extra` adds to it (e.g. `shims: true` where import.meta.url is used). */
export function libraryConfig(extra = {}) {
  return defineConfig({ ...common, format: ['esm', 'cjs'], dts: true, ...extra });
}

/** An executable: one ESM entry with a shebang; dependencies stay external. */
export function executableConfig(extra = {}) {
  return defineConfig({ ...common, format: ['esm'], banner: { js: '#!/usr/bin/env node' }, ...extra });
}
