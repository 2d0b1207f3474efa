// Reading and writing checkpoint.json: atomically (temp file, fsync, rename, fsync of the directory), so a
// SIGKILL at any moment leaves either the previous complete checkpoint or the new one under the name. The
// folder is locked while a run writes it: a second run into it is refused, naming the first.
import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readdirSync, rmdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { InputFileError, lockFolder, OutputFileError, readInputFile, writeOutput, type FolderLock, type TempFileRegistry } from '@lrkit/io';
import { TrainConfigError } from '../errors';
import { parseCheckpoint } from './parse';
import { CHECKPOINT_FILE, type CheckpointFile } from './format';

const TEMP = new RegExp(`^\\.${CHECKPOINT_FILE.replace('.', '\\.')}\\.[0-9a-f]+\\.tmp$`);

function fail(message: string): never {
  throw new TrainConfigError('checkpoint.dir', message);
}

/**
 * Makes sure `dir` exists, is this run's alone (locked: a second run into it is refused, naming this one's
 * pid) and takes files, before any training (a run must not find out at its first checkpoint). Also removes
 * temp files a killed run left behind: they never hold the only copy of anything. Returns a function that
 * releases the folder and removes it again if this call created it and it is still empty: a run refused
 * before its first checkpoint leaves nothing behind. `temp` is where the lock is registered while held, so a
 * signal's clean-up removes it too.
 */
export function prepareCheckpointDir(dir: string, temp?: TempFileRegistry): () => void {
  let created: string | undefined;
  let lock: FolderLock | undefined;
  try {
    created = mkdirSync(dir, { recursive: true });
    if (!statSync(dir).isDirectory()) fail(`'${dir}' is not a directory`);
    lock = lockFolder(dir, { flag: 'checkpoint.dir', ...(temp ? { temp } : {}) });
    for (const name of readdirSync(dir)) if (TEMP.test(name)) rmSync(join(dir, name), { force: true });
    // A real write: permission bits say nothing to root or on a read-only mount.
    const probe = join(dir, `.${CHECKPOINT_FILE}.${randomBytes(6).toString('hex')}.tmp`);
    closeSync(openSync(probe, 'wx'));
    rmSync(probe);
  } catch (err) {
    lock?.release();
    if (err instanceof TrainConfigError || err instanceof OutputFileError) throw err;
    fail(`'${dir}' cannot hold checkpoints: ${(err as Error).message}`);
  }
  return () => {
    lock?.release();
    if (created === undefined) return;
    try {
      // Only the directories mkdir made, innermost first, and only while empty (rmdir refuses otherwise).
      const first = resolve(created);
      for (let d = resolve(dir); d.length >= first.length; d = dirname(d)) rmdirSync(d);
    } catch {
      // Not empty, or already gone: leave it.
    }
  };
}

export function checkpointPath(dir: string): string {
  return join(dir, CHECKPOINT_FILE);
}

export function hasCheckpoint(dir: string): boolean {
  return statSync(checkpointPath(dir), { throwIfNoEntry: false }) !== undefined;
}

/** Writes the checkpoint under its final name atomically and durably; `temp` registers its temporary file. */
export function writeCheckpoint(dir: string, checkpoint: CheckpointFile, temp?: TempFileRegistry): void {
  writeOutput(checkpointPath(dir), JSON.stringify(checkpoint), { flag: 'checkpoint.dir', durable: true, ...(temp ? { temp } : {}) });
}

/**
 * The largest checkpoint read. Far above any model lrkit trains in reasonable time (a checkpoint of a
 * 4-million-parameter Adam model is about 70 MB), and below what JSON.parse can hold as one string.
 */
export const MAX_CHECKPOINT_BYTES = 256 * 1024 * 1024;

/**
 * Reads `dir`'s checkpoint, checked in full (parseCheckpoint): a regular file of at most
 * MAX_CHECKPOINT_BYTES, never a device or a FIFO (read as far as the limit, no further). A missing, foreign
 * or damaged file is refused with exit 2, naming it and, for damage, the field.
 */
export function readCheckpoint(dir: string): CheckpointFile {
  const path = checkpointPath(dir);
  let bytes: Buffer;
  try {
    bytes = readInputFile(path, { what: 'checkpoint', maxBytes: MAX_CHECKPOINT_BYTES });
  } catch (err) {
    if (!(err instanceof InputFileError)) throw err;
    if (err.reason === 'not found') throw new TrainConfigError('resume', `there is no checkpoint to resume from in '${dir}' (no ${CHECKPOINT_FILE})`);
    throw new TrainConfigError('resume', err.message);
  }
  return parseCheckpoint(bytes.toString('utf8'), path);
}
