// The public types of @lrkit/data. @lrkit/train and the CLI code against these.

/**
 * A tabular data set in memory: numeric features, one encoded class label per row.
 * `x` is row-major: the value of feature `j` in row `i` is `x[i * cols + j]`.
 */
export interface Dataset {
  /** Feature column names, in file order (the target and any `id` column removed). */
  featureNames: string[];
  /** Name of the target column. */
  target: string;
  /** Label names by encoded value, sorted like scikit-learn's LabelEncoder (e.g. ['B', 'M']: B=0, M=1). */
  labels: string[];
  x: Float64Array;
  y: Int32Array;
  rows: number;
  cols: number;
}

export interface LoadOptions {
  /** Target column; default 'diagnosis'. */
  target?: string;
  /** Read a file without the target column too (rows to predict): `labels` and `y` are then empty. */
  targetOptional?: boolean;
  /** The largest file read, in bytes; default none (a file is read when its rows fit in memory). A larger file is refused. */
  maxBytes?: number;
  /** The memory the load may count on, in bytes; default what the system has available now (see readTable). */
  availableMemory?: number;
}

/** The one thing a split needs from a random number generator (@lrkit/core's Rng has it). */
export interface PermutationSource {
  permutation(n: number): Int32Array;
}

export interface SplitOptions {
  /**
   * Split every class in proportion (scikit-learn's `stratify=y`): each class needs at least 2 rows and the
   * smaller side at least one row per class. Default false: a plain shuffle split.
   */
  stratify?: boolean;
  /** What the held-out side is called in messages ('test', 'validation'); default 'test'. */
  what?: string;
  /** Fraction of rows held out for testing, in (0, 1). The test split has ceil(testFraction * rows) rows. */
  testFraction: number;
  rng: PermutationSource;
}

/** What a split reads of a data set: its size and, to stratify, its classes (and its target's name, for messages). */
export type SplitRows = Pick<Dataset, 'rows' | 'y' | 'labels' | 'target'>;

export interface Split {
  train: Dataset;
  test: Dataset;
}

/** Standard scaling fitted on one data set: x' = (x - mean) / scale, per feature. */
export interface StandardScaler {
  mean: Float64Array;
  /** Population standard deviation; 1 for a constant feature (as scikit-learn does). */
  scale: Float64Array;
}
