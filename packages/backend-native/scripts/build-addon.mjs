// Builds the native CPU addon with the host C++ compiler, at install and at build, where one is present;
// otherwise says in one line why not and succeeds (`lrkit backends` then gives the reason). The steps every
// addon backend shares (skipping, the Node-API glue, compiling, linking, the status file) are
// @lrkit/backend-addon's build helper; this script names the compiler and the sources.
//
// loops.cc and gemm.cc are compiled once per instruction set (AVX-512, AVX2+FMA, baseline) and the addon
// picks one at run time, so one build runs on any x86-64 CPU. No BLAS is linked: the addon opens one at run
// time (blas.cc).
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { addonBuild, toolVersion } from '@lrkit/backend-addon/build';

const pkgRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const build = addonBuild({
  label: 'backend-native',
  packageName: '@lrkit/backend-native',
  pkgRoot,
  fileName: 'lrkit_native.node',
  skipVariable: 'LRKIT_NATIVE_SKIP_BUILD',
});
const cxx = process.env.CXX || 'g++';
const version = toolVersion(cxx);
if (!version) build.skip(`no C++ compiler (${cxx} not found; set CXX)`);
const glue = build.glue();

const nativeDir = join(pkgRoot, 'native');
const common = [
  '-std=c++17', '-O3', '-fPIC', '-pthread', '-fvisibility=hidden', '-fno-math-errno', '-ffp-contract=off',
  `-I${nativeDir}`, ...glue.includes,
];
const napi = [...glue.defines, '-fexceptions'];
const isas = [
  { ns: 'base', flags: [] },
  ...(process.arch === 'x64'
    ? [
        { ns: 'avx2', flags: ['-mavx2', '-mfma', '-DLK_ISA_AVX2'] },
        { ns: 'avx512', flags: ['-mavx512f', '-mavx512vl', '-mavx512bw', '-mavx512dq', '-mavx2', '-mfma', '-mprefer-vector-width=512', '-DLK_ISA_AVX512'] },
      ]
    : []),
];
const unit = (src, obj, flags) => ({ src, obj, tool: cxx, args: [...common, ...flags] });
const units = [
  ...glue.sources.map((src) => unit(src, 'addon.o', napi)),
  unit(join(nativeDir, 'host.cc'), 'host.o', napi),
  unit(join(nativeDir, 'cpu_kernels.cc'), 'cpu_kernels.o', []),
  unit(join(nativeDir, 'pool.cc'), 'pool.o', []),
  unit(join(nativeDir, 'blas.cc'), 'blas.o', []),
  ...isas.flatMap(({ ns, flags }) => [
    unit(join(nativeDir, 'loops.cc'), `loops_${ns}.o`, [`-DLK_ISA_NS=${ns}`, ...flags]),
    // The GEMM kernel wants a * b + c contracted into FMAs; nothing else does.
    unit(join(nativeDir, 'gemm.cc'), `gemm_${ns}.o`, [`-DLK_ISA_NS=${ns}`, ...flags, '-ffp-contract=fast']),
  ]),
];
const compiler = version.split('\n')[0];
await build.build({
  units,
  headers: [...glue.headers, ...['pool.h', 'blas.h', 'isa.h'].map((f) => join(nativeDir, f))],
  link: { tool: cxx, args: ['-shared', '-pthread'], libs: ['-ldl'] },
  tools: [version],
  status: { compiler, isas: isas.map((i) => i.ns) },
  done: `with ${compiler} for ${isas.map((i) => i.ns).join(', ')}`,
});
