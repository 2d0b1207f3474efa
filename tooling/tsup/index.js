// The shared tsup configs: one for the published libraries, one for the command-line apps.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig } from 'tsup';

// tsup keeps dependencies and peerDependencies external but bundles optionalDependencies; an optional package
// must stay an import, one that can fail where the user's install left it out (the CLI's cuda backend).
function optionalDependencies() {
  const manifest = JSON.parse(readFileSync(join(process.cwd(), 'package.json'), 'utf8'));
  return Object.keys(manifest.optionalDependencies ?? {});
}

// No source maps: the output is unminified (readable where a stack points), and maps with embedded sources
// were most of every tarball, while maps without them would point at src/, which is not published.
const common = { entry: ['src/index.ts'], sourcemap: false, clean: true, target: 'node20', external: optionalDependencies() };

/** A library: ESM + CJS + .d.ts. `extra` adds to it (e.g. `shims: true` where import.meta.url is used). */
export function libraryConfig(extra = {}) {
  return defineConfig({ ...common, format: ['esm', 'cjs'], dts: true, ...extra });
}

/**
 * An executable: one ESM entry with a shebang; dependencies stay external, except @lrkit/app-kit (the apps'
 * shared plumbing, private), which is bundled in so the published app does not depend on it.
 */
export function executableConfig(extra = {}) {
  return defineConfig({ ...common, format: ['esm'], banner: { js: '#!/usr/bin/env node' }, noExternal: ['@lrkit/app-kit'], ...extra });
}
