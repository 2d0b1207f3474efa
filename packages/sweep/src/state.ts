import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { SweepInputError } from './errors';
import type { Trial } from './expand';
import { checkSweepName } from './limits';
import type { SweepSpec } from './parse';
import type { TrialRecord } from './trial';

/** Where sweeps keep their state unless told otherwise: .lrkit/sweeps/<name>/ under the current folder. */
export const DEFAULT_STATE_ROOT = join('.lrkit', 'sweeps');

/** Write through a temporary file in the same folder, then rename: a reader never sees half a file. */
export function writeAtomic(path: string, text: string): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

export interface SweepManifest {
  spec: SweepSpec;
  /** The trials of the file, in order (records are kept per trial id). */
  trials: Pick<Trial, 'id' | 'params'>[];
}

/**
 * A sweep's state on disk: `sweep.json` (the parsed file and its trials) and `trials/<id>.json`, one
 * file per finished trial, each written atomically. A run that is stopped and started again reads what
 * is there and runs only the rest.
 */
export class SweepState {
  readonly dir: string;

  /** `name` is a sweep's name, never a path: `../../etc` is refused (a SweepInputError), not looked up. */
  constructor(root: string, name: string) {
    this.dir = resolve(root, checkSweepName(name));
  }

  private get trialsDir(): string {
    return join(this.dir, 'trials');
  }

  exists(): boolean {
    return existsSync(join(this.dir, 'sweep.json'));
  }

  writeManifest(manifest: SweepManifest): void {
    mkdirSync(this.trialsDir, { recursive: true });
    writeAtomic(join(this.dir, 'sweep.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  }

  readManifest(): SweepManifest {
    const path = join(this.dir, 'sweep.json');
    if (!existsSync(path)) throw new SweepInputError(`no sweep '${basename(this.dir)}' in ${dirname(this.dir)} (run it first: lrkit sweep run FILE)`);
    return JSON.parse(readFileSync(path, 'utf8')) as SweepManifest;
  }

  /** The finished trials, by id. */
  records(): Map<string, TrialRecord> {
    const out = new Map<string, TrialRecord>();
    if (!existsSync(this.trialsDir)) return out;
    for (const file of readdirSync(this.trialsDir)) {
      if (!file.endsWith('.json') || file.startsWith('.')) continue;
      const record = JSON.parse(readFileSync(join(this.trialsDir, file), 'utf8')) as TrialRecord;
      out.set(record.id, record);
    }
    return out;
  }

  save(record: TrialRecord): void {
    mkdirSync(this.trialsDir, { recursive: true });
    writeAtomic(join(this.trialsDir, `${record.id}.json`), `${JSON.stringify(record)}\n`);
  }
}
