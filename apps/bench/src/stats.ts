/** Median, min and max of a sample: the summary every row reports. */
export interface Summary {
  median: number;
  min: number;
  max: number;
  n: number;
}

/** The median (mean of the two middle values for an even count). Throws on an empty or non-finite sample. */
export function median(values: readonly number[]): number {
  return summarize(values).median;
}

export function summarize(values: readonly number[]): Summary {
  if (values.length === 0) throw new RangeError('cannot summarise an empty sample');
  for (const v of values) {
    if (!Number.isFinite(v)) throw new RangeError(`sample holds a non-finite value: ${v}`);
  }
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const med = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median: med, min: sorted[0]!, max: sorted[sorted.length - 1]!, n: sorted.length };
}
