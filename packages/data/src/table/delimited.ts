// CSV and TSV into a raw table, through the same csv-parse reader and checks as loadCsv (line numbers in
// messages, strict quoting); only the delimiter differs, sniffed from the header line unless given.
import { fieldCountError, forEachRecord, LineIndex, noRowsError } from '../csv';
import { checkColumnNames } from './cells';
import { ColumnBuilder } from './column-builder';
import type { RawTable } from './types';

/** The delimiters sniffed, in order of preference when the header holds as many of two. */
export const SNIFFED_DELIMITERS: readonly string[] = [',', '\t', ';', '|'];

/** The delimiter the header line uses most often outside quotes; ',' when it holds none (one column). */
export function sniffDelimiter(utf8: Uint8Array): string {
  const counts = new Map(SNIFFED_DELIMITERS.map((d) => [d.charCodeAt(0), 0]));
  let quoted = false;
  for (let i = 0; i < utf8.length; i++) {
    const b = utf8[i]!;
    if (b === 0x22) quoted = !quoted;
    else if (!quoted && (b === 0x0a || b === 0x0d)) break;
    else if (!quoted && counts.has(b)) counts.set(b, counts.get(b)! + 1);
  }
  let best = ',';
  let most = 0;
  for (const d of SNIFFED_DELIMITERS) {
    const n = counts.get(d.charCodeAt(0))!;
    if (n > most) [best, most] = [d, n];
  }
  return best;
}

/** UTF-8 bytes (already decoded and checked, see decodeToUtf8) of delimited text into a raw table. */
export function readDelimited(utf8: Uint8Array, source: string, na: readonly string[], delimiter?: string): RawTable {
  const sep = delimiter ?? sniffDelimiter(utf8);
  // Lines are counted only for a message: a record's start offset is kept, its line found when it is refused.
  const lineAt = (offset: number) => new LineIndex(utf8).lineAt(offset);
  let names: string[] | undefined;
  let headerStart = 0;
  let columns: ColumnBuilder[] = [];
  let rows = 0;
  const tokens = new Set(na);
  let start = 0;
  forEachRecord(
    utf8,
    source,
    (cells, end) => {
      while (start < utf8.length && (utf8[start] === 0x0a || utf8[start] === 0x0d)) start++;
      const recordStart = start;
      start = end;
      if (names === undefined) {
        names = cells;
        checkColumnNames(names, source);
        headerStart = recordStart;
        columns = names.map((name) => new ColumnBuilder(name, tokens, source));
        return;
      }
      if (cells.length !== names.length) {
        throw fieldCountError(source, lineAt(recordStart), cells.length, names.length, lineAt(headerStart));
      }
      for (let j = 0; j < cells.length; j++) columns[j]!.add(cells[j]!);
      rows++;
    },
    sep,
  );
  if (names === undefined) throw noRowsError(source, false);
  if (rows === 0) throw noRowsError(source, true);
  return { source, rows, columns: columns.map((c) => c.finish()) };
}
