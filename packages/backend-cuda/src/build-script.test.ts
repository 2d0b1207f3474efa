// scripts/build-addon.mjs's contract where it cannot build: one line, exit 0, a status that says why.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const script = join(dirname(fileURLToPath(import.meta.url)), '..', 'scripts', 'build-addon.mjs');
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('build-addon.mjs', () => {
  it('skips with one line and exit 0, records why, and removes a stale addon', () => {
    const root = mkdtempSync(join(tmpdir(), 'lrkit-cuda-build-'));
    dirs.push(root);
    mkdirSync(join(root, 'scripts'));
    cpSync(script, join(root, 'scripts', 'build-addon.mjs'));
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
});
