import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { InputFileError, lockFolder, readInputFile, writeOutput, type FolderLock, type TempFileRegistry } from '@lrkit/io';
import { SweepInputError } from './errors';
import type { Trial } from './trial';
import { checkSweepName } from './limits';
import type { SweepSpec } from './parse';
import type { TrialRecord } from './trial';

/**
 * The largest state file read: far above what a sweep writes (a manifest of MAX_TRIALS trials, one trial's
 * record with its history), so that a file planted or damaged in the folder (a link to /dev/zero, a FIFO, a
 * huge file) is refused instead of read without end.
 */
export const MAX_STATE_FILE_BYTES = 64 * 1024 * 1024;

/** A state file's JSON, read bounded; damage is refused naming the file (exit 2), never an internal error. */
function readStateJson(path: string, what: string, valid: (v: Record<string, unknown>) => boolean): Record<string, unknown> {
  let text: string;
  try {
    text = readInputFile(path, { what, maxBytes: MAX_STATE_FILE_BYTES }).toString('utf8');
  } catch (err) {
    if (err instanceof InputFileError) throw new SweepInputError(`sweep state: ${err.message}`);
    throw err;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new SweepInputError(`sweep state: ${path} is not JSON (damaged: remove it, or the sweep's folder, to run again)`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value) || !valid(value as Record<string, unknown>)) {
    throw new SweepInputError(`sweep state: ${path} is not a ${what} lrkit wrote (damaged: remove it, or the sweep's folder, to run again)`);
  }
  return value as Record<string, unknown>;
}

/** Where sweeps keep their state unless told otherwise: .lrkit/sweeps/<name>/ under the current folder. */
export const DEFAULT_STATE_ROOT = join('.lrkit', 'sweeps');

export interface SweepManifest {
  spec: SweepSpec;
  /** The trials of the file, in order (records are kept per trial id). */
  trials: Pick<Trial, 'id' | 'params'>[];
  /** TPE: the trials' ids by number, as sampled (one chosen twice is there twice): the sampler's history. */
  sequence?: string[];
}

/**
 * A sweep's state on disk: `sweep.json` (the parsed file and its trials) and `trials/<id>.json`, one
 * file per finished trial, each written atomically. A run that is stopped and started again reads what
 * is there and runs only the rest. A run writing it holds its lock (`lock()`): a second run of the same
 * sweep into the same folder is refused, naming the first.
 */
export class SweepState {
  readonly dir: string;

  /** `name` is a sweep's name, never a path: `../../etc` is refused (a SweepInputError), not looked up. */
  constructor(
    root: string,
    name: string,
    /** Where the temporary files and the lock are registered, so that a signal's clean-up removes them. */
    private readonly temp?: TempFileRegistry,
  ) {
    this.dir = resolve(root, checkSweepName(name));
  }

  /** Creates the folder and locks it for this process (see @lrkit/io's lockFolder); release() when done. */
  lock(): FolderLock {
    mkdirSync(this.dir, { recursive: true });
    return lockFolder(this.dir, { flag: `sweep '${basename(this.dir)}'`, ...(this.temp ? { temp: this.temp } : {}) });
  }

  private write(path: string, text: string): void {
    writeOutput(path, text, { flag: `sweep '${basename(this.dir)}'`, ...(this.temp ? { temp: this.temp } : {}) });
  }

  private get trialsDir(): string {
    return join(this.dir, 'trials');
  }

  exists(): boolean {
    return existsSync(join(this.dir, 'sweep.json'));
  }

  writeManifest(manifest: SweepManifest): void {
    mkdirSync(this.trialsDir, { recursive: true });
    this.write(join(this.dir, 'sweep.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  }

  readManifest(): SweepManifest {
    const path = join(this.dir, 'sweep.json');
    if (!existsSync(path)) throw new SweepInputError(`no sweep '${basename(this.dir)}' in ${dirname(this.dir)} (run it first: lrkit sweep run FILE)`);
    return readStateJson(path, 'sweep manifest', (v) => typeof v.spec === 'object' && v.spec !== null && Array.isArray(v.trials)) as unknown as SweepManifest;
  }

  /** The finished trials, by id. */
  records(): Map<string, TrialRecord> {
    const out = new Map<string, TrialRecord>();
    if (!existsSync(this.trialsDir)) return out;
    for (const file of readdirSync(this.trialsDir)) {
      if (!file.endsWith('.json') || file.startsWith('.')) continue;
      // A record is named by its trial's id: one that says otherwise was not written by this sweep.
      const record = readStateJson(join(this.trialsDir, file), 'trial record', (v) => v.id === file.slice(0, -'.json'.length)) as unknown as TrialRecord;
      out.set(record.id, record);
    }
    return out;
  }

  save(record: TrialRecord): void {
    mkdirSync(this.trialsDir, { recursive: true });
    this.write(join(this.trialsDir, `${record.id}.json`), `${JSON.stringify(record)}\n`);
  }
}
