// The settings a sweep searched, how to place each on an axis, and how much of the metric's spread each
// explains on its own.
//
// Importance here is the first-order variance share, adjusted for chance: epsilon-squared of a one-way
// ANOVA of the metric over the setting's values (numeric settings cut into equal-count bins),
//   eps^2 = (SS_between - (k - 1) * MS_within) / SS_total, clipped at 0,
// the share of the metric's variance that the setting's main effect explains, less what k groups of noise
// would explain. fANOVA (Optuna's default) measures the same main effects, but on a random forest fitted
// to the trials; this reads them off the trials directly, so it needs no model and is exact on a grid, and
// it sees no interactions. Unlike Optuna's it is not normalised to sum to 1: the rest is interactions and noise.
import type { MetricName } from './schema';
import type { TrialRecord } from './trial';

export interface Setting {
  key: string;
  /** Numbers on a linear or log axis, or names (strings, objects and arrays as JSON) on a categorical one. */
  kind: 'numeric' | 'categorical';
  /** A numeric setting spanning two decades or more, all > 0 (a rate, a weight decay). */
  log: boolean;
  /** The names of a categorical setting's values (short: see categoryNames), in the order first seen. */
  categories: string[];
  /** The value of a trial on the setting's axis (undefined where the trial does not set it). */
  valueOf(t: TrialRecord): number | string | undefined;
}

/** A setting's value as a category name: strings as they are, the rest as JSON. */
export const categoryOf = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Short names for a categorical setting's values: objects (schedules) by their `type` and the fields in
 * which they differ, `warmup-cosine warmupSteps=50`; the JSON where that would name two values alike.
 */
function categoryNames(values: unknown[]): Map<string, string> {
  const distinct = new Map(values.map((v) => [categoryOf(v), v]));
  if (![...distinct.values()].every(isObject)) return new Map([...distinct.keys()].map((k) => [k, k]));
  const objects = [...distinct.values()] as Record<string, unknown>[];
  const fields = [...new Set(objects.flatMap(Object.keys))].filter((f) => f !== 'type' && new Set(objects.map((o) => JSON.stringify(o[f]))).size > 1);
  const name = (o: Record<string, unknown>) =>
    [typeof o.type === 'string' ? o.type : '', ...fields.filter((f) => o[f] !== undefined).map((f) => `${f}=${typeof o[f] === 'string' ? o[f] : JSON.stringify(o[f])}`)].filter(Boolean).join(' ');
  const names = new Map([...distinct].map(([k, o]) => [k, name(o as Record<string, unknown>)]));
  return new Set(names.values()).size === names.size ? names : new Map([...distinct.keys()].map((k) => [k, k]));
}

/** The settings that differ between trials (a setting every trial shares was not searched). */
export function searchedSettings(trials: readonly TrialRecord[]): Setting[] {
  const keys = [...new Set(trials.flatMap((t) => Object.keys(t.params)))];
  const out: Setting[] = [];
  for (const key of keys) {
    const present = trials.map((t) => t.params[key]).filter((v) => v !== undefined);
    if (new Set(present.map(categoryOf)).size < 2) continue;
    const numeric = present.every((v) => typeof v === 'number' && Number.isFinite(v));
    if (numeric) {
      const nums = present as number[];
      const lo = Math.min(...nums);
      out.push({ key, kind: 'numeric', log: lo > 0 && Math.max(...nums) / lo >= 100, categories: [], valueOf: (t) => t.params[key] as number | undefined });
    } else {
      const names = categoryNames(present);
      out.push({ key, kind: 'categorical', log: false, categories: [...names.values()], valueOf: (t) => (t.params[key] === undefined ? undefined : names.get(categoryOf(t.params[key]))) });
    }
  }
  return out;
}

/** Group labels for the trials: a categorical value itself, a numeric one's equal-count bin (equal values share one). */
function groups(values: (number | string)[]): number[] {
  if (typeof values[0] === 'string') {
    const ids = new Map<string, number>();
    return values.map((v) => ids.get(v as string) ?? ids.set(v as string, ids.size).get(v as string)!);
  }
  const nums = values as number[];
  const distinct = [...new Set(nums)].sort((a, b) => a - b);
  const bins = Math.min(distinct.length, Math.max(2, Math.round(Math.sqrt(nums.length))));
  if (distinct.length === bins) return nums.map((v) => distinct.indexOf(v));
  // The bin of each distinct value by its rank among all trials (ties in one bin).
  const sorted = [...nums].sort((a, b) => a - b);
  const binOf = new Map(distinct.map((v) => [v, Math.min(bins - 1, Math.floor((sorted.indexOf(v) * bins) / nums.length))]));
  return nums.map((v) => binOf.get(v)!);
}

export interface Importance {
  key: string;
  /** eps^2 in [0, 1], or undefined where it cannot be estimated (why in `note`). */
  value: number | undefined;
  groups: number;
  trials: number;
  note?: string;
}

/** Each searched setting's importance for `metric`, over the finished trials with a finite metric; largest first. */
export function settingImportance(trials: readonly TrialRecord[], settings: readonly Setting[], metric: MetricName): Importance[] {
  const scored = trials.filter((t) => t.status === 'done' && Number.isFinite(t.metrics?.[metric]));
  const out = settings.map((s): Importance => {
    const rows = scored.filter((t) => s.valueOf(t) !== undefined);
    const ys = rows.map((t) => t.metrics![metric]!);
    const g = rows.length ? groups(rows.map((t) => s.valueOf(t)!)) : [];
    const k = new Set(g).size;
    const n = ys.length;
    if (k < 2 || n - k < 1) return { key: s.key, value: undefined, groups: k, trials: n, note: k < 2 ? 'one value among the finished trials' : 'every finished trial has its own value' };
    const mean = ys.reduce((a, b) => a + b, 0) / n;
    const sums = new Map<number, { sum: number; n: number }>();
    g.forEach((gi, i) => {
      const e = sums.get(gi) ?? { sum: 0, n: 0 };
      e.sum += ys[i]!;
      e.n += 1;
      sums.set(gi, e);
    });
    const ssTotal = ys.reduce((a, y) => a + (y - mean) ** 2, 0);
    const ssBetween = [...sums.values()].reduce((a, e) => a + e.n * (e.sum / e.n - mean) ** 2, 0);
    if (ssTotal === 0) return { key: s.key, value: 0, groups: k, trials: n, note: 'every finished trial scored the same' };
    const msWithin = (ssTotal - ssBetween) / (n - k);
    return { key: s.key, value: Math.max(0, (ssBetween - (k - 1) * msWithin) / ssTotal), groups: k, trials: n };
  });
  return out.sort((a, b) => (b.value ?? -1) - (a.value ?? -1));
}
