import { createHash } from 'node:crypto';
import { fitStandardScaler, loadCsv, numericTarget, readTable } from '@lrkit/data';
import { excerpt } from '@lrkit/io';
import { TrainConfigError } from '../errors';
import type { Preprocessing } from '../types';
import { chooseTask, labelTargets, targetScaling, scaledFloat32Rows } from './target';
import { columnsOf, numericDataset, planOptionGiven, type ColumnDataset } from './numeric-table';
import { forEachRowBlock, partsFromBlocks } from './row-blocks';
import { preparePlanned } from './planned';
import { assemble, pick, splitRows } from './split';
import type { TableReader } from './table-cache';
import type { BatchSource, DataSource, PreparedData, PrepareOptions } from './types';

export type { BatchSource, DataSource, PlanOptions, PreparedData, PrepareOptions } from './types';

/**
 * Each part's rows as float64, row-major, in the part's order, and, where asked, the fingerprint of the
 * data set (SHA-256 of its names, its features as row-major float64 and its classes), in one pass over the
 * columns.
 */
function readParts(ds: ColumnDataset, parts: readonly Int32Array[], fingerprint: boolean): { xs: Float64Array[]; fingerprint?: string } {
  const { xs, place } = partsFromBlocks(ds.rows, ds.cols, parts);
  if (!fingerprint) {
    forEachRowBlock(ds.columns, ds.rows, place);
    return { xs };
  }
  const h = createHash('sha256');
  h.update(JSON.stringify([ds.featureNames, ds.target, ds.labels, ds.rows, ds.cols]));
  forEachRowBlock(ds.columns, ds.rows, (block, first, count) => {
    h.update(new Uint8Array(block.buffer, block.byteOffset, block.byteLength));
    place(block, first, count);
  });
  h.update(new Uint8Array(ds.y.buffer, ds.y.byteOffset, ds.y.byteLength));
  return { xs, fingerprint: h.digest('hex') };
}

/**
 * Loads and prepares a data set. A table file is read by @lrkit/data's readTable (CSV or TSV with its
 * delimiter sniffed, JSON, NDJSON, Parquet). A table of numbers alone, without gaps and without column
 * options, trains as numeric features scaled as scikit-learn's StandardScaler (`prepareNumeric`); any other
 * table goes through a column plan fitted on the training rows (`preparePlanned`): text columns, gaps,
 * identifiers, dates. `read` reads the file (a sweep's trial process passes a `tableCache`).
 */
export async function prepareData(source: DataSource, options: PrepareOptions, read: TableReader = readTable): Promise<PreparedData> {
  if (typeof source !== 'string') {
    const asked = planOptionGiven(options);
    // Column options read a table file: an in-memory Dataset and the embedded data are numbers already.
    if (asked !== undefined) throw new TrainConfigError(asked, `applies to a table read from a file (data), not to ${source === undefined ? 'the embedded data set' : 'an in-memory data set'}`);
    return prepareNumeric(columnsOf(source ?? loadCsv(undefined, { target: options.target })), options);
  }
  const table = await read(source, {
    ...(options.delimiter !== undefined ? { delimiter: options.delimiter } : {}),
    ...(options.na !== undefined ? { na: options.na } : {}),
  });
  const numeric = planOptionGiven(options) !== undefined ? undefined : numericDataset(table, options.target);
  return numeric ? prepareNumeric(numeric, options) : preparePlanned(table, options);
}

/**
 * A numeric data set: picks the task, splits (seeded; stratified by class for classification),
 * carves the validation split from the training rows, fits the feature scaling (and, for regression, the
 * target's standardisation) on the training rows alone, and lays everything out as float32. The seed's
 * 'split' and 'val' streams decide the rows.
 */
function prepareNumeric(ds: ColumnDataset, options: PrepareOptions): PreparedData {
  const { task, reason, guess } = chooseTask(ds.labels, options.task ?? 'auto');
  const classification = task === 'classification';
  if (classification && ds.labels.length < 2) {
    throw new TrainConfigError('target', `'${excerpt(ds.target)}' has ${ds.labels.length} class${ds.labels.length === 1 ? ` ('${excerpt(ds.labels[0]!)}')` : 'es'}; classification needs at least 2`);
  }
  // Regression reads the labels as numbers: a non-numeric cell is refused here, naming its row.
  const values = classification ? null : numericTarget(ds.labels, ds.y, ds.target);
  // The split sees the rows' count and classes, and hands out row numbers: the features are read once per
  // part, not copied by the split and again by scaling and float32.
  const split = splitRows(ds, options, classification);
  const parts = split.val ? [split.train, split.val, split.test] : [split.train, split.test];
  const { xs, fingerprint } = readParts(ds, parts, options.fingerprint === true);
  // A part's features: the rows read for it, row-major.
  const features = (part: Int32Array) => ({ x: xs[parts.indexOf(part)]!, rows: part.length, cols: ds.cols });
  const scaler = fitStandardScaler(features(split.train));
  const preprocessing: Preprocessing = {
    featureNames: [...ds.featureNames],
    mean: Array.from(scaler.mean),
    scale: Array.from(scaler.scale),
    labels: classification ? [...ds.labels] : [],
    target: ds.target,
    task,
  };
  let targetOf: (part: Int32Array) => Float32Array | Int32Array;
  if (classification) {
    targetOf = (part) => labelTargets(pick(ds.y, part), ds.labels.length);
  } else {
    const trainY = Float64Array.from(split.train, (i) => values![i]!);
    const { mean, scale } = targetScaling(trainY, ds.target);
    preprocessing.targetMean = mean;
    preprocessing.targetScale = scale;
    targetOf = (part) => Float32Array.from(part, (i) => (values![i]! - mean) / scale);
  }
  const lay = (part: Int32Array, what: string): BatchSource => {
    const source: BatchSource = {
      x: scaledFloat32Rows(features(part), scaler, `the scaled ${what} rows`),
      y: targetOf(part),
      rows: part.length,
      cols: ds.cols,
    };
    if (!classification) source.targets = Float64Array.from(part, (i) => values![i]!);
    return source;
  };
  return assemble({ task, reason, guess }, preprocessing, split, lay, { ...(fingerprint !== undefined ? { fingerprint } : {}), embeddings: [] });
}
