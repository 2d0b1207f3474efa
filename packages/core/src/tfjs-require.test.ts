// The ESM build reaches tfjs through require() (tsup.config.ts says why: start-up time), and every package
// must still share one tfjs-core and so one engine: core's `tf`, the wasm and cpu backends' own
// require('@tensorflow/tfjs-core'), the CJS build's, and a user's `import`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const dist = join(__dirname, '..', 'dist');
const esm = join(dist, 'index.js');
const built = existsSync(esm);
if (!built) console.log(`skipped: tfjs through require() (no ${esm}: run pnpm build first)`);

const dir = mkdtempSync(join(tmpdir(), 'lrkit-core-tfjs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs an ES module in a child process, optionally with a loader hook that refuses ESM imports of tfjs. */
function runModule(body: string, refuseEsmTfjs: boolean) {
  const main = join(dir, `main-${Math.random().toString(36).slice(2)}.mjs`);
  writeFileSync(main, body);
  const args = [];
  if (refuseEsmTfjs) {
    const hooks = join(dir, 'hooks.mjs');
    writeFileSync(
      hooks,
      `export async function resolve(specifier, context, next) {
  if (specifier.startsWith('@tensorflow/')) throw new Error('ESM import of ' + specifier + ' from ' + context.parentURL);
  return next(specifier, context);
}\n`,
    );
    const register = join(dir, 'register.mjs');
    writeFileSync(register, `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`);
    args.push('--import', pathToFileURL(register).href);
  }
  return spawnSync(process.execPath, [...args, main], { encoding: 'utf8', timeout: 60_000, cwd: join(__dirname, '..') });
}

const coreUrl = JSON.stringify(pathToFileURL(esm).href);
const cjsPath = JSON.stringify(join(dist, 'index.cjs'));
// The children live in a temporary folder: they resolve packages as @lrkit/core itself does.
const corePackage = JSON.stringify(join(__dirname, '..', 'package.json'));

describe.skipIf(!built)('tfjs through require() in the ESM build', () => {
  it('the built ESM file imports no @tensorflow package', () => {
    const text = readFileSync(esm, 'utf8');
    expect(text).not.toMatch(/from\s*["']@tensorflow\//);
    expect(text).not.toMatch(/import\(\s*["']@tensorflow\//);
  });

  it('loads and sets up wasm and cpu without the ESM loader ever resolving tfjs, on one tfjs-core', () => {
    const r = runModule(
      `import { createRequire } from 'node:module';
import { tf, useBackend } from ${coreUrl};
const require = createRequire(${corePackage});
await useBackend('cpu');
await useBackend('wasm');
const y = tf.add(tf.tensor1d([1, 2]), 1).dataSync();
const coreFiles = Object.keys(require.cache).filter((f) => /[\\\\/]tfjs-core[\\\\/]/.test(f));
// Each backend package's own require('@tensorflow/tfjs-core'), resolved from where that package lives.
const fromPackage = (pkg) => createRequire(require.resolve(pkg))('@tensorflow/tfjs-core');
const wasmTf = fromPackage('@tensorflow/tfjs-backend-wasm');
const cpuTf = fromPackage('@tensorflow/tfjs-backend-cpu');
const cjsTf = require(${cjsPath}).tf;
console.log(JSON.stringify({
  y: Array.from(y),
  backend: tf.getBackend(),
  coreFiles: coreFiles.length,
  sameExports: [wasmTf, cpuTf, cjsTf.default].every((t) => t === tf.default),
  sameEngine: [wasmTf, cpuTf, cjsTf].every((t) => t.engine() === tf.engine()),
  registered: ['wasm', 'cpu'].every((b) => tf.findBackend(b) !== null),
}));`,
      true,
    );
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ y: [2, 3], backend: 'wasm', coreFiles: 1, sameExports: true, sameEngine: true, registered: true });
  });

  it("a user's own `import '@tensorflow/tfjs-core'` gets the same instance and engine", () => {
    const r = runModule(
      `import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { tf, useBackend } from ${coreUrl};
// What \`import '@tensorflow/tfjs-core'\` resolves to beside @lrkit/core (package.json "main").
const userTf = await import(pathToFileURL(createRequire(${corePackage}).resolve('@tensorflow/tfjs-core')).href);
await useBackend('wasm');
console.log(JSON.stringify({ same: userTf.default === tf.default, engine: userTf.engine() === tf.engine(), backend: userTf.getBackend() }));`,
      false,
    );
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ same: true, engine: true, backend: 'wasm' });
  });
});
