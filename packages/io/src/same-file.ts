// An output must never be one of the run's own inputs: `train --data own.csv --export own.csv` would turn
// the data into a model, `sweep report --out <state>/sweep.json` would turn the sweep's state into a page.
// Paths are compared as the files they are: by real path (links resolved, the last part too when it does
// not exist yet) and by device and inode (a hard link has another path and the same inode).
import { lstatSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, isAbsolute } from 'node:path';
import { OutputFileError } from './errors';

/** One file or folder of a run, named as the user named it: a flag, or "the sweep's state". */
export interface RunPath {
  path: string;
  name: string;
  /** A folder: every file under it belongs to `name`. */
  folder?: boolean;
}

interface Identity {
  real: string;
  /** `dev:ino` where the path exists. */
  id?: string;
  /** The path is a regular file (or a link to one); streams and devices are never replaced, so never clash. */
  file: boolean;
}

function realOrResolved(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    // Not there yet: the folder it would be created in, resolved, and its name.
    try {
      return join(realpathSync(dirname(resolve(path))), basename(path));
    } catch {
      return resolve(path);
    }
  }
}

function identify(path: string): Identity {
  const stats = statSync(path, { throwIfNoEntry: false });
  const real = realOrResolved(path);
  return stats ? { real, id: `${stats.dev}:${stats.ino}`, file: stats.isFile() } : { real, file: true };
}

function inside(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

// A folder's files are walked to find a hard link to one of them; a state folder holds at most a few
// thousand records, and the walk stops there rather than crawl a folder named by mistake.
const MAX_WALK = 100_000;

function holdsInode(folder: string, id: string): boolean {
  const stack = [folder];
  let seen = 0;
  while (stack.length > 0 && seen < MAX_WALK) {
    const dir = stack.pop()!;
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      continue;
    }
    for (const name of names) {
      seen++;
      const stats = lstatSync(join(dir, name), { throwIfNoEntry: false });
      if (stats?.isDirectory()) stack.push(join(dir, name));
      else if (stats?.isFile() && `${stats.dev}:${stats.ino}` === id) return true;
    }
  }
  return false;
}

function clash(output: RunPath, out: Identity, input: RunPath, inp: Identity): boolean {
  if (output.folder && input.folder) return inside(out.real, inp.real) || inside(inp.real, out.real);
  if (output.folder) return inside(out.real, inp.real) || (inp.id !== undefined && holdsInode(out.real, inp.id));
  if (!out.file) return false;
  if (input.folder) return inside(inp.real, out.real) || (out.id !== undefined && holdsInode(inp.real, out.id));
  return out.real === inp.real || (out.id !== undefined && out.id === inp.id);
}

/**
 * Refuses, before any work, an output that is one of the run's inputs: the same file by real path or by
 * device and inode, or a file inside a folder of the other side (or a hard link to one of its files). An
 * output that is a stream (a device, a FIFO) never clashes: it is written in place, not replaced. The error
 * names both, as the user named them.
 */
export function refuseInputAsOutput(outputs: readonly RunPath[], inputs: readonly RunPath[]): void {
  const ids = new Map<RunPath, Identity>();
  const idOf = (p: RunPath) => ids.get(p) ?? ids.set(p, identify(p.path)).get(p)!;
  for (const output of outputs) {
    for (const input of inputs) {
      if (!clash(output, idOf(output), input, idOf(input))) continue;
      const what = output.folder
        ? `holds ${input.name} '${input.path}'`
        : input.folder
          ? `is inside ${input.name} '${input.path}'`
          : `is the same file as ${input.name} '${input.path}'`;
      throw new OutputFileError(output.name, `'${output.path}' ${what}; an output never overwrites the run's input: write it elsewhere`);
    }
  }
}
