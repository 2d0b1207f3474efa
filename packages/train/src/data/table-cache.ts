import { statSync } from 'node:fs';
import { readTable, type RawTable, type ReadTableOptions } from '@lrkit/data';

/** How a run reads its table file: @lrkit/data's readTable, or a reader that keeps what it read. */
export type TableReader = (path: string, options: ReadTableOptions) => Promise<RawTable>;

/** The file as it is now: a rewrite changes its size or its modification or change time (nanoseconds). */
function fileVersion(path: string): string {
  const s = statSync(path, { bigint: true });
  return `${s.dev}:${s.ino}:${s.size}:${s.mtimeNs}:${s.ctimeNs}`;
}

/**
 * A TableReader that keeps the last table it read and hands it out again while the same file, unchanged,
 * is read with the same options. A sweep's trial process runs trial after trial on one data file: parsing
 * it was most of each trial's set-up. One table is kept, so memory stays at what the next trial needs
 * anyway. The table is shared between runs: nothing downstream of readTable writes to it.
 */
export function tableCache(read: TableReader = readTable): TableReader {
  let kept: { key: string; table: Promise<RawTable> } | undefined;
  return (path, options) => {
    // A missing or unreadable file is left to readTable, whose message names it.
    let key: string;
    try {
      key = JSON.stringify([path, fileVersion(path), options]);
    } catch {
      return read(path, options);
    }
    if (kept?.key !== key) {
      const table = read(path, options);
      kept = { key, table };
      // A failed read is not kept: the next run reads the file again and gets its own message.
      table.catch(() => {
        if (kept?.table === table) kept = undefined;
      });
    }
    return kept.table;
  };
}
