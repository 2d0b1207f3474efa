// Types of pack-public.mjs (plain JavaScript, run by Node alone), for the release tests that import it.
export interface WorkspacePackage {
  name: string;
  dir: string;
  manifest: Record<string, unknown> & { name: string; version: string; main?: string; private?: boolean; files?: string[] };
}
export interface Packed extends WorkspacePackage {
  tarball: string;
  /** Paths inside the tarball, relative to the package root. */
  files: string[];
}
export const repoRoot: string;
export const PNPM: readonly string[];
export function workspacePackages(): WorkspacePackage[];
export function publicPackages(): WorkspacePackage[];
export function packPackage(dir: string, dest: string): Promise<{ tarball: string; files: string[] }>;
export function packAll(pkgs: readonly WorkspacePackage[], dest: string): Promise<Packed[]>;
