import { DataError } from './errors';
import { excerpt } from '@lrkit/io';
import { parseDecimal } from './decimal';

/**
 * Encodes class names to 0..k-1 in sorted order, as scikit-learn's LabelEncoder does (np.unique sorts
 * strings by code point), so a binary B/M target gives B=0, M=1 and a model's output is P(M).
 */
export function encodeLabels(values: readonly string[]): { labels: string[]; y: Int32Array } {
  const labels = [...new Set(values)].sort(byCodePoint);
  const index = new Map(labels.map((name, i) => [name, i]));
  const y = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) y[i] = index.get(values[i]!)!;
  return { labels, y };
}

function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export type TaskKind = 'classification' | 'regression';

/** What `detectTask` chose for a target column, and why, in words for the run's summary. */
export interface TaskDetection {
  task: TaskKind;
  reason: string;
  /** True where the rule guessed: an integer target with few values may be classes or counts. */
  guess: boolean;
}

/** A numeric target with this many distinct integer values or fewer is read as classes. */
export const MAX_INTEGER_CLASSES = 20;

/**
 * The documented rule that picks the task of a target column from its distinct values (`labels`):
 * a non-numeric value makes it classification; a numeric target is regression, unless every value is an
 * integer and there are at most MAX_INTEGER_CLASSES of them, which is read as classes. That last case is a
 * guess (a digit class and a count look alike) and is reported as one.
 */
export function detectTask(labels: readonly string[]): TaskDetection {
  const nonNumeric = labels.find((l) => parseDecimal(l) === undefined);
  if (nonNumeric !== undefined) {
    return { task: 'classification', reason: `the target holds non-numeric values (e.g. '${excerpt(nonNumeric)}')`, guess: false };
  }
  const values = labels.map((l) => parseDecimal(l)!);
  const distinct = new Set(values).size;
  if (values.every(Number.isInteger) && distinct <= MAX_INTEGER_CLASSES) {
    return {
      task: 'classification',
      reason:
        `the target holds ${distinct} distinct integer values (at most ${MAX_INTEGER_CLASSES} are read as classes); ` +
        'a guess: if they are counts or measurements, pass task regression',
      guess: true,
    };
  }
  return { task: 'regression', reason: `the target is numeric with ${distinct} distinct values`, guess: false };
}

/**
 * The target as numbers (a regression target): row i's value is `labels[y[i]]` read as a decimal literal.
 * A value that is not one throws, naming the value and the first data row (1-based) that holds it.
 */
export function numericTarget(labels: readonly string[], y: ArrayLike<number>, target: string): Float64Array {
  const values = labels.map((l) => parseDecimal(l));
  const out = new Float64Array(y.length);
  for (let i = 0; i < y.length; i++) {
    const v = values[y[i]!];
    if (v === undefined) {
      throw new DataError(
        `target '${excerpt(target)}': data row ${i + 1} holds '${excerpt(labels[y[i]!]!)}', which is not a number; regression needs a numeric target`,
      );
    }
    out[i] = v;
  }
  return out;
}
