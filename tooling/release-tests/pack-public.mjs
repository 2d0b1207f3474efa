#!/usr/bin/env node
// The packages lrkit publishes, and how they are packed: every workspace package under packages/, apps/ and
// examples/ whose package.json is not `private`, packed with `pnpm pack` (which writes workspace:* ranges as
// the versions, as `pnpm publish` does). `pnpm pack:public [folder]` at the root packs exactly these; the
// release tests install the same list (src/workspace.ts). Plain JavaScript so that the root script runs it
// with Node alone, before anything is built.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

const rootManifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));

/** pnpm as the repository pins it (the root package.json's packageManager), through npx. */
export const PNPM = ['npx', '-y', rootManifest.packageManager];

/** The folders that hold workspace packages (pnpm-workspace.yaml's, but tooling/: never published). */
const GROUPS = ['packages', 'apps', 'examples'];

/** Every workspace package, published or not: `{ name, dir, manifest }`. */
export function workspacePackages() {
  const out = [];
  for (const group of GROUPS) {
    for (const entry of readdirSync(join(repoRoot, group)).sort()) {
      const dir = join(repoRoot, group, entry);
      const path = join(dir, 'package.json');
      if (!existsSync(path)) continue;
      const manifest = JSON.parse(readFileSync(path, 'utf8'));
      out.push({ name: manifest.name, dir, manifest });
    }
  }
  return out;
}

/** The packages a release publishes: those not marked `private`. */
export function publicPackages() {
  return workspacePackages().filter((p) => !p.manifest.private);
}

const run = promisify(execFile);

/** `pnpm pack` of one package into `dest`: `{ tarball, files }` (paths inside the tarball). */
export async function packPackage(dir, dest) {
  const [cmd, ...args] = PNPM;
  const { stdout } = await run(cmd, [...args, 'pack', '--pack-destination', dest, '--json'], { cwd: dir, maxBuffer: 64 * 1024 * 1024 });
  // pnpm may print notices before the JSON document.
  const json = JSON.parse(stdout.slice(stdout.indexOf('{')));
  return { tarball: json.filename, files: json.files.map((f) => f.path) };
}

/** Packs `pkgs` into `dest`, two at a time (the machines are small). A package not built is refused first. */
export async function packAll(pkgs, dest) {
  const unbuilt = pkgs.filter((p) => p.manifest.main !== undefined && !existsSync(join(p.dir, p.manifest.main)));
  if (unbuilt.length > 0) throw new Error(`not built: ${unbuilt.map((p) => `${p.name} (no ${p.manifest.main})`).join(', ')}; run pnpm build first`);
  mkdirSync(dest, { recursive: true });
  const out = [];
  for (let i = 0; i < pkgs.length; i += 2) {
    out.push(...(await Promise.all(pkgs.slice(i, i + 2).map(async (p) => ({ ...p, ...(await packPackage(p.dir, dest)) })))));
  }
  return out;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dest = resolve(process.argv[2] ?? join(repoRoot, 'packs'));
  let packed;
  try {
    packed = await packAll(publicPackages(), dest);
  } catch (e) {
    console.error(`pack:public: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  }
  for (const p of packed) console.log(`${p.name}@${p.manifest.version}  ${p.tarball}`);
  console.log(`${packed.length} public packages packed into ${dest}`);
}
