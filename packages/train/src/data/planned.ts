// A table through a column plan: the rows whose target is a gap dropped and counted, the split made on the
// rows (the same seeded streams as a numeric table), the plan fitted on the training rows alone and applied
// unchanged to the training, validation and test rows.
import { createHash } from 'node:crypto';
import { applyColumnPlan, encodeLabels, findColumn, fitColumnPlan, planToJSON, type ColumnPlan, type PlannedRows, type RawColumn, type RawTable } from '@lrkit/data';
import { excerpt } from '@lrkit/io';
import { TrainConfigError } from '../errors';
import type { Preprocessing } from '../types';
import { assemble, pick, splitRows } from './split';
import type { BatchSource, PreparedData, PrepareOptions } from './types';
import { chooseTask, labelTargets, targetScaling } from './target';

/**
 * The rows whose target is not a gap, the target's distinct levels (numbers as JavaScript writes them, as
 * the plan does) and, for classes, each kept row's class index in the sorted levels (LabelEncoder's order).
 * No string is made per row: a million-row numeric target makes as many strings as it has distinct values.
 */
function targetLevels(column: RawColumn): { rows: Int32Array; levels: string[]; classIndex: () => Int32Array } {
  const values = column.values as ArrayLike<string | number | null>;
  const kept: number[] = [];
  const distinct = new Set<string | number>();
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v === null || (typeof v === 'number' && Number.isNaN(v))) continue;
    kept.push(i);
    distinct.add(v);
  }
  const rows = Int32Array.from(kept);
  const keys = [...distinct];
  const levels = keys.map(String);
  const classIndex = () => {
    const order = new Map(encodeLabels(levels).labels.map((l, j) => [l, j]));
    const index = new Map(keys.map((k, j) => [k, order.get(levels[j]!)!]));
    return Int32Array.from(rows, (i) => index.get(values[i]!)!);
  };
  return { rows, levels, classIndex };
}

function fingerprintOf(plan: ColumnPlan, parts: readonly PlannedRows[]): string {
  const h = createHash('sha256');
  h.update(planToJSON(plan));
  for (const p of parts) {
    for (const a of [p.x, p.codes, p.y, p.sourceRows]) h.update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  }
  return h.digest('hex');
}

export function preparePlanned(table: RawTable, options: PrepareOptions): PreparedData {
  const column = findColumn(table, options.target, 'target');
  // Every column named by an option is checked before any work, as the plan would name it.
  for (const [names, what] of [[options.categorical, 'categorical'], [options.ignore, 'ignored'], [options.features, 'feature']] as const) {
    for (const name of names ?? []) findColumn(table, name, what);
  }
  const { rows: kept, levels, classIndex } = targetLevels(column);
  if (kept.length === 0) throw new TrainConfigError('target', `'${excerpt(options.target)}' is a gap in every row of ${table.source}`);
  const { task, reason, guess } = chooseTask(levels, options.task ?? 'auto');
  const classification = task === 'classification';
  const labels = classification ? encodeLabels(levels).labels : [];
  const y = classification ? classIndex() : new Int32Array(kept.length);
  if (classification && labels.length < 2) {
    throw new TrainConfigError('target', `'${excerpt(options.target)}' has ${labels.length} class${labels.length === 1 ? ` ('${excerpt(labels[0]!)}')` : 'es'}; classification needs at least 2`);
  }
  // The split sees the kept rows' count and, for stratifying, their classes; its row numbers count the
  // kept rows, mapped back to the table's.
  const local = splitRows({ target: options.target, labels, y, rows: kept.length }, options, classification);
  const split = { train: pick(kept, local.train), val: local.val && pick(kept, local.val), test: pick(kept, local.test) };
  const fitted = fitColumnPlan(table, {
    target: options.target,
    task,
    rows: split.train,
    ...(options.categorical ? { categorical: options.categorical } : {}),
    ...(options.ignore ? { ignore: options.ignore } : {}),
    ...(options.features ? { features: options.features } : {}),
    ...(options.na ? { na: options.na } : {}),
  });
  const plan: ColumnPlan = { ...fitted, droppedTargetGaps: table.rows - kept.length };
  const parts = [split.train, split.val, split.test].map((part) => (part ? applyColumnPlan(plan, table, { rows: part }) : null));
  const [train, val, test] = parts as [PlannedRows, PlannedRows | null, PlannedRows];
  const preprocessing: Preprocessing = {
    featureNames: train.inputNames,
    // The plan scales its inputs: the model's own scaling is the identity.
    mean: train.inputNames.map(() => 0),
    scale: train.inputNames.map(() => 1),
    labels: classification ? labels : [],
    target: options.target,
    task,
    plan,
  };
  let targetOf: (p: PlannedRows) => Float32Array | Int32Array;
  if (classification) {
    // The plan's classes are the training rows' (a stratified split keeps every class there), in the same order.
    targetOf = (p) => labelTargets(p.y as Int32Array, labels.length);
  } else {
    const { mean, scale } = targetScaling(train.y as Float64Array, options.target);
    preprocessing.targetMean = mean;
    preprocessing.targetScale = scale;
    targetOf = (p) => Float32Array.from(p.y as Float64Array, (v) => (v - mean) / scale);
  }
  const lay = (p: PlannedRows): BatchSource => {
    const source: BatchSource = { x: p.x, y: targetOf(p), rows: p.rows, cols: p.cols };
    if (p.embeddings.length > 0) source.codes = p.codes;
    if (!classification) source.targets = Float64Array.from(p.y as Float64Array);
    return source;
  };
  return assemble({ task, reason, guess }, preprocessing, { train, val, test }, lay, {
    embeddings: train.embeddings,
    ...(options.fingerprint ? { fingerprint: fingerprintOf(plan, parts.filter((p): p is PlannedRows => p !== null)) } : {}),
    plan,
  });
}
