import { randomBytes } from 'node:crypto';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { TempFiles } from './temp-files';
import { UsageError } from './usage-error';

/**
 * Writes a whole file or nothing: through a temporary file in the same folder, then a rename. The
 * temporary file is registered in `temp` while it exists, so a signal removes it too. A failure is a
 * UsageError naming `flag` (the path came from it) and leaves no file behind.
 */
export function writeAtomic(path: string, text: string, flag: string, temp?: TempFiles): void {
  const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  temp?.add(tmp);
  try {
    writeFileSync(tmp, text, { flag: 'wx' });
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw new UsageError(`${flag}: cannot write '${path}': ${(e as Error).message}`);
  } finally {
    temp?.delete(tmp);
  }
}
