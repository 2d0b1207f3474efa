// The release flow's promises (RELEASING.md): exactly the product is public, everything else private, and
// a fresh clone's first install links every bin (a bin that only the build writes makes pnpm warn "Failed to
// create bin" and leaves the command missing until a second install).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { publicPackages, workspacePackages } from '../pack-public.mjs';
import { repoRoot } from './workspace';

const PUBLISHED = [
  '@lrkit/backend-addon',
  '@lrkit/backend-cuda',
  '@lrkit/backend-native',
  '@lrkit/charts',
  '@lrkit/core',
  '@lrkit/data',
  '@lrkit/io',
  '@lrkit/schedulers',
  '@lrkit/sweep',
  '@lrkit/tfjs',
  '@lrkit/train',
  'lrkit',
  'lrkit-bench',
];

const manifest = (dir: string) => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name: string; private?: boolean; bin?: Record<string, string> };
const tooling = readdirSync(join(repoRoot, 'tooling')).map((d) => join(repoRoot, 'tooling', d)).filter((d) => existsSync(join(d, 'package.json')));

describe('the release', () => {
  it('publishes exactly the product: pack:public packs these, every other workspace package is private', () => {
    expect(publicPackages().map((p) => p.name).sort()).toEqual(PUBLISHED);
    for (const dir of tooling) expect(manifest(dir).private, relative(repoRoot, dir)).toBe(true);
    const others = workspacePackages().filter((p) => !PUBLISHED.includes(p.name));
    for (const p of others) expect(p.manifest.private, p.name).toBe(true);
    expect(readFileSync(join(repoRoot, 'RELEASING.md'), 'utf8')).toContain(`published as ${PUBLISHED.length} npm packages`);
    expect(JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).scripts['pack:public']).toBe('node tooling/release-tests/pack-public.mjs');
  });

  it('links every bin at the first install: each bin is a committed, executable file outside the build output', () => {
    const tracked = new Set(execFileSync('git', ['ls-files', '-s'], { cwd: repoRoot, encoding: 'utf8' }).split('\n').filter(Boolean).map((l) => {
      const [mode, , , path] = l.split(/\s+/);
      return `${path} ${mode}`;
    }));
    const bins = [...workspacePackages().map((p) => p.dir), ...tooling].flatMap((dir) =>
      Object.entries(manifest(dir).bin ?? {}).map(([name, file]) => ({ name, path: relative(repoRoot, normalize(join(dir, file))) })),
    );
    expect(bins.map((b) => b.name)).toEqual(expect.arrayContaining(['lrkit', 'lrkit-bench']));
    for (const { name, path } of bins) {
      expect(path, name).not.toMatch(/(^|\/)dist\//);
      expect(tracked.has(`${path} 100755`), `${name}: ${path} is not committed as an executable file`).toBe(true);
    }
  });
});
