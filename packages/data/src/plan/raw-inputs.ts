// The raw values a plan reads from a table, column by column, before any filling or encoding: what a model
// that holds the plan itself (an exported ONNX graph) is fed. applyColumnPlan's reading rules, shared.
import { excerpt } from '@lrkit/io';
import { DataError } from '../errors';
import type { RawTable } from '../table/types';
import { datePartsAt, numberAt } from './apply';
import { DATE_PARTS, levelAt, rowIndices } from './rules';
import type { ColumnPlan, ColumnStep, IgnoredStep } from './types';

/** A numeric column: one number per row, NaN for a gap. */
export interface RawNumericInput {
  name: string;
  role: 'numeric';
  values: Float64Array;
}

/** A categorical column: the level per row as text (numbers as JavaScript writes them), null for a gap. */
export interface RawCategoricalInput {
  name: string;
  role: 'categorical';
  values: (string | null)[];
}

/** A date column: its DATE_PARTS per row, row-major [rows][DATE_PARTS.length], NaN for a gap. */
export interface RawDateInput {
  name: string;
  role: 'date';
  values: Float64Array;
}

export type RawPlanInput = RawNumericInput | RawCategoricalInput | RawDateInput;

/**
 * Every column `plan` uses (not the ignored ones, not the target), in plan order, read from `table`'s rows
 * (`rows`, default all; a gap in the target drops nothing here). Missing columns are one DataError naming
 * them all; a cell a numeric or date column cannot read is a DataError naming it, as in applyColumnPlan.
 */
export function rawPlanInputs(plan: ColumnPlan, table: RawTable, options: { rows?: ArrayLike<number> } = {}): RawPlanInput[] {
  const rows = rowIndices(table, options.rows);
  const used = plan.columns.filter((s): s is Exclude<ColumnStep, IgnoredStep> => s.role !== 'ignored');
  const byName = new Map(table.columns.map((c) => [c.name, c]));
  const missing = used.filter((s) => !byName.has(s.name)).map((s) => `'${excerpt(s.name)}'`);
  if (missing.length > 0) {
    const listed = excerpt(table.columns.map((c) => `'${excerpt(c.name)}'`).join(', '), 400);
    throw new DataError(`${table.source}: the model needs the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}, which the data lacks; its columns are: ${listed}`);
  }
  return used.map((step): RawPlanInput => {
    const column = byName.get(step.name)!;
    const { name } = step;
    if (step.role === 'numeric') return { name, role: 'numeric', values: Float64Array.from(rows, (i) => numberAt(column, i, table.source)) };
    if (step.role === 'categorical') return { name, role: 'categorical', values: Array.from(rows, (i) => levelAt(column, i)) };
    const width = DATE_PARTS.length;
    const values = new Float64Array(rows.length * width).fill(NaN);
    rows.forEach((i, r) => {
      const parts = datePartsAt(column, i, table.source);
      if (parts !== undefined) values.set(parts, r * width);
    });
    return { name, role: 'date', values };
  });
}
