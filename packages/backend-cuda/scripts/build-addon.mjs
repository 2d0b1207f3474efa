// Builds the CUDA addon where the tools for it are here (nvcc and a host C++ compiler); otherwise says in one
// line why not and succeeds, so that an install or `pnpm build` never breaks on a machine without nvcc. The
// steps every addon backend shares (skipping, the Node-API glue, compiling, linking, the status file) are
// @lrkit/backend-addon's build helper; this script finds the CUDA toolkit and names the sources.
//
// Two callers: `pnpm build` in the workspace (after tsup; a failed build with nvcc present exits 1), and the
// published package's `install` script (`--install`), which builds the addon for the user's own machine and
// never fails the install: a failed build is recorded as the reason. In a workspace checkout (src/ is there;
// the tarball has none) `--install` leaves the addon to `pnpm build`.
//
// The kernels (kernels.cu) go through nvcc for sm_90 plus PTX; the glue and the cuBLAS loader through the host
// compiler. cudart is linked statically, so loading the addon needs no CUDA library on the search path; the
// runtime opens the driver (libcuda.so.1) itself on first use.
import { existsSync, realpathSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const pkgRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
if (process.argv.includes('--install') && existsSync(join(pkgRoot, 'src'))) {
  console.log('backend-cuda: a workspace checkout: `pnpm build` builds the addon');
  process.exit(0);
}
const { addonBuild, toolVersion } = await import('@lrkit/backend-addon/build');
const build = addonBuild({
  label: 'backend-cuda',
  packageName: '@lrkit/backend-cuda',
  pkgRoot,
  fileName: 'lrkit_cuda.node',
  skipVariable: 'LRKIT_CUDA_SKIP_BUILD',
});

function findNvcc() {
  const candidates = [];
  for (const v of ['CUDA_HOME', 'CUDA_PATH']) if (process.env[v]) candidates.push(join(process.env[v], 'bin', 'nvcc'));
  for (const dir of (process.env.PATH ?? '').split(':')) if (dir) candidates.push(join(dir, 'nvcc'));
  candidates.push('/usr/local/cuda/bin/nvcc');
  return candidates.find((p) => existsSync(p));
}

const nvccPath = findNvcc();
if (!nvccPath) build.skip('nvcc not found (set CUDA_HOME or put nvcc on PATH)');
// nvcc may be a wrapper script (as /usr/local/bin/nvcc is on the CI image): look for the toolkit beside it and
// in the usual places, and take the first that has both the runtime headers and the static runtime.
const cudaHome = [process.env.CUDA_HOME, process.env.CUDA_PATH, dirname(dirname(realpathSync(nvccPath))), '/usr/local/cuda']
  .filter(Boolean)
  .find((d) => existsSync(join(d, 'include', 'cuda_runtime.h')) && existsSync(join(d, 'lib64', 'libcudart_static.a')));
if (!cudaHome) build.skip(`nvcc found at ${nvccPath} but no CUDA toolkit with include/cuda_runtime.h and lib64/libcudart_static.a (set CUDA_HOME)`);
const nvcc = existsSync(join(cudaHome, 'bin', 'nvcc')) ? join(cudaHome, 'bin', 'nvcc') : nvccPath;
const cxx = process.env.CXX || 'g++';
const cxxVersion = toolVersion(cxx);
if (!cxxVersion) build.skip(`no host C++ compiler for the Node-API glue (${cxx} not found; set CXX)`);
const glue = build.glue();

const nvccVersion = toolVersion(nvcc) ?? '';
const release = nvccVersion.match(/release ([\d.]+)/)?.[1] ?? 'unknown';
const nativeDir = join(pkgRoot, 'native');
const host = ['-std=c++17', '-O2', '-fPIC', '-pthread', '-fexceptions', `-I${nativeDir}`, `-I${join(cudaHome, 'include')}`, ...glue.includes, ...glue.defines];
const units = [
  {
    src: join(nativeDir, 'kernels.cu'),
    obj: 'kernels.o',
    tool: nvcc,
    args: [
      '-std=c++17', '-O3', '-Xcompiler', '-fPIC', '-gencode', 'arch=compute_90,code=sm_90', '-gencode', 'arch=compute_90,code=compute_90',
      `-I${nativeDir}`, `-I${glue.dir}`,
    ],
  },
  ...[...glue.sources, join(nativeDir, 'backend.cc'), join(nativeDir, 'cublas_loader.cc')].map((src) => ({
    src,
    obj: `${src.split('/').at(-1).replace(/\.cc$/, '')}.o`,
    tool: cxx,
    args: host,
  })),
];
await build.build({
  units,
  headers: [...glue.headers, ...['cuda_compat.h', 'cublas_loader.h'].map((f) => join(nativeDir, f))],
  link: { tool: cxx, args: ['-shared', '-pthread'], libs: [`-L${join(cudaHome, 'lib64')}`, '-lcudart_static', '-ldl', '-lrt', '-lpthread'] },
  tools: [nvccVersion, cxxVersion],
  status: { cuda: release, nvcc, targets: ['sm_90', 'compute_90 (PTX)'] },
  done: `with CUDA ${release} for sm_90 + PTX`,
});
