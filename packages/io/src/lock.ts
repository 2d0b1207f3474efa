// A folder one process writes at a time (a checkpoint folder, a sweep's state): the first takes a lock file
// in it, a second is refused naming the first. The lock file holds the holder's pid, its start time and its
// host, written to a temporary file and linked into place, so a reader never sees half of one. A lock whose
// process is gone (killed, crashed: the pid is not running, or runs another program started later) is stale
// and taken over.
//
// Not a lock library's mtime lease (proper-lockfile refreshes the lock's mtime on a timer and calls it stale
// after 10 s without a refresh): lrkit's training can run synchronously for longer than that between turns of
// the event loop, and a lease would lapse under a live run; nor could a refusal name the holder. A pid says
// whether the holder is alive at once.
import { randomBytes } from 'node:crypto';
import { linkSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { OutputFileError, errnoReason } from './errors';
import { pause } from './pause';
import type { TempFileRegistry } from './temp-files';

/** The lock file's name in the folder it locks. */
export const LOCK_FILE = '.lrkit.lock';

interface Holder {
  pid: number;
  /** The process's start time in clock ticks since boot (Linux's /proc/PID/stat), to tell a reused pid. */
  start: string | null;
  host: string;
}

/** The start time of process `pid`, where the system says (Linux); null elsewhere. */
function startTimeOf(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 22; the command name (field 2) may hold spaces and parentheses, so count from its last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

function running(holder: Holder): boolean {
  try {
    process.kill(holder.pid, 0);
  } catch (err) {
    // EPERM: it runs, as another user.
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const start = startTimeOf(holder.pid);
  return holder.start === null || start === null || start === holder.start;
}

function parseHolder(text: string): Holder | undefined {
  try {
    const h = JSON.parse(text) as Partial<Holder>;
    if (Number.isSafeInteger(h.pid) && h.pid! > 0 && typeof h.host === 'string') return { pid: h.pid!, start: typeof h.start === 'string' ? h.start : null, host: h.host };
  } catch {
    // Not a lock this code wrote: said so below.
  }
  return undefined;
}

export interface FolderLock {
  /** The lock file's path. */
  readonly path: string;
  /** Removes the lock file if it is still this process's; safe to call twice. */
  release(): void;
}

export interface LockOptions {
  /** The flag or setting the folder came from, for messages: '--checkpoint-dir', 'checkpoint.dir'. */
  flag: string;
  /** Where the lock file is registered while held, so that a signal's clean-up removes it too. */
  temp?: TempFileRegistry;
}

function readLock(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

/** Moves a stale lock out of the way, unless another process replaced it with a live one meanwhile. */
function takeOver(path: string, seen: string): void {
  const aside = `${path}.${randomBytes(6).toString('hex')}.stale`;
  try {
    renameSync(path, aside);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return; // another process took it over first
    throw err;
  }
  // What was moved may be a live lock another process took over between our read and the rename: put back.
  if (readFileSync(aside, 'utf8') !== seen) {
    try {
      linkSync(aside, path);
    } catch {
      // A third process holds it now; the moved one's holder will find its lock changed on release.
    }
  }
  rmSync(aside, { force: true });
}

// Filesystems without hard links (FAT, some network mounts) answer link() with one of these.
const NO_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV']);

/**
 * Puts the lock file in place or throws EEXIST: by linking the complete temporary file (no reader sees half
 * of it), or where links are not supported, by an exclusive create and a write (a reader that finds it
 * empty waits for the write: see lockFolder).
 */
function place(tmp: string, path: string, text: string): void {
  try {
    linkSync(tmp, path);
  } catch (err) {
    if (!NO_LINKS.has((err as NodeJS.ErrnoException).code ?? '')) throw err;
    writeFileSync(path, text, { flag: 'wx' });
  }
}

/**
 * Locks `dir` (which exists) for this process: refuses with an OutputFileError naming the holder's pid when
 * a running process holds it, and takes over a lock whose process is gone.
 */
export function lockFolder(dir: string, options: LockOptions): FolderLock {
  const path = join(dir, LOCK_FILE);
  const me: Holder = { pid: process.pid, start: startTimeOf(process.pid), host: hostname() };
  const text = `${JSON.stringify(me)}\n`;
  const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  options.temp?.add(tmp);
  try {
    writeFileSync(tmp, text, { flag: 'wx' });
    for (let attempt = 0; ; attempt++) {
      try {
        place(tmp, path, text);
        break;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
      const seen = readLock(path);
      if (seen === undefined) continue; // released between the two calls
      if (seen === '' && attempt < 5) {
        pause(20); // created, not yet written (a filesystem without links)
        continue;
      }
      const holder = parseHolder(seen);
      if (holder === undefined) throw new OutputFileError(options.flag, `'${dir}' holds a lock file lrkit cannot read (${path}); remove it if no run uses the folder`);
      if (holder.host !== me.host) {
        throw new OutputFileError(options.flag, `'${dir}' is in use by process ${holder.pid} on ${holder.host}; wait for it, or remove ${path} if that run is gone`);
      }
      if (running(holder) || attempt >= 8) {
        throw new OutputFileError(options.flag, `'${dir}' is in use by another lrkit run (process ${holder.pid}); wait for it to finish, or use another folder`);
      }
      takeOver(path, seen);
    }
  } catch (err) {
    if (err instanceof OutputFileError) throw err;
    throw new OutputFileError(options.flag, `cannot lock '${dir}': ${errnoReason(err)}`, { cause: err });
  } finally {
    rmSync(tmp, { force: true });
    options.temp?.delete(tmp);
  }
  options.temp?.add(path);
  let held = true;
  // process.exit() runs no finally blocks, but it does run 'exit' listeners.
  const onExit = () => release();
  function release(): void {
    if (!held) return;
    held = false;
    process.removeListener('exit', onExit);
    options.temp?.delete(path);
    try {
      if (readLock(path) === text) rmSync(path, { force: true });
    } catch {
      // Gone or unreadable: nothing of ours to remove.
    }
  }
  process.on('exit', onExit);
  return { path, release };
}
