// The workspace as the release tests see it: the published packages, and how to pack them.
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** pnpm as the README's commands run it (the root package.json's packageManager). */
export const PNPM = ['npx', '-y', 'pnpm@10.34.9'] as const;

export interface WorkspacePackage {
  name: string;
  dir: string;
  manifest: Record<string, unknown> & { name: string; version: string; files?: string[] };
}

/** Every package the workspace publishes (not private), from the workspace's package folders. */
export function publishedPackages(): WorkspacePackage[] {
  const out: WorkspacePackage[] = [];
  for (const group of ['packages', 'apps', 'examples']) {
    for (const entry of readdirSync(join(repoRoot, group))) {
      const dir = join(repoRoot, group, entry);
      const path = join(dir, 'package.json');
      if (!existsSync(path)) continue;
      const manifest = JSON.parse(readFileSync(path, 'utf8')) as WorkspacePackage['manifest'];
      if (manifest.private) continue;
      out.push({ name: manifest.name, dir, manifest });
    }
  }
  return out;
}

export interface Packed extends WorkspacePackage {
  tarball: string;
  /** Paths inside the tarball, relative to the package root. */
  files: string[];
}

const run = promisify(execFile);

/** `pnpm pack` of one package into `dest` (workspace:* ranges become versions, as on publish). */
export async function pack(pkg: WorkspacePackage, dest: string): Promise<Packed> {
  const [cmd, ...args] = PNPM;
  const { stdout } = await run(cmd, [...args, 'pack', '--pack-destination', dest, '--json'], {
    cwd: pkg.dir,
    maxBuffer: 64 * 1024 * 1024,
  });
  // pnpm may print notices before the JSON document.
  const json = JSON.parse(stdout.slice(stdout.indexOf('{'))) as { filename: string; files: { path: string }[] };
  return { ...pkg, tarball: json.filename, files: json.files.map((f) => f.path) };
}

/** Packs every published package, two at a time (the machines are small). */
export async function packAll(dest: string): Promise<Packed[]> {
  const pkgs = publishedPackages();
  const out: Packed[] = [];
  for (let i = 0; i < pkgs.length; i += 2) out.push(...(await Promise.all(pkgs.slice(i, i + 2).map((p) => pack(p, dest)))));
  return out;
}
