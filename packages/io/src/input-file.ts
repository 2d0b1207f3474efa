// Files a user names are read only when they are what they claim to be: a regular file of bounded size.
// A device (/dev/zero, /dev/stdin on a terminal), a FIFO or a socket would stream forever or block, and a
// huge file would be slurped into memory before anything could complain; each is refused before a byte is
// read, with a message naming the path.
import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';

export interface InputFileOptions {
  /** What the file is, for messages: 'data file', 'model file', 'spec file'. */
  what: string;
  /** The largest file accepted, in bytes. */
  maxBytes: number;
}

/** Bytes shown as the unit a person reads them in: 256 MiB, 1.5 GiB, 12 bytes. */
export function formatBytes(n: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];
  let i = 0;
  let v = n;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return i === 0 ? `${n} bytes` : `${Number(v.toFixed(1))} ${units[i]}`;
}

/**
 * A named file that cannot be read as input: its message is `<what> <reason>: <path>`; `reason` alone
 * ('not found', 'is a device', 'is 300 MiB, over the 256 MiB limit') lets a caller say it its own way.
 */
export class InputFileError extends Error {
  /** lrkit's exit code for errors caused by input. */
  readonly exitCode = 2;
  constructor(
    readonly what: string,
    readonly reason: string,
    readonly path: string,
    options?: { cause?: unknown },
  ) {
    super(`${what} ${reason}: ${path}`, options);
    this.name = 'InputFileError';
  }
}

function kindOf(stats: Stats): string | undefined {
  if (stats.isFile()) return undefined;
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a named pipe (FIFO)';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

function refuseUnlessRegular(path: string, stats: Stats, options: InputFileOptions): void {
  const kind = kindOf(stats);
  if (kind !== undefined) throw new InputFileError(options.what, `is ${kind}`, path);
  if (stats.size > options.maxBytes) {
    const reason = `is ${formatBytes(stats.size)}, over the ${formatBytes(options.maxBytes)} limit`;
    throw new InputFileError(options.what, reason, path);
  }
}

function statError(path: string, err: unknown, what: string): InputFileError {
  const code = (err as NodeJS.ErrnoException).code;
  const reason =
    code === 'ENOENT' || code === 'ENOTDIR'
      ? 'not found'
      : code === 'EACCES' || code === 'EPERM'
        ? 'cannot be read (permission denied)'
        : code === 'ELOOP'
          ? 'is a symbolic link that loops'
          : code === 'ENAMETOOLONG'
            ? 'has a path too long'
            : `cannot be read (${(err as Error).message})`;
  return new InputFileError(what, reason, path, { cause: err });
}

/** Refuses `path` unless it is a regular file of at most `maxBytes` (it reads nothing). */
export function checkInputFile(path: string, options: InputFileOptions): void {
  let stats: Stats;
  try {
    stats = statSync(path);
  } catch (err) {
    throw statError(path, err, options.what);
  }
  refuseUnlessRegular(path, stats, options);
}

/**
 * The bytes of `path`, which must be a regular file of at most `maxBytes`. Checked before opening (opening a
 * FIFO for reading would block), and again on the open file, which is opened non-blocking and read no
 * further than the limit: a file swapped or grown in between is still refused, not slurped.
 */
export function readInputFile(path: string, options: InputFileOptions): Buffer {
  checkInputFile(path, options);
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (err) {
    throw statError(path, err, options.what);
  }
  try {
    refuseUnlessRegular(path, fstatSync(fd), options);
    const size = fstatSync(fd).size;
    // One byte more than fstat reported: reading it means the file grew while open, and what was read is
    // not the file the checks saw.
    const buffer = Buffer.alloc(size + 1);
    let filled = 0;
    for (;;) {
      const n = readSync(fd, buffer, filled, buffer.length - filled, null);
      if (n === 0) break;
      filled += n;
      if (filled === buffer.length) throw new InputFileError(options.what, 'grew while being read', path);
    }
    return buffer.subarray(0, filled);
  } catch (err) {
    if (err instanceof InputFileError) throw err;
    throw statError(path, err, options.what);
  } finally {
    closeSync(fd);
  }
}
