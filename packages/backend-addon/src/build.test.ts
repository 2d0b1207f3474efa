// The build helper (scripts/build.mjs) on a package of its own making: a one-file shared library compiled
// with the C compiler here, through a build-addon.mjs that names it, as each addon backend's script names
// its sources. Checks what every backend's build relies on: the skip, the status file, the reuse of an
// unchanged build, a rebuild when a source changes, and a failed compile that fails `pnpm build` but never
// an install.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { buildScriptCopy } from './testing/script-copy';

const cc = spawnSync('cc', ['--version']).status === 0;
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

const fixture = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'demo-build-addon.mjs');

function demo(): string {
  const root = buildScriptCopy(fixture, 'lrkit-addon-build-');
  dirs.push(root);
  mkdirSync(join(root, 'native'));
  writeFileSync(join(root, 'native', 'demo.c'), 'int demo(void) { return 1; }\n');
  return root;
}

const run = (root: string, env: NodeJS.ProcessEnv = {}) =>
  spawnSync(process.execPath, [join(root, 'scripts', 'build-addon.mjs')], { env: { ...process.env, ...env }, encoding: 'utf8' });
const status = (root: string) => JSON.parse(readFileSync(join(root, 'build', 'Release', 'addon-status.json'), 'utf8'));

describe('the addon build helper', () => {
  it('skips with one line and exit 0 where its variable is set, recording why and removing a stale addon', () => {
    const root = demo();
    mkdirSync(join(root, 'build', 'Release'), { recursive: true });
    writeFileSync(join(root, 'build', 'Release', 'demo.node'), 'stale');
    const r = run(root, { DEMO_SKIP_BUILD: '1' });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('demo: addon build skipped: DEMO_SKIP_BUILD is set\n');
    expect(status(root)).toMatchObject({ built: false, reason: 'DEMO_SKIP_BUILD is set' });
    expect(existsSync(join(root, 'build', 'Release', 'demo.node'))).toBe(false);
  });

  it.skipIf(!cc)('builds, records the build, reuses it while nothing changed, and rebuilds when a source does', () => {
    const root = demo();
    const first = run(root);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/^demo: addon built with cc in \d+ s: build\/Release\/demo\.node\n$/);
    expect(status(root)).toMatchObject({ built: true, demo: true, inputs: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(execFileSync('nm', ['-D', join(root, 'build', 'Release', 'demo.node')], { encoding: 'utf8' })).toMatch(/ T demo$/m);
    expect(run(root).stdout).toBe('demo: addon up to date\n');
    writeFileSync(join(root, 'native', 'demo.c'), 'int demo(void) { return 2; }\n');
    expect(run(root).stdout).toMatch(/^demo: addon built with cc/);
  });

  it.skipIf(!cc)('a failed compile fails the build (exit 1) but never an install (exit 0), and says how to see why', () => {
    const root = demo();
    writeFileSync(join(root, 'native', 'demo.c'), 'this is not C\n');
    const build = run(root);
    expect(build.status).toBe(1);
    expect(build.stderr).toContain('demo: addon build FAILED (demo.o; output above)');
    expect(status(root)).toMatchObject({ built: false, reason: 'the addon build failed (demo.o); run `pnpm --filter demo build` to see why' });
    const install = run(root, { npm_lifecycle_event: 'install' });
    expect(install.status).toBe(0);
    expect(status(root).reason).toMatch(/^the addon build failed \(demo\.o\); run `node .*build-addon\.mjs` to see why$/);
    expect(existsSync(join(root, 'build', 'Release', 'demo.node'))).toBe(false);
  });
});
