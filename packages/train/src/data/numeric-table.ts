// Which tables train as they always have: numbers alone, no gaps, no column options. Such a table becomes
// the numeric Dataset loadCsv would have read (an `id` column left out, labels as class names), so its
// runs keep their numbers, models and checkpoints; every other table goes through a column plan.
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

/**
 * The table as a numeric Dataset, or undefined where it needs a column plan: a text feature, a gap (the
 * target's included), an identifier-like column, or no such target column (the plan's message names it).
 */
export function numericDataset(table: RawTable, target: string): Dataset | undefined {
  const targetColumn = table.columns.find((c) => c.name === target);
  if (targetColumn === undefined) return undefined;
  const features = table.columns.filter((c) => c !== targetColumn && c.name.toLowerCase() !== 'id');
  if (features.length === 0) return undefined;
  for (const c of features) {
    if (c.kind !== 'number' || c.values.some(Number.isNaN) || looksLikeIdentifier(c.values)) return undefined;
  }
  let names: string[];
  if (targetColumn.kind === 'number') {
    if (targetColumn.values.some(Number.isNaN)) return undefined;
    names = Array.from(targetColumn.values, String);
  } else {
    if (targetColumn.values.includes(null)) return undefined;
    names = targetColumn.values as string[];
  }
  const { labels, y } = encodeLabels(names);
  const { rows } = table;
  const cols = features.length;
  const x = new Float64Array(rows * cols);
  (features as NumberColumn[]).forEach((c, j) => {
    for (let i = 0; i < rows; i++) x[i * cols + j] = c.values[i]!;
  });
  return { featureNames: features.map((c) => c.name), target, labels, x, y, rows, cols };
}
