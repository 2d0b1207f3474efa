// scripts/build-addon.mjs's contract where it cannot build: one line, exit 0, a status that says why, no
// stale addon left to load. Run on a copy of the script, so this package's own addon is left alone.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildScriptCopy } from '@lrkit/backend-addon/testing';
import { afterEach, describe, expect, it } from 'vitest';

const script = join(dirname(fileURLToPath(import.meta.url)), '..', 'scripts', 'build-addon.mjs');
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function copy(): string {
  const root = buildScriptCopy(script, 'lrkit-native-build-');
  dirs.push(root);
  mkdirSync(join(root, 'build', 'Release'), { recursive: true });
  writeFileSync(join(root, 'build', 'Release', 'lrkit_native.node'), 'stale');
  return root;
}

function run(root: string, env: NodeJS.ProcessEnv): string {
  return execFileSync(process.execPath, [join(root, 'scripts', 'build-addon.mjs')], { env: { ...process.env, ...env }, encoding: 'utf8' });
}

describe('build-addon.mjs', () => {
  it('skips with one line and exit 0 when asked to, records why, and removes a stale addon', () => {
    const root = copy();
    expect(run(root, { LRKIT_NATIVE_SKIP_BUILD: '1' })).toBe('backend-native: addon build skipped: LRKIT_NATIVE_SKIP_BUILD is set\n');
    const status = JSON.parse(readFileSync(join(root, 'build', 'Release', 'addon-status.json'), 'utf8'));
    expect(status).toMatchObject({ built: false, reason: 'LRKIT_NATIVE_SKIP_BUILD is set' });
    expect(existsSync(join(root, 'build', 'Release', 'lrkit_native.node'))).toBe(false);
  });

  it('skips without a C++ compiler, naming it', () => {
    const root = copy();
    const out = run(root, { CXX: 'no-such-compiler-lrkit' });
    expect(out).toBe('backend-native: addon build skipped: no C++ compiler (no-such-compiler-lrkit not found; set CXX)\n');
    expect(existsSync(join(root, 'build', 'Release', 'lrkit_native.node'))).toBe(false);
  });
});
