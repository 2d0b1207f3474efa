// The column plan: what each raw column becomes, decided once from the training rows and applied
// unchanged to any rows after (validation, test, prediction), as fastai's TabularPandas procs or
// scikit-learn's ColumnTransformer. Plain JSON data, so it travels inside a model.

/** A numeric input: gaps filled with the training median, then standard scaling. */
export interface NumericStep {
  name: string;
  role: 'numeric';
  median: number;
  mean: number;
  scale: number;
  /** A 0/1 "was missing" input follows, because the training rows had gaps here. */
  indicator: boolean;
}

/**
 * A categorical input. Codes: 0 is 'unknown' (a level never seen in training), then `levels` in order,
 * then '(missing)' when training had gaps, then '(other)' when rare levels were folded into it.
 */
export interface CategoricalStep {
  name: string;
  role: 'categorical';
  levels: string[];
  missing: boolean;
  /** Levels seen in fewer than MIN_LEVEL_ROWS training rows: they share the '(other)' code. */
  rare: string[];
  /** One-hot inputs (one per code but 'unknown', which is all zeros), or an integer code for an embedding. */
  encoding: 'one-hot' | 'embedding';
  /** The embedding width (fastai's rule), for encoding 'embedding'. */
  embeddingSize?: number;
  /** Why a numeric-looking column is categorical, when it is. */
  note?: string;
}

/** A year-first date (or date-time) column as numeric parts, each filled and scaled as a numeric input. */
export interface DateStep {
  name: string;
  role: 'date';
  parts: NumericStep[];
}

/** A column not used as an input, with the reason. */
export interface IgnoredStep {
  name: string;
  role: 'ignored';
  note: string;
}

export type ColumnStep = NumericStep | CategoricalStep | DateStep | IgnoredStep;

export type PlanTarget =
  | { name: string; task: 'classification'; labels: string[] }
  | { name: string; task: 'regression' };

export interface ColumnPlan {
  version: 1;
  target: PlanTarget;
  /** Cells read as gaps when the plan was fitted. */
  na: string[];
  columns: ColumnStep[];
  /** Rows dropped because their target was a gap (the rows the plan was fitted on, or the whole table where a trainer drops them before splitting). */
  droppedTargetGaps: number;
}

export interface FitPlanOptions {
  target: string;
  /** Columns read as categories even when numeric (integer codes). */
  categorical?: readonly string[];
  /** Columns left out. */
  ignore?: readonly string[];
  /** Exactly the input columns (the target aside); every other column is ignored. */
  features?: readonly string[];
  /** The task; default by detectTask's rule on the target's values. */
  task?: 'classification' | 'regression';
  /** The rows to fit on (the training rows); default all rows. */
  rows?: ArrayLike<number>;
  /** The gap tokens the table was read with, recorded in the plan for reading later rows alike. */
  na?: readonly string[];
}

/** Rows through a plan: inputs ready for a network. */
export interface PlannedRows {
  rows: number;
  /** Row-major float inputs: numeric, indicators, date parts, one-hot columns. */
  x: Float32Array;
  cols: number;
  /** The name of each column of `x` ('age', 'age (missing)', 'sex=male'). */
  inputNames: string[];
  /** Row-major integer codes, one column per embedded categorical (`embeddings` in order). */
  codes: Int32Array;
  embeddings: { name: string; cardinality: number; size: number }[];
  /** Class index (classification) or value (regression) per row; empty when the target is absent. */
  y: Int32Array | Float64Array;
  /** Which rows of the table these are (rows with a gap in the target are dropped when it is present). */
  sourceRows: Int32Array;
}
