/**
 * An output that cannot be written, or may not be: a directory, a block device, an input of the same run,
 * a folder another process holds. It names the flag or setting the path came from (`--out`, `checkpoint.dir`)
 * and carries `exitCode = 2`, lrkit's convention for errors caused by input.
 */
export class OutputFileError extends Error {
  readonly exitCode = 2;
  constructor(
    readonly flag: string,
    /** The message without the flag in front, for a caller that says it its own way. */
    readonly detail: string,
    options?: { cause?: unknown },
  ) {
    super(`${flag}: ${detail}`, options);
    this.name = 'OutputFileError';
  }
}

/** What an errno says to a person, for the messages of the readers and writers here. */
export function errnoReason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'read-only file system';
    case 'ENOSPC':
      return 'no space left on the device';
    case 'ELOOP':
      return 'a symbolic link that loops';
    case 'ENOTDIR':
      return 'a part of the path is not a directory';
    default:
      return code ?? (err as Error).message;
  }
}
