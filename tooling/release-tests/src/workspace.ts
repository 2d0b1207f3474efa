// The workspace as the release tests see it: the published packages and how they are packed, from
// pack-public.mjs (the list `pnpm pack:public` packs), and the example plugin, which a third party would
// publish and lrkit does not.
import { join } from 'node:path';
import { packAll as packPackages, publicPackages, workspacePackages, type Packed, type WorkspacePackage } from '../pack-public.mjs';

export { PNPM, repoRoot, type Packed, type WorkspacePackage } from '../pack-public.mjs';

/** Every package the workspace publishes (not private). */
export function publishedPackages(): WorkspacePackage[] {
  return publicPackages();
}

/** The example scheduler plugin: private (lrkit does not publish it), installed by the tests as a user's. */
export const EXAMPLE_PLUGIN = '@lrkit/example-scheduler-plugin';

/** Packs every published package into `dest`, and the example plugin beside them (the last entry). */
export async function packAll(dest: string): Promise<Packed[]> {
  const plugin = workspacePackages().filter((p) => p.name === EXAMPLE_PLUGIN);
  return packPackages([...publicPackages(), ...plugin], join(dest));
}
