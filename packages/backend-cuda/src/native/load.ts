import { join } from 'node:path';
import type { CudaAddon } from '../types';
import { addonLoader, type AddonLoad as Load } from '@lrkit/backend-addon';

export type AddonLoad = Load<CudaAddon>;

const loader = addonLoader<CudaAddon>({
  packageName: '@lrkit/backend-cuda',
  fileName: 'lrkit_cuda.node',
  from: import.meta.url,
  // pnpm 10 runs a dependency's install script only where the project allows it (onlyBuiltDependencies,
  // `pnpm approve-builds`); npm with --ignore-scripts never does.
  neverBuilt: ({ root, statusPath }) =>
    `its build script never ran (no ${statusPath}); on a machine with nvcc, allow @lrkit/backend-cuda's ` +
    `install script (pnpm approve-builds) or run \`node ${join(root, 'scripts', 'build-addon.mjs')}\``,
});

export const { addonPath, buildStatusPath } = loader;

/** Loads the addon once. Never throws: a missing or broken addon comes back as a reason. */
export const loadAddon = (): AddonLoad => loader.load();
