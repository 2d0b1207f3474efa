// fitColumnPlan: every decision about the columns, from the training rows only.
import { excerpt } from '@lrkit/io';
import { parseDecimal } from '../decimal';
import { DataError } from '../errors';
import { detectTask } from '../labels';
import type { RawColumn, RawTable } from '../table/types';
import { DEFAULT_NA_TOKENS } from '../table/cells';
import { DATE_FORMATS, DATE_PARTS, dateParts, embeddingSize, looksLikeDate, findColumn, keptRows, levelAt, rowIndices, MAX_ONE_HOT_LEVELS, MIN_IDENTIFIER_ROWS, MIN_LEVEL_ROWS } from './rules';
import type { CategoricalStep, ColumnPlan, ColumnStep, FitPlanOptions, NumericStep, PlanTarget } from './types';

/** The k-th smallest of `a[0..n)` (a is reordered): Hoare's selection, expected linear time. */
function select(a: Float64Array, n: number, k: number): number {
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const pivot = a[(lo + hi) >> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i++] = a[j]!;
        a[j--] = t;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k]!;
  }
  return a[k]!;
}

/** Median of the non-NaN values (mean of the middle two for an even count), mean and scale after filling. */
function numericStep(name: string, values: Float64Array): NumericStep | undefined {
  const present = new Float64Array(values.length);
  let n = 0;
  for (const v of values) if (!Number.isNaN(v)) present[n++] = v;
  if (n === 0) return undefined;
  const mid = n >> 1;
  const upper = select(present, n, mid);
  const median = n % 2 === 1 ? upper : (select(present, mid, mid - 1) + upper) / 2;
  let sum = 0;
  for (const v of values) sum += Number.isNaN(v) ? median : v;
  const mean = sum / values.length;
  let squares = 0;
  for (const v of values) squares += ((Number.isNaN(v) ? median : v) - mean) ** 2;
  const variance = squares / values.length;
  const scale = variance > 0 ? Math.sqrt(variance) : 1;
  return { name, role: 'numeric', median, mean, scale, indicator: n < values.length };
}

function categoricalStep(name: string, levels: readonly (string | null)[], note?: string): CategoricalStep {
  const counts = new Map<string, number>();
  let missing = false;
  for (const level of levels) {
    if (level === null) missing = true;
    else counts.set(level, (counts.get(level) ?? 0) + 1);
  }
  const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const kept = [...counts].filter(([, n]) => n >= MIN_LEVEL_ROWS).map(([l]) => l).sort(byCodePoint);
  const rare = [...counts].filter(([, n]) => n < MIN_LEVEL_ROWS).map(([l]) => l).sort(byCodePoint);
  const codes = kept.length + (missing ? 1 : 0) + (rare.length > 0 ? 1 : 0);
  const step: CategoricalStep = { name, role: 'categorical', levels: kept, missing, rare, encoding: 'one-hot' };
  if (codes > MAX_ONE_HOT_LEVELS) {
    step.encoding = 'embedding';
    step.embeddingSize = embeddingSize(codes + 1);
  }
  if (note !== undefined) step.note = note;
  return step;
}

/** How many rows hold a level seen in fewer than MIN_LEVEL_ROWS rows (what would fold into '(other)'). */
function rowsWithRareLevels(levels: readonly (string | null)[]): number {
  const counts = new Map<string, number>();
  for (const l of levels) if (l !== null) counts.set(l, (counts.get(l) ?? 0) + 1);
  let rows = 0;
  for (const n of counts.values()) if (n < MIN_LEVEL_ROWS) rows += n;
  return rows;
}

/** Each level's date parts (undefined for a gap), or undefined when a level is not a date dateParts reads. */
function datePartsOfAll(levels: readonly (string | null)[]): (number[] | undefined)[] | undefined {
  const out: (number[] | undefined)[] = [];
  for (const level of levels) {
    const parts = level === null ? undefined : dateParts(level);
    if (level !== null && parts === undefined) return undefined;
    out.push(parts);
  }
  return out;
}

function allDistinct(levels: readonly (string | null)[]): boolean {
  return levels.length >= MIN_IDENTIFIER_ROWS && !levels.includes(null) && new Set(levels).size === levels.length;
}

/** The step for one input column, from its training-row values. */
function stepFor(column: RawColumn, rows: Int32Array, forced: boolean, listed: boolean): ColumnStep {
  const { name } = column;
  if (column.kind === 'number' && !forced) {
    const values = new Float64Array(rows.length);
    for (let r = 0; r < rows.length; r++) values[r] = column.values[rows[r]!]!;
    if (!listed && values.every(Number.isInteger) && allDistinct(Array.from(values, String))) {
      return { name, role: 'ignored', note: `every value is a distinct integer: an identifier (list it in features to use it)` };
    }
    return numericStep(name, values) ?? { name, role: 'ignored', note: 'a gap in every training row' };
  }
  const levels = Array.from(rows, (i) => levelAt(column, i));
  if (levels.every((l) => l === null)) return { name, role: 'ignored', note: 'a gap in every training row' };
  const parts = forced ? undefined : datePartsOfAll(levels);
  if (parts !== undefined) {
    return {
      name,
      role: 'date',
      parts: DATE_PARTS.map((part, k) => numericStep(`${name}.${part}`, Float64Array.from(parts, (p) => p?.[k] ?? NaN))!),
    };
  }
  if (!listed && !forced && levels.every((l) => l === null || looksLikeDate(l))) {
    const unread = levels.find((l) => l !== null && dateParts(l) === undefined)!;
    return {
      name,
      role: 'ignored',
      note: `text that looks like dates in a format the plan does not read (e.g. '${excerpt(unread)}'): give dates as ${DATE_FORMATS} (list it in features or categorical to use it as categories)`,
    };
  }
  if (!listed && !forced && allDistinct(levels)) {
    return { name, role: 'ignored', note: 'every value is distinct: an identifier (list it in features to use it)' };
  }
  const rareRows = rowsWithRareLevels(levels);
  if (!listed && !forced && levels.length >= MIN_IDENTIFIER_ROWS && rareRows * 2 > levels.length) {
    return {
      name,
      role: 'ignored',
      note: `${rareRows} of ${levels.length} training rows hold a value seen fewer than ${MIN_LEVEL_ROWS} times: a name or an identifier (list it in features or categorical to use it)`,
    };
  }
  let note: string | undefined;
  if (column.kind === 'text') {
    const text = levels.filter((l): l is string => l !== null && parseDecimal(l) === undefined);
    if (text.length * 2 < levels.length) {
      note = `mostly numbers but holds text (e.g. '${excerpt(text[0]!)}' in ${text.length} rows): read as categories; add it to na to read the column as numbers`;
    }
  }
  return categoricalStep(name, levels, note);
}

/** The distinct levels of `column` in `rows` (numbers counted as numbers before being written as text). */
function distinctLevels(column: RawColumn, rows: Int32Array): string[] {
  const seen = new Set<string | number | null>();
  for (const i of rows) seen.add(column.values[i]!);
  return [...seen].map((v) => (typeof v === 'number' ? String(v) : v!));
}

function checkNames(table: RawTable, names: readonly string[] | undefined, what: string): Set<string> {
  for (const name of names ?? []) findColumn(table, name, what);
  return new Set(names);
}

/**
 * Decides the column plan from `table`'s training rows (`options.rows`, default all): the target's task and
 * classes, and for every other column its role and encoding (see the README's rules). Rows whose target is
 * a gap are dropped and counted. A target with no values, or a name not in the table, is a DataError.
 */
export function fitColumnPlan(table: RawTable, options: FitPlanOptions): ColumnPlan {
  const targetColumn = findColumn(table, options.target, 'target');
  const categorical = checkNames(table, options.categorical, 'categorical');
  const ignore = checkNames(table, options.ignore, 'ignored');
  const features = options.features === undefined ? undefined : checkNames(table, options.features, 'feature');
  const all = rowIndices(table, options.rows);
  const rows = keptRows(targetColumn, all);
  if (rows.length === 0) {
    throw new DataError(`${table.source}: the target column '${options.target}' is a gap in every training row`);
  }
  const distinct = distinctLevels(targetColumn, rows);
  const task = options.task ?? detectTask(distinct).task;
  let target: PlanTarget;
  if (task === 'classification') {
    target = { name: options.target, task, labels: distinct.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)) };
  } else {
    const bad = distinct.find((l) => parseDecimal(l) === undefined);
    if (bad !== undefined) {
      throw new DataError(`${table.source}: target column '${excerpt(options.target)}' holds '${excerpt(bad)}', which is not a number; regression needs a numeric target`);
    }
    target = { name: options.target, task };
  }
  const columns = table.columns
    .filter((c) => c !== targetColumn)
    .map((column): ColumnStep => {
      const { name } = column;
      if (ignore.has(name)) return { name, role: 'ignored', note: 'ignored by request' };
      if (features !== undefined && !features.has(name)) return { name, role: 'ignored', note: 'not among the features listed' };
      return stepFor(column, rows, categorical.has(name), features !== undefined);
    });
  if (columns.every((c) => c.role === 'ignored')) {
    throw new DataError(`${table.source}: no input columns are left besides the target '${options.target}'`);
  }
  return {
    version: 1,
    target,
    na: [...(options.na ?? DEFAULT_NA_TOKENS)],
    columns,
    droppedTargetGaps: all.length - rows.length,
  };
}
