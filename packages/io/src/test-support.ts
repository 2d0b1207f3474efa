// Helpers for this package's tests: a scratch folder, the refusal a call must throw, special files.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { OutputFileError } from './errors';

/** A temporary folder; `folder()` makes a fresh one inside it, so each test's listings stay exact. */
export function scratch(prefix: string): { dir: string; folder(): string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  let n = 0;
  return {
    dir,
    folder() {
      const d = join(dir, `t${n++}`);
      mkdirSync(d);
      return d;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** The message of the input error (`exitCode` 2, of class `type`) that `fn` must throw. */
export function refusal(fn: () => unknown, type: new (...args: never[]) => Error = OutputFileError): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(type);
    expect((err as { exitCode?: number }).exitCode).toBe(2);
    return (err as Error).message;
  }
  throw new Error(`expected a ${type.name}, nothing was thrown`);
}

/** Makes a special file with a system command (mkfifo, or mknod as root); false where it cannot. */
export function makeNode(command: 'mkfifo' | 'mknod', args: string[]): boolean {
  try {
    execFileSync(command, args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
