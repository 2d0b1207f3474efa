import { rmSync } from 'node:fs';

/**
 * The files a run must not leave behind if it is stopped: writeOutput's `.<name>.<hex>.tmp` before its
 * rename, and a held folder lock. Writers add a path before creating it and delete it once renamed or
 * removed; removeAll() is what a signal handler calls on the way out.
 */
/** Where a writer registers the files it has open: what writeOutput and lockFolder are given. */
export interface TempFileRegistry {
  add(path: string): void;
  delete(path: string): void;
}

export class TempFiles implements TempFileRegistry {
  private readonly paths = new Set<string>();
  add(path: string): void {
    this.paths.add(path);
  }
  delete(path: string): void {
    this.paths.delete(path);
  }
  /** Every path still registered, for tests and messages. */
  list(): string[] {
    return [...this.paths];
  }
  /** Removes every registered file (synchronously: this runs on the way out of the process). */
  removeAll(): void {
    for (const path of this.paths) rmSync(path, { force: true });
    this.paths.clear();
  }
}
