// Running things as a user of the installed packages would: their shell's environment, no package
// manager's settings from the test run.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { expect } from 'vitest';

/** npm as users have it (the release tests check npm 10). */
export const NPM = ['npx', '-y', 'npm@10'];

/**
 * The environment of a user's shell: none of the package-manager settings this test runs under. NODE_PATH
 * too: pnpm's scripts point it at the workspace's hoisted packages, where require() (not import) would find
 * the optional onnxruntime-node that the user never installed.
 */
export function userEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!/^(npm_|pnpm_|PNPM_|INIT_CWD$|NODE_PATH$|LRKIT_)/i.test(k)) env[k] = v;
  }
  return { ...env, ...extra };
}

export function sh(cmd: string[], cwd: string, env = userEnv()): SpawnSyncReturns<string> {
  return spawnSync(cmd[0]!, cmd.slice(1), { cwd, env, encoding: 'utf8', timeout: 300_000, maxBuffer: 64 * 1024 * 1024 });
}

export function ok(r: SpawnSyncReturns<string>): string {
  expect(r.error, String(r.error)).toBeUndefined();
  expect(r.status, `exit ${r.status}\n${r.stderr}`).toBe(0);
  return r.stdout;
}
