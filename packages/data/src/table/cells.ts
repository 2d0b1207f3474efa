// How one cell of text becomes a gap, a number or text: the same rule for every format, so the same data
// read from CSV, JSON or Parquet gives the same raw table.
import { MAX_FEATURE_MAGNITUDE } from '../csv';
import { parseDecimal } from '../decimal';
import { DataError } from '../errors';
import type { RawColumn, RawTable } from './types';

/**
 * The missing-value tokens read as gaps by default: pandas.read_csv's list (so a table reads the same here
 * as in pandas), the empty cell among them. A cell is compared after trimming surrounding white space.
 */
export const DEFAULT_NA_TOKENS: readonly string[] = [
  '', '#N/A', '#N/A N/A', '#NA', '-1.#IND', '-1.#QNAN', '-NaN', '-nan', '1.#IND', '1.#QNAN', '<NA>', 'N/A',
  'NA', 'NULL', 'NaN', 'None', 'n/a', 'nan', 'null',
];

/** Refuses a number beyond MAX_FEATURE_MAGNITUDE (float32's squares must stay finite) (or not finite), naming the column and the data row. */
export function checkMagnitude(value: number, source: string, column: string, row: number): void {
  if (!(Math.abs(value) <= MAX_FEATURE_MAGNITUDE)) {
    throw new DataError(
      `${source}: column '${column}', data row ${row + 1} holds ${value}, beyond the ±1.8e19 lrkit can train on ` +
        '(float32, whose squares must stay finite)',
    );
  }
}

/**
 * A column from its cells as text (null for a cell that is absent, e.g. JSON null): gaps by `na`, and a
 * number column when every other cell is a decimal literal (parseDecimal), else a text column. Numbers
 * already typed as numbers (JSON, Parquet) come in as numbers.
 */
export function columnFromCells(
  name: string,
  cells: readonly (string | number | null)[],
  na: ReadonlySet<string>,
  source: string,
): RawColumn {
  const numbers = new Float64Array(cells.length);
  let allNumbers = true;
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i];
    if (cell === null || cell === undefined) numbers[i] = NaN;
    else if (typeof cell === 'number') numbers[i] = cell;
    else {
      const text = cell.trim();
      if (na.has(text)) numbers[i] = NaN;
      else {
        const value = parseDecimal(text);
        if (value === undefined) {
          allNumbers = false;
          break;
        }
        numbers[i] = value;
      }
    }
  }
  if (allNumbers) {
    for (let i = 0; i < numbers.length; i++) if (!Number.isNaN(numbers[i]!)) checkMagnitude(numbers[i]!, source, name, i);
    return { name, kind: 'number', values: numbers };
  }
  // Text: numbers typed as numbers are written as JavaScript writes them, so a JSON 7 and a CSV '7' agree.
  const values = cells.map((cell) => {
    if (cell === null || cell === undefined) return null;
    const text = typeof cell === 'number' ? String(cell) : cell.trim();
    return na.has(text) ? null : text;
  });
  return { name, kind: 'text', values };
}

/** Refuses duplicate and empty column names, naming them. */
export function checkColumnNames(names: readonly string[], source: string): void {
  const seen = new Set<string>();
  for (const name of names) {
    if (name.trim() === '') throw new DataError(`${source}: a column has an empty name`);
    if (seen.has(name)) throw new DataError(`${source}: the column '${name}' appears twice`);
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
  return { source, rows, columns: names.map((name, j) => columnFromCells(name, columns[j]!, tokens, source)) };
}
