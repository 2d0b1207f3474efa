// How one cell of text becomes a gap, a number or text: the same rule for every format, so the same data
// read from CSV, JSON or Parquet gives the same raw table.
import { excerpt } from '@lrkit/io';
import { DataError } from '../errors';
import { ColumnBuilder } from './column-builder';
import type { RawTable } from './types';

/**
 * The missing-value tokens read as gaps by default: pandas.read_csv's list (so a table reads the same here
 * as in pandas), the empty cell among them. A cell is compared after trimming surrounding white space.
 */
export const DEFAULT_NA_TOKENS: readonly string[] = [
  '', '#N/A', '#N/A N/A', '#NA', '-1.#IND', '-1.#QNAN', '-NaN', '-nan', '1.#IND', '1.#QNAN', '<NA>', 'N/A',
  'NA', 'NULL', 'NaN', 'None', 'n/a', 'nan', 'null',
];

/** A column name of blanks alone: no name. */
export function isUnnamed(name: string): boolean {
  return name.trim() === '';
}

/** Refuses an empty column name (where `unnamedAllowed` is false) and duplicate names, naming them. */
export function checkColumnNames(names: readonly string[], source: string, unnamedAllowed = false): void {
  const seen = new Set<string>();
  for (const name of names) {
    if (isUnnamed(name)) {
      if (unnamedAllowed) continue;
      throw new DataError(`${source}: a column has an empty name`);
    }
    if (seen.has(name)) throw new DataError(`${source}: the column '${excerpt(name)}' appears twice`);
    seen.add(name);
  }
}

/** The table from named columns of cells. */
export function tableFromCells(
  source: string,
  names: readonly string[],
  columns: readonly (readonly (string | number | null)[])[],
  na: readonly string[],
): RawTable {
  checkColumnNames(names, source);
  const tokens = new Set(na);
  const rows = columns[0]?.length ?? 0;
  return {
    source,
    rows,
    columns: names.map((name, j) => {
      const builder = new ColumnBuilder(name, tokens, source);
      for (const cell of columns[j]!) builder.add(cell);
      return builder.finish();
    }),
  };
}
