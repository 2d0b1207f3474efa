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
