import { rmSync } from 'node:fs';

/**
 * The temporary files a run has open: writeAtomic writes `.<name>.<hex>.tmp` before renaming it, and the
 * file must not outlive an interrupted run. Writers add a path before creating it and delete it once
 * renamed or removed; removeAll() is what a signal handler leaves behind.
 */
export class TempFiles {
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
