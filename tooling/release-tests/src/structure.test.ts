// The shape of the house: dependencies between the workspace's packages point one way (apps -> sweep ->
// train -> core, data, schedulers; tooling under everything), no source file reaches itself through its
// imports, type-only imports included (a type cycle still means two files that cannot be read apart), and
// none reaches into another package by a relative path.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseCircular, parseDependencyTree } from 'dpdm';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './workspace';

interface Member {
  name: string;
  dir: string;
  deps: string[];
}

/** Every workspace package, with the workspace packages it names in any dependency field. */
function members(): Member[] {
  const out: Member[] = [];
  for (const group of ['tooling', 'packages', 'apps', 'examples']) {
    for (const entry of readdirSync(join(repoRoot, group))) {
      const path = join(repoRoot, group, entry, 'package.json');
      if (!existsSync(path)) continue;
      const manifest = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown> & { name: string };
      const fields = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'] as const;
      const deps = fields.flatMap((f) => Object.entries((manifest[f] ?? {}) as Record<string, string>).filter(([, v]) => v.startsWith('workspace:')).map(([k]) => k));
      out.push({ name: manifest.name, dir: join(group, entry), deps: [...new Set(deps)] });
    }
  }
  return out;
}

/**
 * Each package's floor, low to high. A package may depend on its own floor or below, never above. Tooling
 * is the ground floor: it builds, lints and serves the apps, and imports nothing from packages/. The release
 * tests stand on the roof: they test what users install, all of it.
 */
const FLOORS: readonly (readonly string[])[] = [
  ['@lrkit/tsconfig', '@lrkit/eslint-config', '@lrkit/tsup-config', '@lrkit/vitest-config', '@lrkit/wasm-build', '@lrkit/app-kit'],
  ['@lrkit/core', '@lrkit/data', '@lrkit/schedulers', '@lrkit/charts', '@lrkit/io'],
  ['@lrkit/backend-addon'],
  ['@lrkit/backend-cuda', '@lrkit/backend-native', '@lrkit/tfjs'],
  ['@lrkit/train'],
  ['@lrkit/sweep'],
  // The example plugin stands where a user's plugin would: beside the CLI, which its tests run it through.
  ['lrkit', 'lrkit-bench', 'playground', '@lrkit/example-scheduler-plugin'],
  ['@lrkit/release-tests'],
];

function floor(name: string): number {
  return FLOORS.findIndex((names) => names.includes(name));
}

describe('package dependencies point down', () => {
  const all = members();
  it.each(all.map((m) => [m.name, m] as const))('%s', (name, m) => {
    expect(floor(name), `${name} (${m.dir}) has no floor: add it to FLOORS in ${relative(repoRoot, import.meta.filename)}`).not.toBe(-1);
    const up = m.deps.filter((d) => floor(d) > floor(name)).map((d) => `${d} (floor ${floor(d)})`);
    expect(up, `${name} (floor ${floor(name)}) depends on packages above it`).toEqual([]);
  });
});

describe('no import cycle between files, no import by path into another package', () => {
  const withSources = members().filter((m) => existsSync(join(repoRoot, m.dir, 'src')));
  it.each(withSources.map((m) => [m.dir, m] as const))('%s/src', async (_dir, m) => {
    const src = join(repoRoot, m.dir, 'src');
    // transform: false keeps `import type`: a cycle of types is a cycle too.
    // Other workspace packages resolve to their built dist/: not parsed, they are checked in their own src.
    const tree = await parseDependencyTree('**/*.{ts,tsx,mts}', { cwd: src, context: src, transform: false, skipDynamicImports: false, exclude: /node_modules|[\\/]dist[\\/]/ });
    const cycles = parseCircular(tree).map((files) => files.map((f) => relative(src, join(src, f))).join(' > '));
    expect(cycles).toEqual([]);
    // A path into another package would go around its package.json, and so around the floors above.
    const own = join(repoRoot, m.dir);
    const isOwn = (file: string) => !relative(own, join(src, file)).startsWith('..');
    const outside = Object.values(tree)
      .flatMap((deps) => deps ?? [])
      .filter((d) => isOwn(d.issuer) && d.request.startsWith('.') && d.id !== null && !isOwn(d.id))
      .map((d) => `${d.issuer} imports ${d.request}`);
    expect(outside).toEqual([]);
  });
});
