// applyColumnPlan: a fitted plan on any rows (training, validation, test, rows to predict), unchanged.
import { excerpt } from '@lrkit/io';
import { parseDecimal } from '../decimal';
import { DataError } from '../errors';
import type { RawColumn, RawTable } from '../table/types';
import { DATE_FORMATS, dateParts, findColumn, keptRows, levelAt, rowIndices } from './rules';
import type { CategoricalStep, ColumnPlan, DateStep, NumericStep, PlannedRows } from './types';

/** The output width of each step: numeric 1 (+1 indicator), one-hot 1 per code but 'unknown'. */
function oneHotWidth(step: CategoricalStep): number {
  return step.levels.length + (step.missing ? 1 : 0) + (step.rare.length > 0 ? 1 : 0);
}

/**
 * The code of every level the plan knows (kept levels 1.., rare ones the '(other)' code) and of a gap
 * ('(missing)', or 0 when training had no gaps here). Any other level is 0, 'unknown'.
 */
export function levelCodes(step: CategoricalStep): { codes: Map<string, number>; missing: number } {
  const codes = new Map(step.levels.map((l, k) => [l, k + 1]));
  const other = step.levels.length + (step.missing ? 2 : 1);
  for (const level of step.rare) codes.set(level, other);
  return { codes, missing: step.missing ? step.levels.length + 1 : 0 };
}

/** Code of a level: 0 unknown, 1.. the levels, then '(missing)', then '(other)'. */
function coder(step: CategoricalStep): (level: string | null) => number {
  const { codes, missing } = levelCodes(step);
  return (level) => (level === null ? missing : (codes.get(level) ?? 0));
}

/** Row `i`'s number in `column` (NaN for a gap); text that is no number is refused, naming the cell. */
export function numberAt(column: RawColumn, i: number, source: string): number {
  if (column.kind === 'number') return column.values[i]!;
  const text = column.values[i];
  if (text === null || text === undefined) return NaN;
  const value = parseDecimal(text);
  if (value === undefined) throw new DataError(`${source}: column '${excerpt(column.name)}', data row ${i + 1} holds '${excerpt(text)}', which is not a number`);
  return value;
}

function putNumeric(step: NumericStep, value: number, out: Float32Array, at: number): number {
  const missing = Number.isNaN(value);
  out[at] = ((missing ? step.median : value) - step.mean) / step.scale;
  if (step.indicator) out[at + 1] = missing ? 1 : 0;
  return at + (step.indicator ? 2 : 1);
}

/** Row `i`'s date parts (DATE_PARTS order), undefined for a gap; text that is no date dateParts reads is refused. */
export function datePartsAt(column: RawColumn, i: number, source: string): number[] | undefined {
  const text = levelAt(column, i);
  const parts = text === null ? undefined : dateParts(text);
  if (text !== null && parts === undefined) {
    throw new DataError(`${source}: column '${excerpt(column.name)}', data row ${i + 1} holds '${excerpt(text)}', which is not a date the plan reads (${DATE_FORMATS})`);
  }
  return parts;
}

function putDate(step: DateStep, column: RawColumn, i: number, source: string, out: Float32Array, at: number): void {
  const parts = datePartsAt(column, i, source);
  let c = at;
  step.parts.forEach((p, k) => (c = putNumeric(p, parts?.[k] ?? NaN, out, c)));
}

/** What a plan gives a network: the names of its float inputs and the embeddings after them, in order. */
export function planInputs(plan: ColumnPlan): { inputNames: string[]; embeddings: { name: string; cardinality: number; size: number }[] } {
  const embedded = plan.columns.filter((s): s is CategoricalStep => s.role === 'categorical' && s.encoding === 'embedding');
  return { inputNames: inputNames(plan), embeddings: embedded.map((s) => ({ name: s.name, cardinality: oneHotWidth(s) + 1, size: s.embeddingSize! })) };
}

function inputNames(plan: ColumnPlan): string[] {
  const names: string[] = [];
  const numeric = (s: NumericStep) => names.push(s.name, ...(s.indicator ? [`${s.name} (missing)`] : []));
  for (const step of plan.columns) {
    if (step.role === 'numeric') numeric(step);
    else if (step.role === 'date') step.parts.forEach(numeric);
    else if (step.role === 'categorical' && step.encoding === 'one-hot') {
      names.push(...step.levels.map((l) => `${step.name}=${l}`));
      if (step.missing) names.push(`${step.name}=(missing)`);
      if (step.rare.length > 0) names.push(`${step.name}=(other)`);
    }
  }
  return names;
}

/** The target per kept row, and which rows are kept (a gap in the target drops the row). */
function targets(plan: ColumnPlan, table: RawTable, rows: Int32Array) {
  const column = table.columns.find((c) => c.name === plan.target.name);
  if (column === undefined) return { y: new Int32Array(0), kept: rows };
  const kept = keptRows(column, rows);
  const { target } = plan;
  if (target.task === 'regression') return { y: Float64Array.from(kept, (i) => numberAt(column, i, table.source)), kept };
  const index = new Map<string | number, number>(target.labels.map((l, k) => [l, k]));
  // A number target's classes are looked up by value, each written as text once.
  if (column.kind === 'number') for (const l of target.labels) if (parseDecimal(l) !== undefined) index.set(parseDecimal(l)!, index.get(l)!);
  const y = Int32Array.from(kept, (i) => {
    const k = index.get(column.values[i]!);
    if (k === undefined) {
      throw new DataError(`${table.source}: target '${excerpt(target.name)}', data row ${i + 1} holds '${excerpt(String(levelAt(column, i)))}', a class the plan does not know`);
    }
    return k;
  });
  return { y, kept };
}

/**
 * Applies `plan` to `table`'s rows (`rows`, default all): a Float32 input matrix, the integer codes of the
 * embedded categoricals, and the target when the table has it. A level never seen in training is 'unknown'
 * (all zeros one-hot, code 0), a gap takes the training median or the '(missing)' level; neither is an error.
 */
export function applyColumnPlan(plan: ColumnPlan, table: RawTable, options: { rows?: ArrayLike<number> } = {}): PlannedRows {
  const all = rowIndices(table, options.rows);
  const { y, kept } = targets(plan, table, all);
  const names = inputNames(plan);
  const cols = names.length;
  const embedded = plan.columns.filter((s): s is CategoricalStep => s.role === 'categorical' && s.encoding === 'embedding');
  const x = new Float32Array(kept.length * cols);
  const codes = new Int32Array(kept.length * embedded.length);
  let at = 0;
  let e = 0;
  for (const step of plan.columns) {
    if (step.role === 'ignored') continue;
    const column = findColumn(table, step.name, 'input');
    const width = step.role === 'numeric' ? (step.indicator ? 2 : 1) : step.role === 'date' ? step.parts.reduce((w, p) => w + (p.indicator ? 2 : 1), 0) : 0;
    if (step.role === 'numeric') {
      for (let r = 0; r < kept.length; r++) putNumeric(step, numberAt(column, kept[r]!, table.source), x, r * cols + at);
    }
    if (step.role === 'date') {
      for (let r = 0; r < kept.length; r++) putDate(step, column, kept[r]!, table.source, x, r * cols + at);
    }
    if (step.role === 'categorical') {
      const code = coder(step);
      if (step.encoding === 'one-hot') {
        kept.forEach((i, r) => {
          const k = code(levelAt(column, i));
          if (k > 0) x[r * cols + at + k - 1] = 1;
        });
        at += oneHotWidth(step);
      } else {
        kept.forEach((i, r) => (codes[r * embedded.length + e] = code(levelAt(column, i))));
        e++;
      }
    }
    at += width;
  }
  return {
    rows: kept.length,
    x,
    cols,
    inputNames: names,
    codes,
    embeddings: embedded.map((s) => ({ name: s.name, cardinality: oneHotWidth(s) + 1, size: s.embeddingSize! })),
    y,
    sourceRows: Int32Array.from(kept),
  };
}
