import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddonBuildStatus, NativeAddon } from '../types';

export type AddonLoad = { ok: true; addon: NativeAddon } | { ok: false; reason: string };

// This module runs from src/native/ (tests) or bundled into dist/ (the build): find the package root by
// walking up to this package's package.json.
function findPackageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === '@lrkit/backend-native') {
      return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error('@lrkit/backend-native: cannot find its own package.json');
    dir = parent;
  }
}

const root = findPackageRoot();

export const addonPath = join(root, 'build', 'Release', 'lrkit_native.node');
export const buildStatusPath = join(root, 'build', 'Release', 'addon-status.json');

let cached: AddonLoad | undefined;

/** Loads the addon once. Never throws: a missing or broken addon comes back as a reason. */
export function loadAddon(): AddonLoad {
  cached ??= tryLoad();
  return cached;
}

function tryLoad(): AddonLoad {
  if (!existsSync(addonPath)) return { ok: false, reason: `addon not built (${whyNotBuilt()})` };
  try {
    const require = createRequire(import.meta.url);
    return { ok: true, addon: require(addonPath) as NativeAddon };
  } catch (err) {
    return { ok: false, reason: `addon not loadable (${(err as Error).message.split('\n')[0]})` };
  }
}

function whyNotBuilt(): string {
  try {
    const status = JSON.parse(readFileSync(buildStatusPath, 'utf8')) as AddonBuildStatus;
    if (!status.built && status.reason) return status.reason;
  } catch {
    // no status file: the build script never ran
  }
  return `no ${addonPath}; run \`pnpm --filter @lrkit/backend-native build\` on a machine with a C++ compiler`;
}
