// Helpers for the CLI's end-to-end tests: they spawn the built executable, as a user would.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const cliDir = join(dirname(fileURLToPath(import.meta.url)), '..');
export const cliPath = join(cliDir, 'dist', 'index.js');

if (!existsSync(cliPath)) {
  throw new Error(`${cliPath} is missing: build the CLI first (pnpm --filter lrkit build; turbo's test task does)`);
}

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
  /** The process's id (what it leaves behind may be named by it). */
  pid: number;
}

/** Runs the built CLI; `env` adds to this process's environment, and a variable given as undefined is left out. */
export function lrkit(args: string[], options: { env?: Record<string, string | undefined>; nodeArgs?: string[] } = {}): CliRun {
  const env: NodeJS.ProcessEnv = { ...process.env, ...options.env };
  for (const [name, value] of Object.entries(options.env ?? {})) if (value === undefined) delete env[name];
  // The tests judge the plain output; a parent's debug setting must not change it.
  if (!options.env?.LRKIT_DEBUG) delete env.LRKIT_DEBUG;
  const r = spawnSync(process.execPath, [...(options.nodeArgs ?? []), cliPath, ...args], {
    encoding: 'utf8',
    env,
    timeout: 120_000,
  });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, pid: r.pid };
}

/** A temporary folder for fixtures; `file(name, text)` writes one and returns its path. */
export function fixtureDir(prefix: string): { dir: string; file(name: string, text: string): string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return {
    dir,
    file(name, text) {
      const path = join(dir, name);
      writeFileSync(path, text);
      return path;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Asserts nothing in `text` looks like a stack trace. */
export function hasStackTrace(text: string): boolean {
  return /^\s+at .+[:(]/m.test(text);
}

export function lines(text: string): string[] {
  return text.split('\n').filter((l) => l !== '');
}

/**
 * The backend `lrkit train` must pick without --backend here, worked out apart from the code under test:
 * native where its addon loads, else wasm.
 */
export async function expectedAutoBackend(): Promise<'native' | 'wasm'> {
  const { checkNativeAvailability } = await import('@lrkit/backend-native');
  return checkNativeAvailability().available ? 'native' : 'wasm';
}
