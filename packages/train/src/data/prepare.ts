import { createHash } from 'node:crypto';
import { applyScaler, DataError, fitStandardScaler, formatOf, loadCsv, numericTarget, readTable, type Dataset, type RawTable } from '@lrkit/data';
import { excerpt } from '@lrkit/io';
import { TrainConfigError } from '../errors';
import type { Preprocessing } from '../types';
import { chooseTask, labelTargets, targetScaling, toFloat32 } from './target';
import { numericDataset, planOptionGiven } from './numeric-table';
import { preparePlanned } from './planned';
import { assemble, splitRows } from './split';
import type { BatchSource, DataSource, PreparedData, PrepareOptions } from './types';

export type { BatchSource, DataSource, PlanOptions, PreparedData, PrepareOptions } from './types';

/** readTable's refusal of a header with an empty column name. */
const UNNAMED_COLUMN = /: a column has an empty name$/;

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
 * identifiers, dates.
 */
export async function prepareData(source: DataSource, options: PrepareOptions): Promise<PreparedData> {
  if (typeof source !== 'string') {
    const asked = planOptionGiven(options);
    // Column options read a table file: an in-memory Dataset and the embedded data are numbers already.
    if (asked !== undefined) throw new TrainConfigError(asked, `applies to a table read from a file (data), not to ${source === undefined ? 'the embedded data set' : 'an in-memory data set'}`);
    return prepareDataset(source ?? loadCsv(undefined, { target: options.target }), options);
  }
  let table: RawTable;
  try {
    table = await readTable(source, {
      ...(options.delimiter !== undefined ? { delimiter: options.delimiter } : {}),
      ...(options.na !== undefined ? { na: options.na } : {}),
    });
  } catch (err) {
    // readTable refuses a column without a name; the Kaggle data.csv layout ends every line with a delimiter,
    // an unnamed column that loadCsv reads (it must be empty in every row), numbers only, as it always has.
    if (!(err instanceof DataError && UNNAMED_COLUMN.test(err.message) && planOptionGiven(options) === undefined && formatOf(source) === 'csv')) throw err;
    return prepareDataset(loadCsv(source, { target: options.target }), options);
  }
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
  // Rows are split by index so the regression values follow them: y holds the row number during the split.
  const indexed: Dataset = classification ? ds : { ...ds, y: Int32Array.from({ length: ds.rows }, (_, i) => i), labels: [] };
  const { train: trainRows, val: valRows, test: testRows } = splitRows(indexed, options, classification);
  const scaler = fitStandardScaler(trainRows);
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
    const trainY = Float64Array.from(trainRows.y, (i) => values![i]!);
    const { mean, scale } = targetScaling(trainY, ds.target);
    preprocessing.targetMean = mean;
    preprocessing.targetScale = scale;
    targetOf = (part) => Float32Array.from(part.y, (i) => (values![i]! - mean) / scale);
  }
  const lay = (part: Dataset, what: string): BatchSource => {
    const source: BatchSource = {
      x: toFloat32(applyScaler(part, scaler).x, `the scaled ${what} rows`),
      y: targetOf(part),
      rows: part.rows,
      cols: part.cols,
    };
    if (!classification) source.targets = Float64Array.from(part.y, (i) => values![i]!);
    return source;
  };
  return assemble({ task, reason, guess }, preprocessing, { train: trainRows, val: valRows, test: testRows }, lay, { fingerprint: fingerprintOf(ds), embeddings: [] });
}
