// The shapes of prepared data: what prepareData takes and returns.
import type { ColumnPlan, Dataset } from '@lrkit/data';
import type { Preprocessing, Task } from '../types';

/**
 * Rows as laid out for the model's tensors: features float32 row-major; targets float32 0/1 (2 classes),
 * int32 class indices (more classes) or float32 standardised values (regression).
 */
export interface BatchSource {
  x: Float32Array;
  y: Float32Array | Int32Array;
  rows: number;
  cols: number;
  /** Regression: the targets in their own units, float64 as read (metrics are computed against these). */
  targets?: Float64Array;
  /**
   * The integer codes of the embedded categorical columns, row-major [rows][embeddings] (the column plan's
   * 'embedding' encoding, in plan order); absent where the model has no embeddings.
   */
  codes?: Int32Array;
}

/** Where the data comes from: a table path, an in-memory Dataset (@lrkit/data's shape), or the embedded data. */
export type DataSource = string | Dataset | undefined;

/** The column options of a run (config fields of the same names): each asks for a column plan. */
export interface PlanOptions {
  /** Columns read as categories even when they hold numbers. */
  categorical?: readonly string[];
  /** Columns left out. */
  ignore?: readonly string[];
  /** Exactly the input columns (the target aside). */
  features?: readonly string[];
  /** The cells read as gaps (default @lrkit/data's DEFAULT_NA_TOKENS). */
  na?: readonly string[];
  /** The CSV delimiter (default sniffed). */
  delimiter?: string;
}

export interface PrepareOptions extends PlanOptions {
  target: string;
  /** 'auto' (or absent): `detectTask`'s rule decides. */
  task?: Task | 'auto';
  testFraction: number;
  /** Carved from the training rows (stratified for classification); 0 for none. */
  valFraction?: number;
  seed: number;
  /**
   * Compute `PreparedData.fingerprint`: a SHA-256 over every value, which a checkpointed run records and a
   * resume compares. Default false: a run without checkpoints skips its cost (a tenth of a second for a
   * million rows).
   */
  fingerprint?: boolean;
}

/** A data set split, scaled and laid out for training, with what export and prediction need to know. */
export interface PreparedData {
  task: Task;
  taskReason: string;
  taskGuess: boolean;
  /** Class labels in output order; [] for regression. */
  classes: string[];
  preprocessing: Preprocessing;
  train: BatchSource;
  /** The validation split (from the training rows), or null where valFraction is 0. */
  val: BatchSource | null;
  test: BatchSource;
  /**
   * SHA-256 of the data set as prepared (names, values, labels; the column plan where there is one): a
   * checkpoint records it, so a resume on other data is refused. Present where `PrepareOptions.fingerprint`
   * asked for it.
   */
  fingerprint?: string;
  /** The embeddings the plan asks for (its 'embedding' categoricals, in plan order; `codes` in each split); [] for none. */
  embeddings: { name: string; cardinality: number; size: number }[];
  /** The column plan fitted on the training rows (also in `preprocessing.plan`); absent for a numeric table. */
  plan?: ColumnPlan;
}
