// The documented constants and small rules of the column plan, written once.
import { excerpt } from '@lrkit/io';
import { DataError } from '../errors';
import type { RawColumn, RawTable } from '../table/types';

/** A categorical column with at most this many codes (levels, '(missing)', '(other)') is one-hot encoded. */
export const MAX_ONE_HOT_LEVELS = 10;

/** A level seen in fewer training rows than this joins '(other)'. */
export const MIN_LEVEL_ROWS = 3;

/** The identifier rule (every value distinct) applies from this many training rows. */
export const MIN_IDENTIFIER_ROWS = 10;

/** fastai's embedding width for a categorical with `n` codes (unknown included). */
export function embeddingSize(n: number): number {
  return Math.min(600, Math.round(1.6 * n ** 0.56));
}

export const DATE_PARTS = ['year', 'month', 'day', 'dayOfWeek', 'dayOfYear'] as const;

// Year first, so never ambiguous: ISO's 2012-01-31 and the 2001/01/14 21:55 of many exports, with a time
// of day (ignored) and zone; both separators the same, fields at fixed places.
const DATE = /^(\d{4})([-/])(\d{2})\2(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** The date formats `dateParts` reads, in words for messages. */
export const DATE_FORMATS = 'YYYY-MM-DD or YYYY/MM/DD, optionally with a time';

/**
 * The parts of a year-first date or date-time (the calendar date as written; time of day and zone are not
 * used), or undefined when `text` is not one. Day of week counts from Monday = 0, as pandas does.
 */
export function dateParts(text: string): number[] | undefined {
  const m = DATE.exec(text);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[3]), Number(m[4])];
  const time = Date.UTC(year, month - 1, day);
  const date = new Date(time);
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  const dayOfYear = Math.round((time - Date.UTC(year, 0, 1)) / 86_400_000) + 1;
  return [year, month, day, (date.getUTCDay() + 6) % 7, dayOfYear];
}

// A date in a form dateParts does not read: day or month first (01/14/2001, 14.01.2001, ambiguous between
// the two), single-digit fields, dots, a 12-hour time. Such a column is ignored with a note saying so, rather
// than taken for a name or one-hot encoded level by level.
const DATE_LIKE = /^(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{4})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?: ?[AaPp][Mm])?)?$/;

/** Whether `text` looks like a date, read by dateParts or not. */
export function looksLikeDate(text: string): boolean {
  return DATE_LIKE.test(text);
}

/** The column named `name`, or a DataError naming it and listing the table's columns. */
export function findColumn(table: RawTable, name: string, what: string): RawColumn {
  const column = table.columns.find((c) => c.name === name);
  if (column === undefined) {
    const listed = excerpt(table.columns.map((c) => `'${excerpt(c.name)}'`).join(', '), 400);
    throw new DataError(`${table.source}: no ${what} column '${excerpt(name)}'; the columns are: ${listed}`);
  }
  return column;
}

/** Row `i`'s cell as a level name or null for a gap (numbers as JavaScript writes them). */
export function levelAt(column: RawColumn, i: number): string | null {
  if (column.kind === 'number') {
    const v = column.values[i]!;
    return Number.isNaN(v) ? null : String(v);
  }
  return column.values[i] ?? null;
}

/** The rows whose target is not a gap. */
export function keptRows(target: RawColumn, rows: Int32Array): Int32Array {
  return target.kind === 'number'
    ? rows.filter((i) => !Number.isNaN(target.values[i]!))
    : rows.filter((i) => target.values[i] !== null);
}

/** `rows` (default: every row) as indices, each checked to be a row of `table`. */
export function rowIndices(table: RawTable, rows: ArrayLike<number> | undefined): Int32Array {
  if (rows === undefined) return Int32Array.from({ length: table.rows }, (_, i) => i);
  const out = new Int32Array(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const i = rows[r]!;
    if (!Number.isInteger(i) || i < 0 || i >= table.rows) throw new RangeError(`rows[${r}] is ${i}, not a row of the ${table.rows} in ${table.source}`);
    out[r] = i;
  }
  return out;
}
