import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseSweep, type SweepSpec } from './parse';

export const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
/** The built trial script: the pool forks it, so the tests run against dist (turbo builds before testing). */
export const trialScript = join(packageDir, 'dist', 'trial-process.js');
if (!existsSync(trialScript)) throw new Error(`${trialScript} is missing: build first (pnpm --filter @lrkit/sweep build)`);

export function spec(file: Record<string, unknown>): SweepSpec {
  return parseSweep(JSON.stringify(file), 'test.json');
}

export function tempDir(prefix: string): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
