import { addonLoader, type AddonLoad as Load } from '@lrkit/backend-addon';
import type { NativeAddon } from '../types';

export type AddonLoad = Load<NativeAddon>;

const loader = addonLoader<NativeAddon>({
  packageName: '@lrkit/backend-native',
  fileName: 'lrkit_native.node',
  from: import.meta.url,
  neverBuilt: ({ addonPath }) => `no ${addonPath}; run \`pnpm --filter @lrkit/backend-native build\` on a machine with a C++ compiler`,
});

export const { addonPath, buildStatusPath } = loader;

/** Loads the addon once. Never throws: a missing or broken addon comes back as a reason. */
export const loadAddon = (): AddonLoad => loader.load();
