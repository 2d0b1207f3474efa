// Builds native/ as a host-emulated addon (LK_HOST_EMULATION, see native/cuda_compat.h) with g++, so the
// CUDA kernel source itself runs in tests on machines without a GPU. Rebuilt only when a source is newer.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CudaAddon } from '../types';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const nativeDir = join(root, 'native');
const output = join(root, 'build', 'emulation', 'lrkit_cuda_emulated.node');

export type EmulatedBuild = { ok: true; addon: CudaAddon } | { ok: false; reason: string };

function findNodeHeaders(): string | undefined {
  const candidates = [process.env.npm_config_nodedir, dirname(dirname(process.execPath))].filter((d): d is string => Boolean(d));
  return candidates.map((d) => join(d, 'include', 'node')).find((d) => existsSync(join(d, 'node_api.h')));
}

export function buildEmulatedAddon(): EmulatedBuild {
  try {
    execFileSync('g++', ['--version'], { stdio: 'ignore' });
  } catch {
    return { ok: false, reason: 'g++ not found' };
  }
  const headers = findNodeHeaders();
  if (!headers) return { ok: false, reason: 'Node headers (node_api.h) not found' };
  const require = createRequire(join(root, 'package.json'));
  const napi = join(root, (require('node-addon-api') as { include_dir: string }).include_dir);
  const sources = readdirSync(nativeDir).filter((f) => /\.(cu|cuh|cc|h)$/.test(f)).map((f) => join(nativeDir, f));
  const stale = !existsSync(output) || sources.some((f) => statSync(f).mtimeMs > statSync(output).mtimeMs);
  if (stale) {
    mkdirSync(dirname(output), { recursive: true });
    const tmp = `${output}.${process.pid}.tmp`;
    execFileSync('g++', [
      '-std=c++20', '-O1', '-shared', '-fPIC', '-pthread', '-DLK_HOST_EMULATION', '-DNAPI_VERSION=8', '-DNAPI_CPP_EXCEPTIONS',
      '-fexceptions', '-Wno-unknown-pragmas', `-I${nativeDir}`, `-I${napi}`, `-I${headers}`,
      '-x', 'c++', join(nativeDir, 'kernels.cu'), '-x', 'none', join(nativeDir, 'addon.cc'), join(nativeDir, 'cublas_loader.cc'),
      '-ldl', '-o', tmp,
    ], { stdio: ['ignore', 'ignore', 'pipe'] });
    renameSync(tmp, output);
  }
  return { ok: true, addon: require(output) as CudaAddon };
}
