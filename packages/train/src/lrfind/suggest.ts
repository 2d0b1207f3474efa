import { TrainConfigError } from '../errors';

// fastai's four learning-rate suggestions (fastai/callback/schedule.py: valley, slide, minimum, steep),
// written from their description and checked against hand-worked curves. Each takes the recorded curve
// already trimmed (see `suggestLr`) and returns the suggested rate and the point on the curve to mark.

export type SuggestMethod = 'valley' | 'slide' | 'minimum' | 'steep';
export const SUGGEST_METHODS: readonly SuggestMethod[] = ['valley', 'slide', 'minimum', 'steep'];

export interface Suggestion {
  method: SuggestMethod;
  /** The suggested learning rate. */
  lr: number;
  /** The point to mark on the curve: (lr, smoothed loss) there. For `minimum` it is the minimum itself. */
  point: { lr: number; loss: number };
}

/** What `train({lr: 'find'})` found: the rate it trains at, by which rule, and every rule's rate. */
export interface FoundLr {
  lr: number;
  method: SuggestMethod;
  suggestions: Record<SuggestMethod, Suggestion>;
}

type Rule = (lrs: number[], losses: number[]) => { lr: number; point: { lr: number; loss: number } };

/**
 * The longest run of strictly falling losses (a longest decreasing subsequence, O(n^2)), read as the
 * index range [start, end]; the suggestion sits at start + floor(len/3) + floor(len/6), about half way
 * down the valley, where the loss still falls fast and is far from diverging.
 */
const valley: Rule = (lrs, losses) => {
  const n = losses.length;
  const depth = new Array<number>(n).fill(1);
  let end = 0;
  let start = 0;
  for (let i = 1; i < n; i++) {
    for (let j = 0; j < i; j++) {
      if (losses[i]! < losses[j]! && depth[i]! < depth[j]! + 1) depth[i] = depth[j]! + 1;
      // fastai updates the best end inside the inner loop, so a tie keeps the earlier end.
      if (depth[end]! < depth[i]!) {
        end = i;
        start = end - depth[end]!;
      }
    }
  }
  const third = (end - start) / 3;
  // fastai's start is one before the run when the run begins at index 0 (-1, which Python reads as the
  // last element); clamping to 0 keeps the suggestion inside the curve.
  const idx = Math.max(0, start + Math.trunc(third) + Math.trunc(third / 2));
  return { lr: lrs[idx]!, point: { lr: lrs[idx]!, loss: losses[idx]! } };
};

/** numpy.gradient with unit spacing: central differences inside, one-sided at the two ends. */
export function gradient(values: number[]): number[] {
  const n = values.length;
  if (n < 2) return values.map(() => 0);
  return values.map((_, i) =>
    i === 0 ? values[1]! - values[0]! : i === n - 1 ? values[n - 1]! - values[n - 2]! : (values[i + 1]! - values[i - 1]!) / 2,
  );
}

/** Linear interpolation of y at x over increasing xs (numpy.interp: clamped at the ends). */
function interp(x: number, xs: number[], ys: number[]): number {
  if (x <= xs[0]!) return ys[0]!;
  for (let i = 1; i < xs.length; i++) {
    if (x <= xs[i]!) return ys[i - 1]! + ((ys[i]! - ys[i - 1]!) * (x - xs[i - 1]!)) / (xs[i]! - xs[i - 1]!);
  }
  return ys[ys.length - 1]!;
}

/**
 * The interval slide rule: walk a window of 15 points from the right end leftwards while the loss's
 * gradient differs by more than 0.005 across it; the rate at the window's left edge when it stops.
 */
const slide: Rule = (lrs, losses) => {
  const lrDiff = 15;
  const thresh = 0.005;
  const grad = gradient(losses);
  const n = losses.length;
  // Python's negative indices: r = -1 is the last point, l = r - 15.
  const at = <T>(xs: T[], i: number): T => xs[i < 0 ? n + i : i]!;
  let r = -1;
  // A curve shorter than the window: the window is the whole curve (Python would raise IndexError here).
  let l = Math.max(r - lrDiff, -n);
  let lr = at(lrs, l);
  while (l >= -n && Math.abs(at(grad, r) - at(grad, l)) > thresh) {
    lr = at(lrs, l);
    r -= 1;
    l -= 1;
  }
  const loss = interp(Math.log10(lr), lrs.map(Math.log10), losses);
  return { lr, point: { lr, loss } };
};

/** One tenth of the rate at the lowest loss. */
const minimum: Rule = (lrs, losses) => {
  let best = 0;
  for (let i = 1; i < losses.length; i++) if (losses[i]! < losses[best]!) best = i;
  return { lr: lrs[best]! / 10, point: { lr: lrs[best]!, loss: losses[best]! } };
};

/** The rate where the loss falls fastest per unit of log(lr) (the left end of the steepest segment). */
const steep: Rule = (lrs, losses) => {
  let best = 0;
  let bestSlope = Infinity;
  for (let i = 0; i + 1 < losses.length; i++) {
    const slope = (losses[i + 1]! - losses[i]!) / (Math.log(lrs[i + 1]!) - Math.log(lrs[i]!));
    if (slope < bestSlope) {
      bestSlope = slope;
      best = i;
    }
  }
  return { lr: lrs[best]!, point: { lr: lrs[best]!, loss: losses[best]! } };
};

const rules: Record<SuggestMethod, Rule> = { valley, slide, minimum, steep };

/**
 * A suggestion from a whole recorded curve, as fastai's lr_find makes it: the first tenth of the planned
 * iterations and the last five points are left out (the start says little, the end is divergence), and
 * the curve is cut at its first NaN. Throws when too little is left to suggest anything from.
 */
export function suggestLr(lrs: number[], losses: number[], iterations: number, method: SuggestMethod): Suggestion {
  let end = Math.max(0, losses.length - 5);
  const from = Math.floor(iterations / 10);
  const nan = losses.findIndex((l, i) => i >= from && i < end && Number.isNaN(l));
  if (nan >= 0) end = nan;
  const x = lrs.slice(from, end);
  const y = losses.slice(from, end);
  if (x.length < 2) {
    throw new TrainConfigError(
      'iterations',
      `the range test recorded ${losses.length} points before it stopped; ${x.length} remain once the first ` +
        `${from} and the last 5 are left out, too few to suggest a rate (start lower with --start-lr, or run more --iterations)`,
    );
  }
  return { method, ...rules[method](x, y) };
}

/** Every rule's suggestion from one curve, in SUGGEST_METHODS order (fastai's `suggest_funcs` all at once). */
export function suggestAll(lrs: number[], losses: number[], iterations: number): Record<SuggestMethod, Suggestion> {
  return Object.fromEntries(SUGGEST_METHODS.map((method) => [method, suggestLr(lrs, losses, iterations, method)])) as Record<SuggestMethod, Suggestion>;
}
