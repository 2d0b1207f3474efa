// What a run needs at its end is checked at its start: a training run that cannot write its --export
// should fail in a second, not after the epochs it took.
import { randomBytes } from 'node:crypto';
import { closeSync, openSync, rmSync, statSync, type Stats } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UsageError } from './usage-error';

function statOrUndefined(stat: () => Stats, flag: string, path: string): Stats | undefined {
  try {
    return stat();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    if (code === 'ELOOP') throw new UsageError(`${flag}: '${path}' is a symbolic link that loops (it points back to itself)`);
    if (code === 'ENOTDIR') throw new UsageError(`${flag}: a part of '${path}' is not a directory`);
    if (code === 'EACCES' || code === 'EPERM') throw new UsageError(`${flag}: cannot reach '${path}' (permission denied)`);
    throw new UsageError(`${flag}: cannot use '${path}': ${(err as Error).message}`);
  }
}

/**
 * Checks that an output file can be written where `path` says, before any work: its directory exists and
 * takes a new file (found by creating and removing one, which answers for permissions, read-only mounts and
 * ACLs alike), and `path` is not a directory or a symbolic link that loops. The file itself is written
 * later through a temporary file and a rename.
 */
export function checkOutputPath(path: string, flag: string): void {
  const dir = dirname(resolve(path));
  const dirStats = statOrUndefined(() => statSync(dir), flag, dirname(path));
  if (!dirStats?.isDirectory()) throw new UsageError(`${flag}: the directory '${dirname(path)}' does not exist`);
  // stat follows links: a link that loops is ELOOP here, a link to a directory is a directory.
  if (statOrUndefined(() => statSync(path), flag, path)?.isDirectory()) {
    throw new UsageError(`${flag}: '${path}' is a directory; give a file name such as model.onnx`);
  }
  const probe = join(dir, `.${basename(path)}.${randomBytes(6).toString('hex')}.check`);
  try {
    closeSync(openSync(probe, 'wx'));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EROFS' ? 'read-only file system' : code ?? (err as Error).message;
    throw new UsageError(`${flag}: cannot create a file in the directory '${dirname(path)}' (${why})`);
  }
  rmSync(probe, { force: true });
}
