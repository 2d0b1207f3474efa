// lrkit as a user gets it: every package packed (`pnpm pack`), the tarballs installed with npm 10 into a
// fresh project outside the repository, then the installed CLI and library used the way the READMEs say.
// Needs the npm registry (or npm's cache, once filled) and nothing else: no environment variable, no
// download outside the registry.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NPM, ok, sh, userEnv } from './installed/shell';
import { ReadmeRunner, shippedBlocks, shippedMarkdown } from './installed/readmes';
import { relativeLinks } from './links';
import { EXAMPLE_PLUGIN, packAll, publishedPackages, repoRoot, type Packed } from './workspace';

const root = mkdtempSync(join(tmpdir(), 'lrkit-installed-'));
const app = join(root, 'app');
afterAll(() => rmSync(root, { recursive: true, force: true }));

const lrkit = (args: string[], env?: NodeJS.ProcessEnv) => sh([process.execPath, join(app, 'node_modules', '.bin', 'lrkit'), ...args], app, env);

function kib(path: string): number {
  return Number(execFileSync('du', ['-sk', path], { encoding: 'utf8' }).split('\t')[0]);
}

let packed: Packed[] = [];
let tarballs: string[] = [];
// The example plugin's packaging (its build, manifest and README) belongs to the plugin's own pack test in
// examples/scheduler-plugin; here it is installed and loaded by name like any third-party plugin.
const ours = () => packed.filter((p) => p.name !== EXAMPLE_PLUGIN);

beforeAll(async () => {
  packed = await packAll(join(root, 'tarballs'));
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), `${JSON.stringify({ name: 'lrkit-user', private: true, type: 'module' }, null, 2)}\n`);
  // Everything but lrkit-bench (its optional onnxruntime-node alone is ~290 MB from the registry).
  tarballs = packed.filter((p) => p.name !== 'lrkit-bench').map((p) => p.tarball);
  // LRKIT_CUDA_SKIP_BUILD keeps the CUDA compile (tens of seconds where nvcc is) out of this test; a
  // user's install needs no variable. --prefer-offline: the npm cache answers once it holds the packages.
  const r = sh([...NPM, 'install', '--no-audit', '--no-fund', '--prefer-offline', ...tarballs], app, userEnv({ LRKIT_CUDA_SKIP_BUILD: '1' }));
  ok(r);
  const version = ok(sh([...NPM, '--version'], app)).trim();
  console.log(`installed ${tarballs.length} tarballs with npm ${version} into ${app}`);
}, 600_000);

describe('the tarballs', () => {
  it('ship LICENSE and README.md, and no source map or prebuilt native addon', () => {
    expect(packed.map((p) => p.name)).toEqual(
      expect.arrayContaining(['@lrkit/schedulers', '@lrkit/train', 'lrkit', '@lrkit/backend-addon', '@lrkit/backend-cuda', '@lrkit/backend-native']),
    );
    for (const p of ours()) {
      expect(p.files, p.name).toEqual(expect.arrayContaining(['LICENSE', 'README.md', 'package.json']));
      expect(p.files.filter((f) => f.endsWith('.map') || f.endsWith('.node')), p.name).toEqual([]);
      expect(readFileSync(join(p.dir, 'LICENSE'), 'utf8'), p.name).toMatch(/Apache License\s+Version 2\.0/);
    }
  });

  it('state engines, repository, homepage and keywords', () => {
    for (const p of ours()) {
      expect(p.manifest, p.name).toMatchObject({ license: 'Apache-2.0', engines: { node: expect.any(String) }, homepage: expect.any(String) });
      expect((p.manifest.repository as { directory?: string }).directory, p.name).toBeTruthy();
      expect((p.manifest.keywords as string[]).length, p.name).toBeGreaterThan(0);
    }
  });

  it('every relative link in a shipped markdown file resolves inside its tarball', () => {
    const broken: string[] = [];
    for (const p of ours()) {
      const files = new Set(p.files);
      const dirs = new Set(p.files.flatMap((f) => f.split('/').slice(0, -1).map((_, i, parts) => parts.slice(0, i + 1).join('/'))));
      for (const doc of p.files.filter((f) => f.endsWith('.md'))) {
        for (const { target, line } of relativeLinks(readFileSync(join(p.dir, doc), 'utf8'))) {
          const path = posix.normalize(posix.join(posix.dirname(doc), decodeURIComponent(target.split('#')[0]!))).replace(/\/$/, '');
          if (path === '.' || files.has(path) || dirs.has(path)) continue;
          broken.push(`${p.name}: ${doc}:${line}: ${target}`);
        }
      }
    }
    expect(broken).toEqual([]);
  });
});

describe('installed with npm 10', () => {
  const compiler = spawnSync('g++', ['--version']).status === 0;
  it('the CLI trains and exports', () => {
    const out = ok(lrkit(['train', '--epochs', '3', '--export', 'model.onnx', '--json']));
    const summary = JSON.parse(out.trim().split('\n').at(-1)!);
    // The default backend: native where its addon was compiled at install (a C++ compiler is here), else wasm.
    expect(summary).toMatchObject({ backend: compiler ? 'native' : 'wasm', epochs: 3 });
    expect(summary.accuracy).toBeGreaterThan(0.8);
    expect(existsSync(join(app, 'model.onnx'))).toBe(true);
  });

  it('predicts with onnxruntime-web, onnxruntime-node not installed', () => {
    expect(existsSync(join(app, 'node_modules', 'onnxruntime-node'))).toBe(false);
    const data = join(app, 'node_modules', '@lrkit', 'data', 'data', 'breast-cancer-wisconsin.csv');
    const out = JSON.parse(ok(lrkit(['predict', '--model', 'model.onnx', '--data', data, '--json'])));
    expect(out.runtime).toBe('onnxruntime-web');
    expect(out.probabilities).toHaveLength(569);
    expect(out.accuracy).toBeGreaterThan(0.8);
    // Asking for the runtime that is not installed is a usage error naming it.
    const r = lrkit(['predict', '--model', 'model.onnx', '--data', data, '--runtime', 'onnxruntime-node']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/onnxruntime-node is not installed/);
  });

  // A dual-format package (ESM + CJS, a default export), as a third party publishes one.
  it('loads the example scheduler plugin by package name', () => {
    const spec = JSON.stringify({ type: 'rex', totalSteps: 10, minLr: 0.001 });
    const out = JSON.parse(ok(lrkit(['schedule', '--plugin', '@lrkit/example-scheduler-plugin', '--spec', spec, '--steps', '10'])));
    // REX from the default lr 0.1 down to minLr at totalSteps.
    expect(out.lrs).toHaveLength(11);
    expect(out.lrs[0]).toEqual([0.1]);
    expect(out.lrs[10][0]).toBeCloseTo(0.001, 12);
    // The plugin README's own command, as written there.
    const readme = readFileSync(join(app, 'node_modules', '@lrkit', 'example-scheduler-plugin', 'README.md'), 'utf8');
    const command = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!).find((b) => b.includes('lrkit schedule'))!;
    const run = sh(['sh', '-c', command.trim()], app);
    const rows = ok(run).trim().split('\n');
    expect(rows).toHaveLength(102);
    expect(rows[1]).toBe('0,0.1');
    expect(rows[101]).toBe('100,0.001');
  });

  it('lrkit playground serves the page it ships', async () => {
    const child = spawn(process.execPath, [join(app, 'node_modules', '.bin', 'lrkit'), 'playground', '--port', '0'], { cwd: app, env: userEnv() });
    try {
      let out = '';
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (d: Buffer) => {
          out += String(d);
          const m = /open (http:\/\/\S+) in a browser/.exec(out);
          if (m) resolve(m[1]!);
        });
        child.on('exit', (code) => reject(new Error(`lrkit playground exited ${code}: ${out}`)));
      });
      const page = await fetch(url);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('lrkit schedule playground');
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('lrkit backends: cuda says why it is unavailable, native was built at install, and native stays without @lrkit/backend-cuda', () => {
    const rows = JSON.parse(ok(lrkit(['backends', '--json'])));
    expect(rows.find((r: { name: string }) => r.name === 'cuda')).toMatchObject({ available: false, reason: expect.stringContaining('LRKIT_CUDA_SKIP_BUILD') });
    // The native addon is compiled by the package's install script where a C++ compiler is.
    const native = rows.find((r: { name: string }) => r.name === 'native');
    if (compiler) expect(native).toMatchObject({ available: true });
    else expect(native).toMatchObject({ available: false, reason: expect.stringMatching(/compiler/) });
    expect(rows.find((r: { name: string }) => r.name === 'wasm')).toMatchObject({ available: true, default: !compiler });
    if (compiler) expect(native).toMatchObject({ default: true });
    // An install that left the optional package out (npm --omit=optional, or a failed optional install).
    const cuda = join(app, 'node_modules', '@lrkit', 'backend-cuda');
    const moved = join(root, 'backend-cuda-aside');
    execFileSync('mv', [cuda, moved]);
    try {
      const without = JSON.parse(ok(lrkit(['backends', '--json'])));
      expect(without.find((r: { name: string }) => r.name === 'cuda')).toMatchObject({ available: false, reason: expect.stringMatching(/^not installed/) });
      // The native backend stands beside cuda on @lrkit/backend-addon, not on it: it is listed as before.
      expect(without.find((r: { name: string }) => r.name === 'native')).toEqual(native);
      expect(JSON.parse(ok(lrkit(['train', '--epochs', '1', '--json'])).trim().split('\n').at(-1)!)).toMatchObject({ backend: compiler ? 'native' : 'wasm' });
    } finally {
      execFileSync('mv', [moved, cuda]);
    }
  });

  it.each([
    ['@lrkit/backend-native', '@lrkit/backend-cuda'],
    ['@lrkit/backend-cuda', '@lrkit/backend-native'],
  ])("%s installed alone (with what it depends on) brings no %s", (name, other) => {
    const dir = join(root, name.replace('@lrkit/', 'alone-'));
    mkdirSync(dir);
    writeFileSync(join(dir, 'package.json'), '{"private":true}\n');
    const own = ['@lrkit/core', '@lrkit/backend-addon', name].map((n) => packed.find((p) => p.name === n)!);
    expect(Object.keys(own.at(-1)!.manifest.dependencies as Record<string, string>)).not.toContain(other);
    ok(sh([...NPM, 'install', '--no-audit', '--no-fund', '--offline', ...own.map((p) => p.tarball)], dir, userEnv({ LRKIT_CUDA_SKIP_BUILD: '1', LRKIT_NATIVE_SKIP_BUILD: '1' })));
    const lock = JSON.parse(readFileSync(join(dir, 'package-lock.json'), 'utf8')) as { packages: Record<string, unknown> };
    expect(Object.keys(lock.packages)).toContain(`node_modules/${name}`);
    expect(Object.keys(lock.packages).filter((p) => p.endsWith(`node_modules/${other}`))).toEqual([]);
  });

  // The host process keeps Node's own way of dying: the wasm runtimes must not turn a user's uncaught error
  // into exit 7 with their own stack.
  it.each([
    ['user.mjs', `import { train, exportOnnx, loadOnnxModel } from '@lrkit/train';`],
    ['user.cjs', `const { train, exportOnnx, loadOnnxModel } = require('@lrkit/train');`],
  ])('a user program (%s) that trains, serves, then throws exits 1 with its own error', (file, load) => {
    const body = `${load}
(async () => {
  const result = await train({ epochs: 2, backend: 'wasm' }); // tfjs's wasm runtime: its handlers are the point
  await exportOnnx(result.model, result.preprocessing, { path: '${file}.onnx' });
  const model = await loadOnnxModel('${file}.onnx');
  console.log(model.runtime);
  await model.close();
  setTimeout(() => { throw new Error('the user program failed'); }, 0);
})();
`;
    writeFileSync(join(app, file), body);
    const r = sh([process.execPath, file], app);
    expect(r.stdout.trim()).toBe('onnxruntime-web');
    expect(r.status, r.stderr).toBe(1);
    expect(r.stderr).toContain('Error: the user program failed');
    expect(r.stderr).not.toMatch(/tf-backend-wasm|ort-wasm|throw ex;/);
  });

  it("installs again from npm's cache alone (--offline): nothing beyond the registry was fetched", () => {
    const again = join(root, 'offline');
    mkdirSync(again);
    writeFileSync(join(again, 'package.json'), `${JSON.stringify({ name: 'lrkit-offline', private: true }, null, 2)}\n`);
    ok(sh([...NPM, 'install', '--no-audit', '--no-fund', '--offline', ...tarballs], again, userEnv({ LRKIT_CUDA_SKIP_BUILD: '1', LRKIT_NATIVE_SKIP_BUILD: '1' })));
    const rows = JSON.parse(ok(sh([process.execPath, join(again, 'node_modules', '.bin', 'lrkit'), 'backends', '--json'], again)));
    expect(rows.map((r: { name: string }) => r.name)).toEqual(['cuda', 'native', 'wasm', 'cpu']);
  });

  it('install sizes (printed for the README)', () => {
    const nm = join(app, 'node_modules');
    const cli = kib(nm) - kib(join(nm, '@lrkit', 'example-scheduler-plugin'));
    const addons = ['backend-addon', 'backend-cuda', 'backend-native'].reduce((sum, p) => sum + kib(join(nm, '@lrkit', p)), kib(join(nm, 'node-addon-api')));
    // @lrkit/schedulers alone: its tarball into an empty project (it has no dependencies).
    const alone = join(root, 'schedulers-only');
    mkdirSync(alone);
    writeFileSync(join(alone, 'package.json'), '{"private":true}\n');
    const schedulers = packed.find((p) => p.name === '@lrkit/schedulers')!;
    ok(sh([...NPM, 'install', '--no-audit', '--no-fund', '--offline', schedulers.tarball], alone));
    const alonekib = kib(join(alone, 'node_modules'));
    console.log(
      `install sizes (du -sk node_modules): lrkit CLI with its dependencies ${(cli / 1024).toFixed(0)} MiB ` +
        `(of which the addon backends, @lrkit/backend-addon, -cuda and -native, with node-addon-api ${addons} KiB); ` +
        `@lrkit/schedulers alone ${alonekib} KiB`,
    );
    expect(cli).toBeGreaterThan(alonekib);
    expect(alonekib).toBeLessThan(2048);
  });
});

// Every code example of every markdown file a tarball ships, run as its reader would: in this project, with
// the installed `lrkit` on PATH, TypeScript checked against the installed declarations. Blocks of one file
// run in order (an export block writes the model the next block serves).
describe("the shipped READMEs' code, run in the installed project", () => {
  const blocks = shippedBlocks(publishedPackages()).filter((b) => b.kind === 'shell' || b.kind === 'typescript');
  const runner = new ReadmeRunner(app, userEnv({ PATH: `${join(app, 'node_modules', '.bin')}:${process.env.PATH ?? ''}` }), [join(repoRoot, 'node_modules', '@types')]);
  let prepared = false;

  it('runs the markdown files the tarballs hold, every one of them', () => {
    for (const p of ours()) expect(p.files.filter((f) => f.endsWith('.md')).sort(), p.name).toEqual(shippedMarkdown(p).sort());
    expect(new Set(blocks.map((b) => b.doc))).toEqual(new Set([...blocks.map((b) => b.doc), 'lrkit/README.md', '@lrkit/train/ONNX.md', '@lrkit/data/README.md']));
    expect(blocks.filter((b) => !b.skip && !b.checkout).length).toBeGreaterThan(20);
  });

  for (const b of blocks) {
    const name = `${b.doc}:${b.line} (${b.lang})`;
    if (b.skip ?? b.checkout) {
      it.skip(`${name}: skipped: ${b.skip ?? `from a checkout only: ${b.checkout}`}`, () => {});
      continue;
    }
    it(name, () => {
      if (!prepared) {
        runner.prepare(blocks);
        prepared = true;
      }
      if (b.kind === 'typescript') expect(runner.typeErrors(b)).toEqual([]);
      const r = runner.run(b);
      expect(r.status, `${name} exited ${r.status} in ${app}:\n${r.out}`).toBe(0);
    });
  }
});

// lrkit-bench from npm: its own project (its optional onnxruntime-node, ~290 MB, left out with the other
// optional dependencies), the seed suite's tabular jobs measured on the data that ships in @lrkit/data.
it('lrkit-bench installed from its tarball runs the tabular jobs (no "not available" row for want of data)', () => {
  const dir = join(root, 'bench');
  mkdirSync(dir);
  writeFileSync(join(dir, 'package.json'), '{"private":true}\n');
  const all = ours().map((p) => p.tarball);
  ok(sh([...NPM, 'install', '--no-audit', '--no-fund', '--prefer-offline', '--omit=optional', ...all], dir, userEnv({ LRKIT_CUDA_SKIP_BUILD: '1', LRKIT_NATIVE_SKIP_BUILD: '1' })));
  const bench = join(dir, 'node_modules', '.bin', 'lrkit-bench');
  ok(sh([process.execPath, bench, '--suite', 'seed', '--backends', 'wasm', '--repeats', '1', '--warmup', '0', '--json', 'bench.json'], dir));
  const doc = JSON.parse(readFileSync(join(dir, 'bench.json'), 'utf8')) as { results: { impl: string; metric: string; status: string; reason?: string; note?: string }[] };
  const tabular = doc.results.filter((r) => /^(wine|friedman1) /.test(r.metric));
  const lrkitRows = tabular.filter((r) => r.impl === 'lrkit/wasm');
  expect(lrkitRows.map((r) => [r.metric, r.status])).toEqual([
    ['wine (3 classes): training loop (50 epochs)', 'ok'],
    ['friedman1 (regression): training loop (50 epochs)', 'ok'],
  ]);
  expect(lrkitRows[0]!.note).toMatch(/^test accuracy 0\.\d{3}/);
  // Any row not measured says why, and never for want of the data (PyTorch may be absent here).
  for (const r of tabular.filter((x) => x.status !== 'ok')) expect(r.reason, r.impl).not.toMatch(/fixtures|checkout|data/);
});
