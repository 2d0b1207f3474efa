// What `lrkit train` loads, read from the process itself (no timing): the seed job's path loads neither the
// ONNX code's dependencies (protobufjs, onnxruntime) nor what other commands use (sweeps, charts), nor
// cli-progress without a terminal, nor csv-parse (its embedded data comes parsed), nor zod (a checkpoint's
// schema: only a resume reads one); and Node's ESM loader is
// never asked for tfjs (@lrkit/core requires it: see packages/core/tsup.config.ts), so exactly one
// tfjs-core file is loaded.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { fixtureDir, lrkit } from './test-support';

const fx = fixtureDir('lrkit-cli-startup-');
afterAll(() => fx.remove());

// A CommonJS preload records require.cache at exit; an ESM loader hook records every specifier the ESM
// loader resolves. Both write where the environment says. The command runs in lrkit's work thread (the
// main thread keeps the signals): the preload runs in each thread, and the work thread's cache is the one.
const preload = fx.file(
  'preload.cjs',
  `if (!require('node:worker_threads').isMainThread) process.on('exit', () => require('node:fs').writeFileSync(process.env.STARTUP_TEST_CJS, JSON.stringify(Object.keys(require.cache))));\n`,
);
const hooks = fx.file(
  'hooks.mjs',
  `import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  appendFileSync(process.env.STARTUP_TEST_ESM, specifier + '\\n');
  return next(specifier, context);
}\n`,
);
const register = fx.file('register.mjs', `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`);

interface Loaded {
  status: number | null;
  stderr: string;
  /** Specifiers the ESM loader resolved. */
  esm: string[];
  /** Files in require.cache at exit. */
  cjs: string[];
}

let runs = 0;
function loadedBy(args: string[]): Loaded {
  const cjsOut = join(fx.dir, `cjs-${++runs}.json`);
  const esmOut = join(fx.dir, `esm-${runs}.txt`);
  fx.file(`esm-${runs}.txt`, '');
  const r = lrkit(args, { nodeArgs: ['--require', preload, '--import', pathToFileURL(register).href], env: { STARTUP_TEST_CJS: cjsOut, STARTUP_TEST_ESM: esmOut } });
  return {
    status: r.status,
    stderr: r.stderr,
    esm: readFileSync(esmOut, 'utf8').split('\n').filter(Boolean),
    cjs: JSON.parse(readFileSync(cjsOut, 'utf8')) as string[],
  };
}

const NOT_ON_THE_TRAIN_PATH = /protobufjs|onnxruntime|cli-progress|csv-parse|zod|@lrkit\/sweep|@lrkit\/charts|d3-|asciichart|log-update|bullmq/;
const iris = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'packages', 'train', 'fixtures', 'iris.csv');
const packageOf = (file: string) => /node_modules[\\/](?:\.pnpm[\\/][^\\/]+[\\/]node_modules[\\/])?((?:@[^\\/]+[\\/])?[^\\/]+)/.exec(file)?.[1];

/** Runs the seed job and checks what it loaded; returns the packages in require.cache. */
function seedJobLoads(args: string[]): string[] {
  const run = loadedBy(['train', '--epochs', '2', ...args]);
  expect(run.status, run.stderr).toBe(0);
  // The hook saw the run (so an empty match below means something).
  expect(run.esm).toContain('@lrkit/train');
  expect(run.esm.filter((s) => s.startsWith('@tensorflow/') || NOT_ON_THE_TRAIN_PATH.test(s))).toEqual([]);
  const packages = [...new Set(run.cjs.map(packageOf).filter((p) => p !== undefined))];
  expect(packages.filter((p) => NOT_ON_THE_TRAIN_PATH.test(p))).toEqual([]);
  expect(run.cjs.filter((f) => /[\\/]tfjs-core[\\/]dist[\\/]/.test(f))).toHaveLength(1);
  return packages;
}

describe('lrkit train: what the seed job loads', () => {
  it('on wasm, without a terminal: no ONNX dependencies, no other command\'s modules, tfjs only through require', () => {
    expect(seedJobLoads(['--backend', 'wasm'])).toContain('@tensorflow/tfjs-backend-wasm');
  });

  it('on the default backend (native where built), likewise: the optional backends load tfjs through require too', () => {
    seedJobLoads([]);
  });

  it('a CSV with quoted fields and --export load csv-parse and protobufjs (the check above would see them)', () => {
    // The table reader splits unquoted records itself and hands quoted ones to csv-parse.
    const [header, ...rows] = readFileSync(iris, 'utf8').split('\n');
    const quoted = fx.file('quoted.csv', [header!.trim().split(',').map((h) => `"${h}"`).join(','), ...rows].join('\n'));
    const run = loadedBy(['train', '--epochs', '1', '--backend', 'wasm', '--data', quoted, '--target', 'species', '--export', join(fx.dir, 'm.onnx')]);
    expect(run.status, run.stderr).toBe(0);
    const packages = new Set(run.cjs.map(packageOf));
    expect(['csv-parse', 'protobufjs'].filter((p) => packages.has(p))).toEqual(['csv-parse', 'protobufjs']);
  });

  it('a run with --checkpoint-dir loads no zod; its --resume does (the check above would see it)', () => {
    const dir = join(fx.dir, 'ck');
    const run = ['train', '--epochs', '1', '--backend', 'wasm', '--checkpoint-dir', dir];
    const first = loadedBy(run);
    expect(first.status, first.stderr).toBe(0);
    expect(first.cjs.map(packageOf).filter((p) => p === 'zod')).toEqual([]);
    const resumed = loadedBy([...run, '--resume']);
    expect(resumed.status, resumed.stderr).toBe(0);
    expect(new Set(resumed.cjs.map(packageOf)).has('zod')).toBe(true);
  });
});

describe('lrkit lr-find --format svg', () => {
  it('draws with @lrkit/charts and loads no sweep code (no @lrkit/sweep, no BullMQ)', () => {
    const run = loadedBy(['lr-find', '--iterations', '20', '--backend', 'wasm', '--format', 'svg', '--out', join(fx.dir, 'curve.svg')]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.esm).toContain('@lrkit/charts');
    expect(run.esm.filter((s) => /^(@lrkit\/sweep|bullmq|ioredis|pg)(\/|$)/.test(s))).toEqual([]);
  });
});
