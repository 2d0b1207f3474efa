// The Tree-structured Parzen Estimator (Bergstra et al. 2011), as Optuna's TPESampler with
// multivariate=True: after `startupTrials` random trials, the finished trials are split into the best
// gamma(n) ("below") and the rest ("above"); a Parzen estimator l(x) is fitted to the first and g(x) to
// the second, `eiCandidates` settings are drawn from l, and the one with the largest l(x)/g(x) (the
// expected improvement's maximiser) is the next trial. Conditional settings form groups, one per condition
// (Optuna's group decomposition): each group is fitted to the trials that searched it.
import { createRng, type Rng } from '@lrkit/core';
import { drawValue } from '../random/draw';
import { isActive, sameValue, withParam, type SearchParam, type SearchSpace } from '../space/space';
import { ParzenEstimator, type Dimension } from './parzen';
import type { TpeSettings } from './settings';

/**
 * A finished trial as the sampler sees it: its settings and a score, lower is better, compared as a pair:
 * a completed trial is `[-Infinity, ±metric]` (signed so lower is better), a pruned one `[-epochs it ran,
 * its last loss]`, after every completed one and the longer-running first (Optuna's ranking of pruned trials).
 */
export interface Observation {
  params: Record<string, unknown>;
  score: readonly [number, number];
}

/** How many of n trials are "below" (the good ones): 10 %, rounded up, at most 25 (Optuna's default_gamma). */
export function belowCount(n: number): number {
  return Math.min(Math.ceil(0.1 * n), 25);
}

/** Lexicographic, a NaN value worst ((-Infinity) - (-Infinity) is NaN: compare, never subtract). */
function compareScores(a: readonly [number, number], b: readonly [number, number]): number {
  for (let i = 0; i < 2; i++) {
    const x = Number.isNaN(a[i]!) ? Infinity : a[i]!;
    const y = Number.isNaN(b[i]!) ? Infinity : b[i]!;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/** The domain of a setting in the estimator's space: log space for log ranges; an integer range in bins of 1. */
function dimensionOf(p: SearchParam): Dimension {
  const d = p.dist;
  if ('logUniform' in d) return { kind: 'number', low: Math.log(d.logUniform[0]), high: Math.log(d.logUniform[1]) };
  if ('uniform' in d) return { kind: 'number', low: d.uniform[0], high: d.uniform[1] };
  if ('int' in d) {
    const [lo, hi] = d.int;
    return d.log ? { kind: 'number', low: Math.log(lo - 0.5), high: Math.log(hi + 0.5) } : { kind: 'number', low: lo - 0.5, high: hi + 0.5, bin: 1 };
  }
  return { kind: 'choice', n: d.choice.length };
}

/** A setting's value in the estimator's space (undefined: a value the space cannot hold, e.g. from an edited file). */
function toInternal(p: SearchParam, value: unknown): number | undefined {
  const d = p.dist;
  if ('choice' in d) {
    const i = d.choice.findIndex((c) => sameValue(c, value));
    return i < 0 ? undefined : i;
  }
  if (typeof value !== 'number') return undefined;
  return 'logUniform' in d || ('int' in d && d.log) ? Math.log(value) : value;
}

function fromInternal(p: SearchParam, x: number): unknown {
  const d = p.dist;
  if ('choice' in d) return d.choice[x];
  if ('logUniform' in d) return Math.min(d.logUniform[1], Math.max(d.logUniform[0], Math.exp(x)));
  if ('int' in d) return d.log ? Math.min(d.int[1], Math.max(d.int[0], Math.round(Math.exp(x)))) : x;
  return x;
}

/** The searched settings grouped by condition, unconditional ones first, each group in the file's order. */
function groupsOf(space: SearchSpace): SearchParam[][] {
  const groups = new Map<string, SearchParam[]>();
  for (const p of space.params) {
    const key = JSON.stringify(p.when ?? null);
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  return [...groups.values()];
}

/** One group's settings by TPE: l and g fitted to the good and the other trials that searched the group. */
function sampleGroup(group: SearchParam[], below: Observation[], above: Observation[], rng: Rng, candidates: number): unknown[] {
  const dims = group.map(dimensionOf);
  const points = (obs: Observation[]) =>
    obs.flatMap((o) => {
      const xs = group.map((p) => toInternal(p, o.params[p.key]));
      return xs.every((x) => x !== undefined) ? [xs as number[]] : [];
    });
  const l = new ParzenEstimator(dims, points(below));
  const g = new ParzenEstimator(dims, points(above));
  let best: number[] | undefined;
  let bestScore = -Infinity;
  for (const x of l.sample(rng, candidates)) {
    const score = l.logPdf(x) - g.logPdf(x);
    if (best === undefined || score > bestScore) [best, bestScore] = [x, score];
  }
  return group.map((p, i) => fromInternal(p, best![i]!));
}

/**
 * The settings of trial `number` (0-based), from the finished trials `history` (in trial order; running and
 * failed trials are not in it: Optuna's default, constant_liar=False). The same space, settings, number and
 * history give the same settings: each trial draws from its own stream of the sampler's seed. `base` is the
 * config the settings are laid over, for the conditions.
 */
export function tpeSample(space: SearchSpace, settings: TpeSettings, number: number, history: readonly Observation[], base: Record<string, unknown> = {}): Record<string, unknown> {
  const rng = createRng(settings.samplerSeed).fork(`tpe:${number}`);
  const params: Record<string, unknown> = {};
  let config = base;
  const set = (p: SearchParam, value: unknown) => {
    params[p.key] = value;
    config = withParam(config, p, value);
  };
  if (history.length < settings.startupTrials) {
    for (const p of space.params) if (isActive(p, config)) set(p, drawValue(p.dist, rng));
    return params;
  }
  const order = history.map((_, i) => i).sort((i, j) => compareScores(history[i]!.score, history[j]!.score) || i - j);
  const nBelow = belowCount(history.length);
  const isBelow = new Set(order.slice(0, nBelow));
  const below = history.filter((_, i) => isBelow.has(i));
  const above = history.filter((_, i) => !isBelow.has(i));
  for (const group of groupsOf(space)) {
    if (!isActive(group[0]!, config)) continue;
    const values = sampleGroup(group, below, above, rng, settings.eiCandidates);
    group.forEach((p, i) => set(p, values[i]));
  }
  return params;
}
