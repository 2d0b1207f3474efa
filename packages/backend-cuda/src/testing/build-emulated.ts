// Builds native/ as a host-emulated addon (LK_HOST_EMULATION, see native/cuda_compat.h) with g++, so the
// CUDA kernel source itself runs in tests on machines without a GPU. Rebuilt only when a source is newer.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { addonGlue } from '@lrkit/backend-addon/build';
import type { CudaAddon } from '../types';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const nativeDir = join(root, 'native');
const output = join(root, 'build', 'emulation', 'lrkit_cuda_emulated.node');

export type EmulatedBuild = { ok: true; addon: CudaAddon } | { ok: false; reason: string };

export function buildEmulatedAddon(): EmulatedBuild {
  try {
    execFileSync('g++', ['--version'], { stdio: 'ignore' });
  } catch {
    return { ok: false, reason: 'g++ not found' };
  }
  const glue = addonGlue();
  if (!glue.ok) return { ok: false, reason: glue.reason };
  const sources = [...readdirSync(nativeDir).filter((f) => /\.(cu|cc|h)$/.test(f)).map((f) => join(nativeDir, f)), ...glue.sources, ...glue.headers];
  const stale = !existsSync(output) || sources.some((f) => statSync(f).mtimeMs > statSync(output).mtimeMs);
  if (stale) {
    mkdirSync(dirname(output), { recursive: true });
    const tmp = `${output}.${process.pid}.tmp`;
    execFileSync('g++', [
      '-std=c++20', '-O1', '-shared', '-fPIC', '-pthread', '-DLK_HOST_EMULATION', ...glue.defines,
      '-fexceptions', '-Wno-unknown-pragmas', `-I${nativeDir}`, ...glue.includes,
      '-x', 'c++', join(nativeDir, 'kernels.cu'), '-x', 'none', ...glue.sources, join(nativeDir, 'backend.cc'), join(nativeDir, 'cublas_loader.cc'),
      '-ldl', '-o', tmp,
    ], { stdio: ['ignore', 'ignore', 'pipe'] });
    renameSync(tmp, output);
  }
  return { ok: true, addon: createRequire(import.meta.url)(output) as CudaAddon };
}
