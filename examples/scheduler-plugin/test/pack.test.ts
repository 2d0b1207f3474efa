// The plugin as its users get it: this package and @lrkit/schedulers packed (pnpm pack, as they would be
// published), installed with plain npm, offline, into a temporary project outside the repo; then the
// README's code is run there, the plugin loaded by name through the library (ESM and CommonJS), and its
// types checked by tsc. The README's `lrkit schedule --plugin` command runs where lrkit is installed from its
// tarball too (tooling/release-tests' installed test): lrkit ships the playground, which bundles this plugin,
// so a dependency from here on lrkit would close a cycle.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const pluginDir = join(here, '..');
const repo = join(pluginDir, '..', '..');
const schedulersDir = join(repo, 'packages', 'schedulers');
const tsc = join(repo, 'node_modules', 'typescript', 'bin', 'tsc');

/** pnpm as this test was started by (turbo runs `pnpm run test`), else the pinned one through npx. */
function pnpm(args: string[], cwd: string): void {
  const execPath = process.env.npm_execpath;
  if (execPath && /pnpm/.test(execPath)) execFileSync(process.execPath, [execPath, ...args], { cwd, stdio: 'pipe' });
  else execFileSync('npx', ['-y', 'pnpm@10.34.9', ...args], { cwd, stdio: 'pipe' });
}

let tmp: string;
let project: string;

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'lrkit-plugin-pack-'));
  for (const dir of [schedulersDir, pluginDir]) pnpm(['pack', '--pack-destination', tmp], dir);
  const tarballs = readdirSync(tmp).filter((f) => f.endsWith('.tgz'));
  expect(tarballs).toHaveLength(2);
  project = join(tmp, 'project');
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'app', private: true, version: '1.0.0' }));
  // Offline, from the tarballs only: the plugin's peer dependency is satisfied by the schedulers tarball.
  const install = spawnSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', ...tarballs.map((t) => join(tmp, t))], {
    cwd: project,
    encoding: 'utf8',
  });
  expect(install.status, install.stderr).toBe(0);
}, 180_000);

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

/** The README's fenced code blocks of one language. */
function readmeBlocks(lang: string): string[] {
  const text = readFileSync(join(project, 'node_modules', '@lrkit', 'example-scheduler-plugin', 'README.md'), 'utf8');
  return [...text.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]!);
}

describe('the packed plugin, installed with npm', () => {
  it('ships ESM, CJS, types and the README, and links no monorepo path', () => {
    const root = join(project, 'node_modules', '@lrkit', 'example-scheduler-plugin');
    for (const f of ['dist/index.js', 'dist/index.cjs', 'dist/index.d.ts', 'dist/index.d.cts', 'README.md']) expect(existsSync(join(root, f)), f).toBe(true);
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { peerDependencies: Record<string, string> };
    expect(pkg.peerDependencies['@lrkit/schedulers']).toMatch(/^\^\d/);
    expect(readFileSync(join(root, 'README.md'), 'utf8')).not.toMatch(/\.\.\/|packages\/|examples\//);
  });

  it("runs the README's programs as written (ESM and CommonJS), printing what they say", () => {
    const blocks = readmeBlocks('js');
    expect(blocks.length).toBe(2);
    blocks.forEach((code, i) => {
      const file = join(project, `readme-${i}.${/require\(/.test(code) ? 'cjs' : 'mjs'}`);
      writeFileSync(file, code);
      const run = spawnSync(process.execPath, [file], { cwd: project, encoding: 'utf8' });
      expect(run.status, run.stderr).toBe(0);
      const expected = [...code.matchAll(/console\.log\(.*\); \/\/ (.*)$/gm)].map((m) => m[1]);
      expect(run.stdout.trim().split('\n')).toEqual(expected);
    });
  });

  it('its types make a misspelt rex option a compile error (tsc, nodenext)', () => {
    writeFileSync(
      join(project, 'check.mts'),
      `import { createScheduler, createRegistry } from '@lrkit/schedulers';
import plugins, { type RexOptions } from '@lrkit/example-scheduler-plugin';
const registry = createRegistry();
for (const p of plugins) registry.register(p);
const optimizer = { paramGroups: [{ lr: 0.1 }] };
createScheduler({ type: 'rex', totalSteps: 10, minLr: 0.001 }, optimizer, registry);
// @ts-expect-error totalStep is misspelt
createScheduler({ type: 'rex', totalStep: 10 }, optimizer, registry);
const o: RexOptions = { totalSteps: 1, minLr: 0 };
export { o };
`,
    );
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { strict: true, noEmit: true, module: 'nodenext', moduleResolution: 'nodenext', lib: ['es2022'], types: [] }, files: ['check.mts'] }),
    );
    const run = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.json'], {
      cwd: project,
      encoding: 'utf8',
    });
    expect(run.status, run.stdout + run.stderr).toBe(0);
  });
});
