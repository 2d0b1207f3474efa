// scripts/build-addon.mjs's contract where it cannot build: one line, exit 0, a status that says why.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildScriptCopy } from '@lrkit/backend-addon/testing';
import { afterEach, describe, expect, it } from 'vitest';

const script = join(dirname(fileURLToPath(import.meta.url)), '..', 'scripts', 'build-addon.mjs');
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

// The script as the tarball has it: scripts/ without src/ beside it.
function packageCopy(): string {
  const root = buildScriptCopy(script, 'lrkit-cuda-build-');
  dirs.push(root);
  return root;
}

describe('build-addon.mjs', () => {
  it('skips with one line and exit 0, records why, and removes a stale addon', () => {
    const root = packageCopy();
    mkdirSync(join(root, 'build', 'Release'), { recursive: true });
    writeFileSync(join(root, 'build', 'Release', 'lrkit_cuda.node'), 'stale');
    const out = execFileSync(process.execPath, [join(root, 'scripts', 'build-addon.mjs')], {
      env: { ...process.env, LRKIT_CUDA_SKIP_BUILD: '1' },
      encoding: 'utf8',
    });
    expect(out).toBe('backend-cuda: addon build skipped: LRKIT_CUDA_SKIP_BUILD is set\n');
    const status = JSON.parse(readFileSync(join(root, 'build', 'Release', 'addon-status.json'), 'utf8'));
    expect(status).toMatchObject({ built: false, reason: 'LRKIT_CUDA_SKIP_BUILD is set' });
    expect(existsSync(join(root, 'build', 'Release', 'lrkit_cuda.node'))).toBe(false);
  });

  it('--install in a workspace checkout leaves the addon to `pnpm build`', () => {
    const root = packageCopy();
    mkdirSync(join(root, 'src'));
    const out = execFileSync(process.execPath, [join(root, 'scripts', 'build-addon.mjs'), '--install'], { encoding: 'utf8' });
    expect(out).toBe('backend-cuda: a workspace checkout: `pnpm build` builds the addon\n');
    expect(existsSync(join(root, 'build'))).toBe(false);
  });

  it('--install never fails the install: a build that fails with nvcc present exits 0 and records why', () => {
    const root = packageCopy();
    // A toolkit whose nvcc fails, and no native/ sources to build: the compile fails, or the script skips
    // earlier where this machine lacks a host compiler or Node headers. Either way the install goes on.
    const cuda = join(root, 'fake-cuda');
    for (const d of ['bin', 'include', 'lib64']) mkdirSync(join(cuda, d), { recursive: true });
    writeFileSync(join(cuda, 'bin', 'nvcc'), '#!/bin/sh\nexit 1\n', { mode: 0o755 });
    writeFileSync(join(cuda, 'include', 'cuda_runtime.h'), '');
    writeFileSync(join(cuda, 'lib64', 'libcudart_static.a'), '');
    const env: NodeJS.ProcessEnv = { ...process.env, CUDA_HOME: cuda };
    delete env.LRKIT_CUDA_SKIP_BUILD;
    execFileSync(process.execPath, [join(root, 'scripts', 'build-addon.mjs'), '--install'], { env, stdio: 'pipe' });
    const status = JSON.parse(readFileSync(join(root, 'build', 'Release', 'addon-status.json'), 'utf8'));
    expect(status.built).toBe(false);
    expect(status.reason).toMatch(/the addon build failed \(\w+\.o\); run `node .*build-addon\.mjs` to see why|Node headers not found|no host C\+\+ compiler/);
  });
});
