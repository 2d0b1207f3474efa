// Reading and writing checkpoint.json: atomically (temp file, fsync, rename, fsync of the directory), so a
// SIGKILL at any moment leaves either the previous complete checkpoint or the new one under the name.
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmdirSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { InputFileError, readInputFile } from '@lrkit/data';
import { TrainConfigError } from '../errors';
import { parseCheckpoint } from './parse';
import { CHECKPOINT_FILE, type CheckpointFile } from './format';

const TEMP = new RegExp(`^\\.${CHECKPOINT_FILE.replace('.', '\\.')}\\.[0-9a-f]+\\.tmp$`);

function fail(message: string): never {
  throw new TrainConfigError('checkpoint.dir', message);
}

/**
 * Makes sure `dir` exists and takes files, before any training (a run must not find out at its first
 * checkpoint). Also removes temp files a killed run left behind: they never hold the only copy of anything.
 * Returns a function that removes the directory again if this call created it and it is still empty: a run
 * refused before its first checkpoint leaves nothing behind.
 */
export function prepareCheckpointDir(dir: string): () => void {
  let created: string | undefined;
  try {
    created = mkdirSync(dir, { recursive: true });
    if (!statSync(dir).isDirectory()) fail(`'${dir}' is not a directory`);
    for (const name of readdirSync(dir)) if (TEMP.test(name)) rmSync(join(dir, name), { force: true });
    // A real write: permission bits say nothing to root or on a read-only mount.
    const probe = join(dir, `.${CHECKPOINT_FILE}.${randomBytes(6).toString('hex')}.tmp`);
    closeSync(openSync(probe, 'wx'));
    rmSync(probe);
  } catch (err) {
    if (err instanceof TrainConfigError) throw err;
    fail(`'${dir}' cannot hold checkpoints: ${(err as Error).message}`);
  }
  return () => {
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

/** Writes the checkpoint under its final name atomically. */
export function writeCheckpoint(dir: string, checkpoint: CheckpointFile): void {
  const path = checkpointPath(dir);
  const temp = join(dir, `.${CHECKPOINT_FILE}.${randomBytes(6).toString('hex')}.tmp`);
  const text = JSON.stringify(checkpoint);
  try {
    const fd = openSync(temp, 'wx');
    try {
      writeSync(fd, text);
      // On disk before the rename: a crash cannot leave the final name pointing at a short file.
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
    // The rename itself is durable once the directory entry is.
    const dirFd = openSync(dir, 'r');
    try {
      fsyncSync(dirFd);
    } finally {
      closeSync(dirFd);
    }
  } catch (err) {
    rmSync(temp, { force: true });
    fail(`cannot write ${path}: ${(err as Error).message}`);
  }
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
