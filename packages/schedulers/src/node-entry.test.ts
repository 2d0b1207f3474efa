// loadPluginModule loads plugins published every usual way (ESM only, CommonJS only, dual ESM + CJS with a
// default export), by package name (resolved from the working directory) and by path.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRegistry, ScheduleSpecError } from './index.js';
import { loadPluginModule, readSpecArg } from './node-entry.js';

const body = (name: string) =>
  `{ name: '${name}', apiVersion: 1, schema: [{ name: 'every', type: 'integer', required: true, min: 1, description: 'steps per halving' }],
     create: (o, groups) => ({ lr: (k) => groups.map((g) => g.baseLr * 0.5 ** Math.floor(k / o.every)) }) }`;

/** The files a bundler (tsup/esbuild) writes for `export default [plugin]` in each format. */
const packages: Record<string, { pkg: object; files: Record<string, string> }> = {
  'esm-only': {
    pkg: { name: 'esm-only', type: 'module', exports: { '.': { import: './dist/index.js' } } },
    files: { 'dist/index.js': `const p = ${body('esm-only')};\nexport default [p];\n` },
  },
  'cjs-only': {
    pkg: { name: 'cjs-only', main: './index.js' },
    files: { 'index.js': `module.exports = ${body('cjs-only')};\n` },
  },
  '@scope/dual': {
    pkg: {
      name: '@scope/dual',
      type: 'module',
      main: './dist/index.cjs',
      exports: { '.': { import: { types: './dist/index.d.ts', default: './dist/index.js' }, require: { types: './dist/index.d.cts', default: './dist/index.cjs' } } },
    },
    files: {
      'dist/index.js': `const rex = ${body('dual')};\nexport { rex };\nexport default [rex];\n`,
      // What esbuild's CJS output looks like: exports.default beside the named exports, __esModule set.
      'dist/index.cjs': `"use strict";\nObject.defineProperty(exports, "__esModule", { value: true });\nconst rex = ${body('dual')};\nexports.rex = rex;\nexports.default = [rex];\n`,
    },
  },
  'cjs-default': {
    pkg: { name: 'cjs-default', main: './index.cjs' },
    files: { 'index.cjs': `exports.default = [${body('cjs-default')}];\n` },
  },
};

let dir: string;
const cwd = process.cwd();

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'lrkit-plugins-'));
  for (const [name, { pkg, files }] of Object.entries(packages)) {
    const root = join(dir, 'node_modules', name);
    mkdirSync(root, { recursive: true });
    writeFileSync(join(root, 'package.json'), JSON.stringify(pkg));
    for (const [f, text] of Object.entries(files)) {
      mkdirSync(join(root, f, '..'), { recursive: true });
      writeFileSync(join(root, f), text);
    }
  }
  mkdirSync(join(dir, 'project', 'sub'), { recursive: true });
  // Package names resolve from the working directory (and its parents), not from lrkit's own folder.
  process.chdir(join(dir, 'project', 'sub'));
});
afterAll(() => {
  process.chdir(cwd);
  rmSync(dir, { recursive: true, force: true });
});

describe('loadPluginModule', () => {
  it.each([
    ['esm-only', 'esm-only'],
    ['cjs-only', 'cjs-only'],
    ['@scope/dual', 'dual'],
    ['cjs-default', 'cjs-default'],
  ])('loads %s by name', async (specifier, type) => {
    const registry = createRegistry();
    expect(await loadPluginModule(specifier, registry)).toEqual([type]);
    expect(registry.preview({ type, every: 2 }, { steps: 4, lrs: [1] }).lrs).toEqual([[1], [1], [0.5], [0.5], [0.25]]);
  });

  it.each([
    ['node_modules/@scope/dual/dist/index.js', 'dual'],
    ['node_modules/@scope/dual/dist/index.cjs', 'dual'],
    ['node_modules/cjs-only/index.js', 'cjs-only'],
  ])('loads the file %s by path', async (file, type) => {
    const registry = createRegistry();
    expect(await loadPluginModule(join(dir, file), registry)).toEqual([type]);
    expect(await loadPluginModule(`../../${file}`, createRegistry())).toEqual([type]);
  });

  it('says which module and why when it cannot', async () => {
    await expect(loadPluginModule('no-such-plugin', createRegistry())).rejects.toThrow(/^--plugin no-such-plugin: cannot find the package from .*: Cannot find module 'no-such-plugin'/);
    await expect(loadPluginModule('./nope.js', createRegistry())).rejects.toThrow(ScheduleSpecError);
    const registry = createRegistry();
    await loadPluginModule('esm-only', registry);
    await expect(loadPluginModule('esm-only', registry)).rejects.toThrow(/^--plugin esm-only: scheduler plugin 'esm-only': a schedule named 'esm-only' is already registered/);
  });
});

describe('readSpecArg', () => {
  it('reads inline JSON or a file, naming the flag', () => {
    expect(readSpecArg('{"type":"step","stepSize":2}', '--spec')).toEqual({ type: 'step', stepSize: 2 });
    writeFileSync(join(dir, 'spec.json'), '{"$schema":"x","type":"step","stepSize":2}');
    expect(readSpecArg(join(dir, 'spec.json'), '--spec')).toMatchObject({ type: 'step' });
    expect(() => readSpecArg('missing.json', '--spec')).toThrow(/^--spec: no such file 'missing.json'/);
  });
});
