// Finding and loading a Node-API addon built by a package's own build script, for any lrkit addon backend
// (@lrkit/backend-cuda, @lrkit/backend-native): the package root, the addon's and the build status's paths,
// and a load that never throws (a missing or broken addon comes back as the reason).
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export type AddonLoad<A> = { ok: true; addon: A } | { ok: false; reason: string };

export interface AddonLoaderOptions {
  /** The package that builds the addon (its package.json `name`). */
  packageName: string;
  /** The addon's file name under build/Release. */
  fileName: string;
  /** The calling module's import.meta.url: the package root is searched upwards from it. */
  from: string;
  /** Why the addon is missing when the build script left no status (it never ran). */
  neverBuilt(paths: { root: string; addonPath: string; statusPath: string }): string;
}

export interface AddonLoader<A> {
  root: string;
  addonPath: string;
  buildStatusPath: string;
  /** Loads the addon once. */
  load(): AddonLoad<A>;
}

// The module runs from src/ (tests) or bundled into dist/ (the build): find the package root by walking up
// to the package's own package.json.
function findPackageRoot(from: string, packageName: string): string {
  let dir = dirname(fileURLToPath(from));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === packageName) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`${packageName}: cannot find its own package.json`);
    dir = parent;
  }
}

export function addonLoader<A>(options: AddonLoaderOptions): AddonLoader<A> {
  const root = findPackageRoot(options.from, options.packageName);
  const addonPath = join(root, 'build', 'Release', options.fileName);
  const buildStatusPath = join(root, 'build', 'Release', 'addon-status.json');

  const whyNotBuilt = (): string => {
    try {
      const status = JSON.parse(readFileSync(buildStatusPath, 'utf8')) as { built?: boolean; reason?: string };
      if (!status.built && status.reason) return status.reason;
    } catch {
      // no status file: the build script never ran
    }
    return options.neverBuilt({ root, addonPath, statusPath: buildStatusPath });
  };

  let cached: AddonLoad<A> | undefined;
  const tryLoad = (): AddonLoad<A> => {
    if (!existsSync(addonPath)) return { ok: false, reason: `addon not built (${whyNotBuilt()})` };
    try {
      return { ok: true, addon: createRequire(options.from)(addonPath) as A };
    } catch (err) {
      return { ok: false, reason: `addon not loadable (${(err as Error).message.split('\n')[0]})` };
    }
  };
  return {
    root,
    addonPath,
    buildStatusPath,
    load: () => (cached ??= tryLoad()),
  };
}
