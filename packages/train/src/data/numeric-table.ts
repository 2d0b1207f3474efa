// Which tables train as they always have: numbers alone, no gaps, no column options. Such a table becomes
// the numeric Dataset loadCsv would have read, held column by column (an `id` column left out, labels as
// class names), so its runs keep their numbers, models and checkpoints; every other table goes through a
// column plan.
import type { PlanOptions } from './types';
import { encodeLabels, MIN_IDENTIFIER_ROWS, type Dataset, type NumberColumn, type RawTable } from '@lrkit/data';

const PLAN_OPTIONS = ['categorical', 'ignore', 'features', 'na', 'delimiter'] as const satisfies readonly (keyof PlanOptions)[];

/** The first column option the run sets (each asks for a column plan), or undefined. */
export function planOptionGiven(o: PlanOptions): keyof PlanOptions | undefined {
  return PLAN_OPTIONS.find((k) => o[k] !== undefined);
}

/** Every value a distinct integer: the plan's identifier rule, which a numeric table must not meet silently. */
function looksLikeIdentifier(values: Float64Array): boolean {
  return values.length >= MIN_IDENTIFIER_ROWS && values.every(Number.isInteger) && new Set(values).size === values.length;
}

/** Up to this many classes, a row's class is found in a short list: faster than a Map's hashing of a double. */
const SHORT_LIST = 16;

/**
 * encodeLabels of the values as JavaScript writes them, without a string per row: one per distinct value
 * (a number writes as one string only, and 0 and -0 both as '0', as a Map's keys and === compare them).
 * No rows where a value is a gap. Each row gets its value's first-seen index, renumbered in the labels'
 * order once they are known: one look-up per row.
 */
function numberClasses(values: Float64Array): { labels: string[]; y: Int32Array } {
  const keys: number[] = [];
  const index = new Map<number, number>();
  const y = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v !== v) return { labels: [], y: new Int32Array(0) };
    let c = keys.length <= SHORT_LIST ? keys.indexOf(v) : (index.get(v) ?? -1);
    if (c < 0) {
      c = keys.length;
      keys.push(v);
      index.set(v, c);
    }
    y[i] = c;
  }
  const { labels } = encodeLabels(keys.map(String));
  const order = new Map(labels.map((l, j) => [l, j]));
  const renumber = Int32Array.from(keys, (v) => order.get(String(v))!);
  for (let i = 0; i < y.length; i++) y[i] = renumber[y[i]!]!;
  return { labels, y };
}

/**
 * A numeric data set with its features held column by column (a table's columns as read): the rows are
 * gathered from the columns straight into what each split needs, without a row-major float64 copy of all.
 */
export interface ColumnDataset extends Omit<Dataset, 'x'> {
  columns: Float64Array[];
}

/** An in-memory Dataset's row-major features as columns. */
export function columnsOf(ds: Dataset): ColumnDataset {
  const { x, rows, cols } = ds;
  const columns = Array.from({ length: cols }, () => new Float64Array(rows));
  for (let i = 0, k = 0; i < rows; i++) for (let j = 0; j < cols; j++, k++) columns[j]![i] = x[k]!;
  return { featureNames: ds.featureNames, target: ds.target, labels: ds.labels, columns, y: ds.y, rows, cols };
}

/**
 * The table as a numeric data set, or undefined where it needs a column plan: a text feature, a gap (the
 * target's included), an identifier-like column, or no such target column (the plan's message names it).
 */
export function numericDataset(table: RawTable, target: string): ColumnDataset | undefined {
  const targetColumn = table.columns.find((c) => c.name === target);
  if (targetColumn === undefined) return undefined;
  const features = table.columns.filter((c) => c !== targetColumn && c.name.toLowerCase() !== 'id');
  if (features.length === 0) return undefined;
  for (const c of features) {
    // A gap (NaN) sends the table to the plan.
    if (c.kind !== 'number' || c.values.includes(NaN) || looksLikeIdentifier(c.values)) return undefined;
  }
  let labels: string[];
  let y: Int32Array;
  if (targetColumn.kind === 'number') {
    ({ labels, y } = numberClasses(targetColumn.values));
    if (y.length === 0) return undefined;
  } else {
    if (targetColumn.values.includes(null)) return undefined;
    ({ labels, y } = encodeLabels(targetColumn.values as string[]));
  }
  // The table's own columns, shared, not copied: nothing downstream writes to them (a sweep's table cache
  // hands the same table to the next trial).
  const columns = (features as NumberColumn[]).map((c) => c.values);
  return { featureNames: features.map((c) => c.name), target, labels, columns, y, rows: table.rows, cols: features.length };
}
