import { createHash } from 'node:crypto';
import { fitStandardScaler, loadCsv, numericTarget, readTable, subset, type Dataset } from '@lrkit/data';
import { excerpt } from '@lrkit/io';
import { TrainConfigError } from '../errors';
import type { Preprocessing } from '../types';
import { chooseTask, labelTargets, targetScaling, scaledFloat32Rows } from './target';
import { numericDataset, planOptionGiven } from './numeric-table';
import { preparePlanned } from './planned';
import { assemble, splitRows } from './split';
import type { TableReader } from './table-cache';
import type { BatchSource, DataSource, PreparedData, PrepareOptions } from './types';

export type { BatchSource, DataSource, PlanOptions, PreparedData, PrepareOptions } from './types';

function fingerprintOf(ds: Dataset): string {
  const h = createHash('sha256');
  h.update(JSON.stringify([ds.featureNames, ds.target, ds.labels, ds.rows, ds.cols]));
  h.update(new Uint8Array(ds.x.buffer, ds.x.byteOffset, ds.x.byteLength));
  h.update(new Uint8Array(ds.y.buffer, ds.y.byteOffset, ds.y.byteLength));
  return h.digest('hex');
}

/**
 * Loads and prepares a data set. A table file is read by @lrkit/data's readTable (CSV or TSV with its
 * delimiter sniffed, JSON, NDJSON, Parquet). A table of numbers alone, without gaps and without column
 * options, trains as numeric features scaled as scikit-learn's StandardScaler (`prepareDataset`); any other
 * table goes through a column plan fitted on the training rows (`preparePlanned`): text columns, gaps,
 * identifiers, dates. `read` reads the file (a sweep's trial process passes a `tableCache`).
 */
export async function prepareData(source: DataSource, options: PrepareOptions, read: TableReader = readTable): Promise<PreparedData> {
  if (typeof source !== 'string') {
    const asked = planOptionGiven(options);
    // Column options read a table file: an in-memory Dataset and the embedded data are numbers already.
    if (asked !== undefined) throw new TrainConfigError(asked, `applies to a table read from a file (data), not to ${source === undefined ? 'the embedded data set' : 'an in-memory data set'}`);
    return prepareDataset(source ?? loadCsv(undefined, { target: options.target }), options);
  }
  const table = await read(source, {
    ...(options.delimiter !== undefined ? { delimiter: options.delimiter } : {}),
    ...(options.na !== undefined ? { na: options.na } : {}),
  });
  const numeric = planOptionGiven(options) !== undefined ? undefined : numericDataset(table, options.target);
  return numeric ? prepareDataset(numeric, options) : preparePlanned(table, options);
}

/**
 * An in-memory numeric Dataset: picks the task, splits (seeded; stratified by class for classification),
 * carves the validation split from the training rows, fits the feature scaling (and, for regression, the
 * target's standardisation) on the training rows alone, and lays everything out as float32. The seed's
 * 'split' and 'val' streams decide the rows.
 */
export function prepareDataset(ds: Dataset, options: PrepareOptions): PreparedData {
  const { task, reason, guess } = chooseTask(ds.labels, options.task ?? 'auto');
  const classification = task === 'classification';
  if (classification && ds.labels.length < 2) {
    throw new TrainConfigError('target', `'${excerpt(ds.target)}' has ${ds.labels.length} class${ds.labels.length === 1 ? ` ('${excerpt(ds.labels[0]!)}')` : 'es'}; classification needs at least 2`);
  }
  // Regression reads the labels as numbers: a non-numeric cell is refused here, naming its row.
  const values = classification ? null : numericTarget(ds.labels, ds.y, ds.target);
  // The split sees row numbers (as x, one column) and, for stratifying, the class of each row, so the
  // features are gathered once per part, not copied by the split and again by scaling and float32.
  const rowNumbers = new Float64Array(ds.rows);
  for (let i = 0; i < ds.rows; i++) rowNumbers[i] = i;
  const rowsAsData: Dataset = { ...ds, featureNames: ['row'], x: rowNumbers, cols: 1, ...(classification ? {} : { y: new Int32Array(ds.rows), labels: [] }) };
  const { train: trainRows, val: valRows, test: testRows } = splitRows(rowsAsData, options, classification);
  // The training rows are gathered once into one block (float64, as the scaler fits them): the fit's two
  // passes and the scaling then read it in order instead of gathering from ds three times.
  const trainX = subset(ds, trainRows.x);
  const scaler = fitStandardScaler(trainX);
  const preprocessing: Preprocessing = {
    featureNames: [...ds.featureNames],
    mean: Array.from(scaler.mean),
    scale: Array.from(scaler.scale),
    labels: classification ? [...ds.labels] : [],
    target: ds.target,
    task,
  };
  let targetOf: (part: Dataset) => Float32Array | Int32Array;
  if (classification) {
    targetOf = (part) => labelTargets(part.y, ds.labels.length);
  } else {
    const trainY = Float64Array.from(trainRows.x, (i) => values![i]!);
    const { mean, scale } = targetScaling(trainY, ds.target);
    preprocessing.targetMean = mean;
    preprocessing.targetScale = scale;
    targetOf = (part) => Float32Array.from(part.x, (i) => (values![i]! - mean) / scale);
  }
  const lay = (part: Dataset, what: string): BatchSource => {
    const source: BatchSource = {
      x: part === trainRows ? scaledFloat32Rows(trainX, scaler, `the scaled ${what} rows`) : scaledFloat32Rows(ds, scaler, `the scaled ${what} rows`, part.x),
      y: targetOf(part),
      rows: part.rows,
      cols: ds.cols,
    };
    if (!classification) source.targets = Float64Array.from(part.x, (i) => values![i]!);
    return source;
  };
  return assemble({ task, reason, guess }, preprocessing, { train: trainRows, val: valRows, test: testRows }, lay, { fingerprint: fingerprintOf(ds), embeddings: [] });
}
