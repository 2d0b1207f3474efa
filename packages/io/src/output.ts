// Where an output goes and how it is written, decided once for every writer in lrkit. The rule:
// - a new path or a regular file is replaced whole: a temporary file beside it, then a rename, so a reader
//   (or a crash) sees the old file or the new one, never half of one;
// - a symbolic link is written through: the file it points to is replaced (the link stays a link); a link
//   to nothing, or one that loops, is refused;
// - a character device or a FIFO is a stream: written in place, appended, never replaced (`--out /dev/null`
//   discards, `--out /dev/stdout` streams), and so are the descriptor links under /dev and /proc
//   (/dev/stdout, /dev/fd/1) and links to them, even where the descriptor is a file;
// - a directory, a block device (a disk) and a socket are refused.
import { randomBytes } from 'node:crypto';
import { closeSync, constants, fsyncSync, lstatSync, openSync, readlinkSync, realpathSync, renameSync, rmSync, statSync, writeSync, type Stats } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { errnoReason, OutputFileError } from './errors';
import { pause } from './pause';
import type { TempFileRegistry } from './temp-files';

/** How `path` is written: `replace` renames a new file onto `path`, `stream` writes into it as it is. */
export interface OutputTarget {
  how: 'replace' | 'stream';
  /** The file written: the path given, or for a link the file it points to. */
  path: string;
}

function statOrUndefined(stat: () => Stats, flag: string, path: string): Stats | undefined {
  try {
    return stat();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    if (code === 'ELOOP') throw new OutputFileError(flag, `'${path}' is a symbolic link that loops (it points back to itself)`);
    if (code === 'ENOTDIR') throw new OutputFileError(flag, `a part of '${path}' is not a directory`);
    if (code === 'EACCES' || code === 'EPERM') throw new OutputFileError(flag, `cannot reach '${path}' (permission denied)`);
    throw new OutputFileError(flag, `cannot use '${path}': ${(err as Error).message}`);
  }
}

// Links there stand for the process's own descriptors (/dev/stdout -> /proc/self/fd/1): resolving one to
// the file behind it and replacing that file would cut the shell's redirection off from it.
const DESCRIPTOR_LINKS = [`${sep}dev${sep}`, `${sep}proc${sep}`];

function refuseKind(stats: Stats, flag: string, path: string): void {
  if (stats.isDirectory()) throw new OutputFileError(flag, `'${path}' is a directory; give a file name such as model.onnx`);
  if (stats.isBlockDevice()) throw new OutputFileError(flag, `'${path}' is a block device (a disk); lrkit writes files, pipes and character devices, never over a disk`);
  if (stats.isSocket()) throw new OutputFileError(flag, `'${path}' is a socket; lrkit cannot write to one`);
}

/** How `path` would be written, found without writing anything; refuses what must not be written. */
export function outputTarget(path: string, flag: string): OutputTarget {
  const link = statOrUndefined(() => lstatSync(path), flag, path);
  if (link === undefined) {
    const dir = statOrUndefined(() => statSync(dirname(resolve(path))), flag, dirname(path));
    if (!dir?.isDirectory()) throw new OutputFileError(flag, `the directory '${dirname(path)}' does not exist`);
    return { how: 'replace', path };
  }
  const stats = link.isSymbolicLink() ? statOrUndefined(() => statSync(path), flag, path) : link;
  if (stats === undefined) throw new OutputFileError(flag, `'${path}' is a symbolic link to a file that does not exist; lrkit writes through a link only to an existing file`);
  refuseKind(stats, flag, path);
  if (stats.isCharacterDevice() || stats.isFIFO()) return { how: 'stream', path };
  if (!link.isSymbolicLink()) return { how: 'replace', path };
  // The link itself, or where it points, in /dev or /proc: `out -> /dev/stdout` is a stream too.
  const ends = [resolve(path), resolve(dirname(resolve(path)), readlinkSync(path))];
  if (ends.some((end) => DESCRIPTOR_LINKS.some((d) => end.startsWith(d)))) return { how: 'stream', path };
  return { how: 'replace', path: realpathSync(path) };
}

/**
 * Checks before any work that `path` can be written by the rule above: its directory exists and takes a new
 * file (found by creating and removing one, which answers for permissions, read-only mounts and ACLs alike),
 * and it is not something lrkit refuses to write. A stream (a FIFO, a device) is not opened here: opening a
 * FIFO and closing it again would end its reader's input.
 */
export function checkOutputPath(path: string, flag: string): OutputTarget {
  const target = outputTarget(path, flag);
  if (target.how === 'stream') return target;
  const dir = dirname(resolve(target.path));
  const probe = join(dir, `.${basename(target.path)}.${randomBytes(6).toString('hex')}.check`);
  try {
    closeSync(openSync(probe, 'wx'));
  } catch (err) {
    throw new OutputFileError(flag, `cannot create a file in the directory '${dirname(target.path)}' (${errnoReason(err)})`);
  }
  rmSync(probe, { force: true });
  return target;
}

export interface WriteOutputOptions {
  /** The flag or setting the path came from, for messages: '--out', 'checkpoint.dir'. */
  flag: string;
  /** Where the temporary file is registered while it exists, so that a signal removes it too. */
  temp?: TempFileRegistry;
  /** Flush the file, and the folder's entry after the rename, to the disk: the write survives a crash. */
  durable?: boolean;
}

function writeAll(fd: number, bytes: Uint8Array): void {
  for (let done = 0; done < bytes.length; ) {
    try {
      done += writeSync(fd, bytes, done, bytes.length - done);
    } catch (err) {
      // A stream opened non-blocking (see writeStream) is full until its reader reads.
      if ((err as NodeJS.ErrnoException).code !== 'EAGAIN') throw err;
      pause(5);
    }
  }
}

function writeStream(path: string, bytes: Uint8Array): void {
  // Non-blocking open: a FIFO nobody reads is refused (ENXIO) instead of hanging the process in open().
  const fd = openSync(path, constants.O_WRONLY | constants.O_APPEND | constants.O_NONBLOCK);
  try {
    writeAll(fd, bytes);
  } finally {
    closeSync(fd);
  }
}

function fsyncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function tempBeside(path: string): string {
  return join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
}

function replaceFile(path: string, bytes: Uint8Array, options: WriteOutputOptions): void {
  const tmp = tempBeside(path);
  options.temp?.add(tmp);
  try {
    const fd = openSync(tmp, 'wx');
    try {
      writeAll(fd, bytes);
      // On disk before the rename: a crash cannot leave the final name pointing at a short file.
      if (options.durable) fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
    if (options.durable) fsyncPath(dirname(path));
  } finally {
    rmSync(tmp, { force: true });
    options.temp?.delete(tmp);
  }
}

/** replaceFile, letting the event loop turn (and so a signal stop the process) while a large file is written. */
async function replaceFileAsync(path: string, bytes: Uint8Array, options: WriteOutputOptions): Promise<void> {
  const tmp = tempBeside(path);
  options.temp?.add(tmp);
  try {
    const file = await open(tmp, 'wx');
    try {
      await file.writeFile(bytes);
      if (options.durable) await file.sync();
    } finally {
      await file.close();
    }
    await rename(tmp, path);
    if (options.durable) fsyncPath(dirname(path));
  } finally {
    await rm(tmp, { force: true });
    options.temp?.delete(tmp);
  }
}

function writeFailure(path: string, err: unknown, flag: string): OutputFileError {
  const code = (err as NodeJS.ErrnoException).code;
  const why = code === 'ENXIO' ? 'a named pipe that nobody reads (start its reader first)' : code === 'EPIPE' ? 'its reader went away' : errnoReason(err);
  return new OutputFileError(flag, `cannot write '${path}': ${why}`, { cause: err });
}

/**
 * Writes `data` to `path` by the rule at the top of this file: whole or not at all where a file is replaced,
 * in place where `path` is a stream. A failure is an OutputFileError naming `flag` and the path, and leaves
 * no temporary file behind.
 */
export function writeOutput(path: string, data: string | Uint8Array, options: WriteOutputOptions): OutputTarget {
  const target = outputTarget(path, options.flag);
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  try {
    if (target.how === 'stream') writeStream(target.path, bytes);
    else replaceFile(target.path, bytes, options);
  } catch (err) {
    throw writeFailure(path, err, options.flag);
  }
  return target;
}

/** writeOutput for large files (a model): a file being replaced is written asynchronously, so a signal is seen meanwhile. */
export async function writeOutputAsync(path: string, data: Uint8Array, options: WriteOutputOptions): Promise<OutputTarget> {
  const target = outputTarget(path, options.flag);
  try {
    if (target.how === 'stream') writeStream(target.path, data);
    else await replaceFileAsync(target.path, data, options);
  } catch (err) {
    throw writeFailure(path, err, options.flag);
  }
  return target;
}
