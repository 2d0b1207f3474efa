// Builds the CUDA addon where the tools for it are here; otherwise says in one line why not and succeeds, so
// that an install or `pnpm build` never breaks on a machine without nvcc. Nothing is downloaded: node-gyp is
// pointed at this machine's Node headers, and without them the build is skipped.
//
// Two callers: `pnpm build` in the workspace (after tsup; a failed build with nvcc present exits 1), and the
// published package's `install` script (`--install`), which builds the addon for the user's own machine and
// never fails the install: a failed build is recorded as the reason. In a workspace checkout (src/ is there;
// the tarball has none) `--install` leaves the addon to `pnpm build`.
//
// Writes build/Release/addon-status.json ({ built, reason?, ... }), which isAvailable() reads to say why the
// addon is missing.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, realpathSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const pkgRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const atInstall = process.argv.includes('--install');
if (atInstall && existsSync(join(pkgRoot, 'src'))) {
  console.log('backend-cuda: a workspace checkout: `pnpm build` builds the addon');
  process.exit(0);
}
const releaseDir = join(pkgRoot, 'build', 'Release');
const statusFile = join(releaseDir, 'addon-status.json');

function writeStatus(status) {
  mkdirSync(releaseDir, { recursive: true });
  const tmp = `${statusFile}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify({ ...status, at: new Date().toISOString() }, null, 2)}\n`);
  renameSync(tmp, statusFile);
}

function skip(reason) {
  // An addon left by an earlier build no longer matches these sources: remove it rather than load it later.
  rmSync(join(releaseDir, 'lrkit_cuda.node'), { force: true });
  writeStatus({ built: false, reason });
  console.log(`backend-cuda: addon build skipped: ${reason}`);
  process.exit(0);
}

function findNvcc() {
  const candidates = [];
  for (const v of ['CUDA_HOME', 'CUDA_PATH']) if (process.env[v]) candidates.push(join(process.env[v], 'bin', 'nvcc'));
  for (const dir of (process.env.PATH ?? '').split(':')) if (dir) candidates.push(join(dir, 'nvcc'));
  candidates.push('/usr/local/cuda/bin/nvcc');
  return candidates.find((p) => existsSync(p));
}

function findNodeDir() {
  const candidates = [process.env.npm_config_nodedir, dirname(dirname(process.execPath))].filter(Boolean);
  return candidates.find((d) => existsSync(join(d, 'include', 'node', 'node_api.h')));
}

function findNodeGyp() {
  // npm and pnpm name their own node-gyp to the scripts they run.
  const named = process.env.npm_config_node_gyp;
  if (named && existsSync(named)) return named;
  const require = createRequire(join(pkgRoot, 'package.json'));
  try {
    return require.resolve('node-gyp/bin/node-gyp.js');
  } catch {
    // npm bundles node-gyp: <prefix>/lib/node_modules/npm/node_modules/node-gyp
  }
  const bundled = join(dirname(dirname(process.execPath)), 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
  return existsSync(bundled) ? bundled : undefined;
}

if (process.env.LRKIT_CUDA_SKIP_BUILD) skip('LRKIT_CUDA_SKIP_BUILD is set');
if (process.platform !== 'linux') skip(`only Linux is supported (this is ${process.platform})`);

const nvccPath = findNvcc();
if (!nvccPath) skip('nvcc not found (set CUDA_HOME or put nvcc on PATH)');
// nvcc may be a wrapper script (as /usr/local/bin/nvcc is on the CI image): look for the toolkit beside it and
// in the usual places, and take the first that has both the runtime headers and the static runtime.
const cudaHome = [process.env.CUDA_HOME, process.env.CUDA_PATH, dirname(dirname(realpathSync(nvccPath))), '/usr/local/cuda']
  .filter(Boolean)
  .find((d) => existsSync(join(d, 'include', 'cuda_runtime.h')) && existsSync(join(d, 'lib64', 'libcudart_static.a')));
if (!cudaHome) skip(`nvcc found at ${nvccPath} but no CUDA toolkit with include/cuda_runtime.h and lib64/libcudart_static.a (set CUDA_HOME)`);
const nvcc = existsSync(join(cudaHome, 'bin', 'nvcc')) ? join(cudaHome, 'bin', 'nvcc') : nvccPath;
const nodeDir = findNodeDir();
if (!nodeDir) skip('Node headers not found (include/node/node_api.h; set npm_config_nodedir)');
const nodeGyp = findNodeGyp();
if (!nodeGyp) skip('node-gyp not found (neither installed nor bundled with npm)');

const version = spawnSync(nvcc, ['--version'], { encoding: 'utf8' }).stdout.match(/release ([\d.]+)/)?.[1] ?? 'unknown';
const started = Date.now();
// node-gyp builds in native/build; the addon is then moved to build/Release, where turbo caches it.
const nativeDir = join(pkgRoot, 'native');
const result = spawnSync(
  process.execPath,
  [nodeGyp, 'rebuild', `--nodedir=${nodeDir}`, '--jobs=2', '--', `-Dcuda_home=${cudaHome}`, `-Dnvcc=${nvcc}`],
  { cwd: nativeDir, encoding: 'utf8', env: { ...process.env, npm_config_nodedir: nodeDir } },
);
if (result.status !== 0) {
  // nvcc is here, so a failed build is a real error, not a reason to skip.
  process.stdout.write(result.stdout ?? '');
  process.stderr.write(result.stderr ?? '');
  rmSync(join(releaseDir, 'lrkit_cuda.node'), { force: true });
  const rerun = atInstall ? `node ${join(pkgRoot, 'scripts', 'build-addon.mjs')}` : 'pnpm --filter @lrkit/backend-cuda build';
  writeStatus({ built: false, reason: `the addon build failed (node-gyp exit ${result.status}); run \`${rerun}\` to see why` });
  console.error('backend-cuda: addon build FAILED (output above)');
  // An install goes on without the addon (the cuda backend then says why it is unavailable).
  process.exit(atInstall ? 0 : 1);
}
const built = join(nativeDir, 'build', 'Release', 'lrkit_cuda.node');
if (!existsSync(built)) {
  writeStatus({ built: false, reason: 'node-gyp succeeded but produced no lrkit_cuda.node' });
  console.error(`backend-cuda: node-gyp succeeded but ${built} is missing`);
  process.exit(atInstall ? 0 : 1);
}
mkdirSync(releaseDir, { recursive: true });
const addon = join(releaseDir, 'lrkit_cuda.node');
const tmp = `${addon}.${process.pid}.tmp`;
copyFileSync(built, tmp);
renameSync(tmp, addon);
writeStatus({ built: true, cuda: version, nvcc, targets: ['sm_90', 'compute_90 (PTX)'] });
console.log(`backend-cuda: addon built with CUDA ${version} for sm_90 + PTX in ${((Date.now() - started) / 1000).toFixed(0)} s: build/Release/lrkit_cuda.node`);
