// Builds the native CPU addon with the host C++ compiler, at install and at build, where one is present;
// otherwise says in one line why not and succeeds, so that `pnpm install` / `pnpm build` never fail on a
// machine without a compiler (`lrkit backends` then gives the reason). Nothing is downloaded.
//
// The Node-API glue is backend-cuda's native/addon.cc (LK_NATIVE_CPU) and the per-element math its
// native/ops.cuh: the CPU and CUDA backends share them. loops.cc and gemm.cc are compiled once per
// instruction set (AVX-512, AVX2+FMA, baseline) and the addon picks one at run time, so one build runs on
// any x86-64 CPU. No BLAS is linked: the addon opens one at run time.
//
// Writes build/Release/addon-status.json ({ built, reason?, ... }), which isAvailable() reads. A build whose
// inputs (sources, flags, compiler, Node) are unchanged since the last one is skipped.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const pkgRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const releaseDir = join(pkgRoot, 'build', 'Release');
const objDir = join(pkgRoot, 'build', 'obj');
const statusFile = join(releaseDir, 'addon-status.json');
const addon = join(releaseDir, 'lrkit_native.node');

function writeStatus(status) {
  mkdirSync(releaseDir, { recursive: true });
  const tmp = `${statusFile}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify({ ...status, at: new Date().toISOString() }, null, 2)}\n`);
  renameSync(tmp, statusFile);
}

function skip(reason) {
  // An addon left by an earlier build no longer matches these sources: remove it rather than load it later.
  rmSync(addon, { force: true });
  writeStatus({ built: false, reason });
  console.log(`backend-native: addon build skipped: ${reason}`);
  process.exit(0);
}

function findNodeHeaders() {
  const dirs = [process.env.npm_config_nodedir, dirname(dirname(process.execPath))].filter(Boolean);
  return dirs.map((d) => join(d, 'include', 'node')).find((d) => existsSync(join(d, 'node_api.h')));
}

if (process.env.LRKIT_NATIVE_SKIP_BUILD) skip('LRKIT_NATIVE_SKIP_BUILD is set');
if (process.platform !== 'linux') skip(`only Linux is supported (this is ${process.platform})`);
const cxx = process.env.CXX || 'g++';
const version = spawnSync(cxx, ['--version'], { encoding: 'utf8' });
if (version.error || version.status !== 0) skip(`no C++ compiler (${cxx} not found; set CXX)`);
const headers = findNodeHeaders();
if (!headers) skip('Node headers not found (include/node/node_api.h; set npm_config_nodedir)');
const require = createRequire(join(pkgRoot, 'package.json'));
let napiDir;
let sharedDir;
try {
  napiDir = dirname(require.resolve('node-addon-api/package.json'));
  sharedDir = join(dirname(require.resolve('@lrkit/backend-cuda/package.json')), 'native');
} catch (err) {
  skip(`a build dependency is missing (${err.message.split('\n')[0]})`);
}

const nativeDir = join(pkgRoot, 'native');
const x86 = process.arch === 'x64';
const common = [
  '-std=c++17', '-O3', '-fPIC', '-pthread', '-fvisibility=hidden', '-fno-math-errno', '-ffp-contract=off',
  `-I${nativeDir}`, `-I${sharedDir}`,
];
const napi = [`-I${napiDir}`, `-I${headers}`, '-DNAPI_VERSION=8', '-DNAPI_CPP_EXCEPTIONS', '-DLK_NATIVE_CPU', '-fexceptions'];
const isas = [
  { ns: 'base', flags: [] },
  ...(x86
    ? [
        { ns: 'avx2', flags: ['-mavx2', '-mfma', '-DLK_ISA_AVX2'] },
        { ns: 'avx512', flags: ['-mavx512f', '-mavx512vl', '-mavx512bw', '-mavx512dq', '-mavx2', '-mfma', '-mprefer-vector-width=512', '-DLK_ISA_AVX512'] },
      ]
    : []),
];
const units = [
  { src: join(sharedDir, 'addon.cc'), obj: 'addon.o', flags: napi },
  { src: join(nativeDir, 'host.cc'), obj: 'host.o', flags: napi },
  { src: join(nativeDir, 'cpu_kernels.cc'), obj: 'cpu_kernels.o', flags: [] },
  { src: join(nativeDir, 'pool.cc'), obj: 'pool.o', flags: [] },
  { src: join(nativeDir, 'blas.cc'), obj: 'blas.o', flags: [] },
  ...isas.flatMap(({ ns, flags }) => [
    { src: join(nativeDir, 'loops.cc'), obj: `loops_${ns}.o`, flags: [`-DLK_ISA_NS=${ns}`, ...flags] },
    // The GEMM kernel wants a * b + c contracted into FMAs; nothing else does.
    { src: join(nativeDir, 'gemm.cc'), obj: `gemm_${ns}.o`, flags: [`-DLK_ISA_NS=${ns}`, ...flags, '-ffp-contract=fast'] },
  ]),
];

const hash = createHash('sha256');
hash.update(JSON.stringify({ common, units: units.map((u) => [u.obj, u.flags]), cxx: version.stdout, node: process.version }));
for (const dir of [nativeDir, sharedDir]) {
  for (const f of ['addon.cc', 'host.cc', 'cpu_kernels.cc', 'pool.cc', 'pool.h', 'blas.cc', 'blas.h', 'loops.cc', 'gemm.cc', 'isa.h', 'kernels.cuh', 'ops.cuh']) {
    if (existsSync(join(dir, f))) hash.update(f).update(readFileSync(join(dir, f)));
  }
}
const inputs = hash.digest('hex');
try {
  const last = JSON.parse(readFileSync(statusFile, 'utf8'));
  if (last.built && last.inputs === inputs && existsSync(addon)) {
    console.log('backend-native: addon up to date');
    process.exit(0);
  }
} catch {
  // no earlier build
}

// While developing, an object newer than its source and every header is reused.
const headerTimes = ['pool.h', 'blas.h', 'isa.h'].map((f) => join(nativeDir, f)).concat(['kernels.cuh', 'ops.cuh', 'cuda_compat.h'].map((f) => join(sharedDir, f)));
const newestHeader = Math.max(...headerTimes.filter((f) => existsSync(f)).map((f) => statSync(f).mtimeMs));
function fresh(u) {
  const obj = join(objDir, u.obj);
  return existsSync(obj) && statSync(obj).mtimeMs > Math.max(statSync(u.src).mtimeMs, newestHeader);
}

function compile(u) {
  if (fresh(u)) return Promise.resolve({ u, code: 0, err: '' });
  return new Promise((done) => {
    const args = [...common, ...u.flags, '-c', u.src, '-o', join(objDir, u.obj)];
    const p = spawn(cxx, args, { stdio: ['ignore', 'inherit', 'pipe'] });
    let err = '';
    p.stderr.on('data', (d) => (err += d));
    p.on('close', (code) => done({ u, code, err }));
    p.on('error', (e) => done({ u, code: -1, err: e.message }));
  });
}

const started = Date.now();
// Objects compiled with other flags, another compiler or for another Node are not reused.
const flagsFile = join(objDir, 'flags.sha256');
const flags = createHash('sha256').update(JSON.stringify({ common, units: units.map((u) => [u.obj, u.flags]), cxx: version.stdout, node: process.version })).digest('hex');
if (!existsSync(flagsFile) || readFileSync(flagsFile, 'utf8') !== flags) rmSync(objDir, { recursive: true, force: true });
mkdirSync(objDir, { recursive: true });
writeFileSync(flagsFile, flags);
// Two compilers at a time: enough to keep two cores busy without crowding a shared machine.
const queue = [...units];
const failures = [];
await Promise.all(
  [0, 1].map(async () => {
    for (let u = queue.shift(); u; u = queue.shift()) {
      const r = await compile(u);
      if (r.code !== 0) failures.push(r);
    }
  }),
);
// A compiler is here, so a failed build is a real error, not a reason to skip: `pnpm build` fails. At
// install it is reported and recorded but the install goes on (an install must never fail for the addon);
// the package's tests then fail where a compiler is present, saying why.
function fail(what, detail) {
  process.stderr.write(detail);
  rmSync(addon, { force: true });
  writeStatus({ built: false, reason: `the addon build failed (${what}); run \`pnpm --filter @lrkit/backend-native build\` to see why` });
  console.error(`backend-native: addon build FAILED (${what}; output above)`);
  process.exit(process.env.npm_lifecycle_event === 'install' ? 0 : 1);
}
if (failures.length) fail(`${failures[0].u.obj}`, failures.map((f) => f.err).join('\n'));
const tmp = join(objDir, 'lrkit_native.node');
const link = spawnSync(cxx, ['-shared', '-pthread', '-o', tmp, ...units.map((u) => join(objDir, u.obj)), '-ldl'], { encoding: 'utf8' });
if (link.status !== 0) fail('link', `${link.stdout}${link.stderr}`);
mkdirSync(releaseDir, { recursive: true });
const staged = `${addon}.${process.pid}.tmp`;
copyFileSync(tmp, staged);
renameSync(staged, addon);
const compiler = version.stdout.split('\n')[0];
writeStatus({ built: true, compiler, isas: isas.map((i) => i.ns), inputs });
console.log(`backend-native: addon built with ${compiler} for ${isas.map((i) => i.ns).join(', ')} in ${((Date.now() - started) / 1000).toFixed(0)} s: build/Release/lrkit_native.node`);
