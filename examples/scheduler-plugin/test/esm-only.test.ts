// A plugin published as ES modules only (esm-only-template/), installed from its tarball beside a packed
// @lrkit/schedulers: a CommonJS and an ESM TypeScript project each compile against its ScheduleSpec
// augmentation (a misspelt option is a compile error in both) and run. The same package without its
// CommonJS declarations (index.d.cts) is the control: the CommonJS project then misses the augmentation.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const template = join(here, '..', 'esm-only-template');
const repo = join(here, '..', '..', '..');
const tsc = join(repo, 'node_modules', 'typescript', 'bin', 'tsc');
const types = join(repo, 'node_modules', '@types');

let tmp: string;
let project: string;

function run(cmd: string, args: string[], cwd: string) {
  return spawnSync(cmd, args, { cwd, encoding: 'utf8', timeout: 240_000 });
}

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'lrkit-esm-plugin-'));
  const packs = join(tmp, 'packs');
  mkdirSync(packs);
  execFileSync('npx', ['-y', 'pnpm@10.34.9', 'pack', '--pack-destination', packs], { cwd: join(repo, 'packages', 'schedulers'), stdio: 'pipe' });
  execFileSync('npm', ['pack', '--pack-destination', packs], { cwd: template, stdio: 'pipe' });
  // The control: the template as an ESM-only package is often first published, with one declaration file.
  const naive = join(tmp, 'naive');
  cpSync(template, naive, { recursive: true });
  unlinkSync(join(naive, 'index.d.cts'));
  const manifest = JSON.parse(readFileSync(join(naive, 'package.json'), 'utf8'));
  manifest.name = 'lrkit-plugin-naive';
  manifest.exports = { '.': { types: './index.d.ts', default: './index.js' } };
  manifest.files = ['index.js', 'index.d.ts'];
  writeFileSync(join(naive, 'package.json'), JSON.stringify(manifest));
  execFileSync('npm', ['pack', '--pack-destination', packs], { cwd: naive, stdio: 'pipe' });
  project = join(tmp, 'project');
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), '{"name":"app","private":true}');
  const tarballs = readdirSync(packs).map((f) => join(packs, f));
  const install = run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', ...tarballs], project);
  expect(install.status, install.stderr).toBe(0);
}, 300_000);

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

/** A TypeScript project of one file in `project/<kind>`, compiled with tsc and run with Node. */
function compile(kind: 'commonjs' | 'module', plugin: string): { tsc: string; status: number | null; out?: string } {
  const dir = join(project, `${kind}-${plugin}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: kind }));
  writeFileSync(
    join(dir, 'check.ts'),
    `import { createRegistry, createScheduler, type ScheduleSpec } from '@lrkit/schedulers';
import plugins from '${plugin}';

const registry = createRegistry();
for (const p of plugins) registry.register(p);
const spec: ScheduleSpec = { type: 'cos-pow', totalSteps: 4, power: 2 };
// @ts-expect-error powr is misspelt: the augmentation checks the plugin's options as a built-in's
const typo: ScheduleSpec = { type: 'cos-pow', totalSteps: 4, powr: 2 };
const scheduler = createScheduler(spec, { paramGroups: [{ lr: 0.1 }] }, registry);
const rates: number[] = [scheduler.getLastLr()[0]!];
for (let i = 0; i < 4; i++) {
  scheduler.step();
  rates.push(scheduler.getLastLr()[0]!);
}
console.log(JSON.stringify({ rates, typo: typo.type }));
`,
  );
  const options = { strict: true, module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', outDir: 'out', types: ['node'], typeRoots: [types], esModuleInterop: true };
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: options, files: ['check.ts'] }));
  const built = run(process.execPath, [tsc, '-p', 'tsconfig.json'], dir);
  if (built.status !== 0) return { tsc: built.stdout + built.stderr, status: built.status };
  const ran = run(process.execPath, [join('out', 'check.js')], dir);
  expect(ran.status, ran.stderr).toBe(0);
  return { tsc: '', status: 0, out: ran.stdout.trim() };
}

describe('an ESM-only plugin with declarations for both formats (esm-only-template)', () => {
  it('ships one declaration text twice: index.d.ts and index.d.cts agree', () => {
    expect(readFileSync(join(template, 'index.d.cts'), 'utf8')).toBe(readFileSync(join(template, 'index.d.ts'), 'utf8'));
  });

  it.each(['commonjs', 'module'] as const)('a %s TypeScript project compiles against its augmentation and runs it', (kind) => {
    const r = compile(kind, 'lrkit-plugin-cos-pow');
    expect(r.status, r.tsc).toBe(0);
    const { rates } = JSON.parse(r.out!) as { rates: number[] };
    // 0.1 * ((1 + cos(pi k / 4)) / 2) ** 2 for k = 0..4.
    const expected = [0, 1, 2, 3, 4].map((k) => 0.1 * ((1 + Math.cos((Math.PI * k) / 4)) / 2) ** 2);
    rates.forEach((lr, k) => expect(lr).toBeCloseTo(expected[k]!, 12));
  }, 300_000);

  it('without index.d.cts (the control) the CommonJS project misses the augmentation; the ESM one still has it', () => {
    const cjs = compile('commonjs', 'lrkit-plugin-naive');
    expect(cjs.status).not.toBe(0);
    expect(cjs.tsc).toMatch(/error TS2322: .*'"cos-pow"'/);
    expect(compile('module', 'lrkit-plugin-naive').status).toBe(0);
  }, 600_000);
});
